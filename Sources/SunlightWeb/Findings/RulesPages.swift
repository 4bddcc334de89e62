import Foundation
import Hummingbird
import SunlightContract
import SunlightDomain
import SunlightRules
import SunlightStorage

/// The rule catalog: each rule's latest run (flagged / clear / not computable, and why), its
/// review statistics (效果可评), a scan button, and the parameters page for administrators.
struct RulesPages {
    let services: Services

    func register(on router: Router<AppRequestContext>) {
        router.get("/rules", use: catalog)
        router.post("/rules/scan", use: scan)
        router.get("/rules/settings", use: settings)
        router.post("/rules/settings", use: saveSettings)
    }

    @Sendable func catalog(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        guard AccessPolicy.readsFindings(principal.role) else { throw WebError.forbidden }
        return try await renderCatalog(request, context: context, principal: principal, flash: nil, error: nil)
    }

    private func renderCatalog(_ request: Request, context: AppRequestContext, principal: Principal, flash: String?,
                               error: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let language = context.language
        let runs = try await services.ruleRuns.latest()
        let statistics = Dictionary(uniqueKeysWithValues: try await services.findings.statistics(reach: principal.reach).map { ($0.rule, $0) })
        let rows = RuleCatalog.all.map { rule in
            var row = RulesPage.Rule(code: rule.code, title: language == .zh ? rule.titleZh : rule.titleEn,
                                     explanation: language == .zh ? rule.explanationZh : rule.explanationEn)
            let stats = statistics[rule.code]
            if let run = runs[rule.code] {
                row.ran = true
                // A run's counts are the county's; below county level only the principal's own
                // findings are counted (the findings list is scoped the same way).
                let countyWide = principal.reach == .everywhere
                row.flagged = countyWide ? run.flagged : (stats?.flagged ?? 0)
                row.clear = countyWide ? String(run.clear) : "—"
                row.notComputable = countyWide ? String(run.notComputable) : "—"
                row.asOf = run.asOf
                row.ms = run.milliseconds
                if run.status == "not_computable" {
                    row.reason = language == .zh ? (run.reasonZh ?? "") : (run.reasonEn ?? "")
                }
            }
            row.confirmed = stats?.confirmed ?? 0
            row.dismissed = stats?.dismissed ?? 0
            row.open = stats?.open ?? 0
            row.rate = stats?.confirmedRate.map { String(format: "%.0f%%", $0 * 100) } ?? "—"
            return row
        }
        let page = RulesPage(rules: rows, canScan: AccessPolicy.reviewsFindings(principal.role),
                             canConfigure: AccessPolicy.configuresRules(principal.role), today: LocalDate.today().iso, error: error)
        return services.renderer.render("rules", title: Strings.text("rules", language), request: request, context: context,
                                        page: page, status: status, flash: flash)
    }

    @Sendable func scan(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        guard AccessPolicy.reviewsFindings(principal.role) else { throw WebError.forbidden }
        var request = request
        let form = try await FormBody.read(&request, context: context)
        let asOfText = (form["as_of"] ?? "").trimmingCharacters(in: .whitespaces)
        let asOf: LocalDate
        if asOfText.isEmpty {
            asOf = .today()
        } else if let parsed = try? DateParsing.date(asOfText) {
            asOf = parsed
        } else {
            return try await renderCatalog(request, context: context, principal: principal, flash: nil,
                                           error: context.language == .zh ? "日期无法识别：\(asOfText)" : "not a date: \(asOfText)",
                                           status: .unprocessableContent)
        }
        let parameters = try await services.ruleSettings.current()
        let outcome: ScanOutcome
        do {
            outcome = try await services.scanner.run(ScanRequest(asOf: asOf, parameters: parameters), by: principal)
        } catch let error as any BilingualError {
            // Unreadable rows or a scan already running (409): said beside the catalog.
            return try await renderCatalog(request, context: context, principal: principal, flash: nil,
                                           error: error.message(context.language), status: error.status)
        }
        let total = outcome.results.reduce(0) { $0 + $1.findings.count }
        let flash = context.language == .zh ? "扫描完成（编号 \(outcome.scanID ?? 0)）：\(total) 条疑点。"
            : "Scan #\(outcome.scanID ?? 0) finished: \(total) findings."
        return try await renderCatalog(request, context: context, principal: principal, flash: flash, error: nil)
    }

    @Sendable func settings(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        guard AccessPolicy.configuresRules(principal.role) else { throw WebError.forbidden }
        return try await renderSettings(request, context: context, parameters: try await services.ruleSettings.current(),
                                        errors: [:], flash: nil)
    }

    private func renderSettings(_ request: Request, context: AppRequestContext, parameters: RuleParameters, errors: [String: String],
                                submitted: [String: String] = [:], cardinal: String? = nil, cardinalError: String? = nil,
                                flash: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let language = context.language
        let rules: [[String: Any]] = RuleCatalog.all.filter { !$0.parameters.isEmpty }.map { rule in
            let effective = parameters.effective(rule: rule.code)
            return [
                "code": rule.code, "title": language == .zh ? rule.titleZh : rule.titleEn,
                "parameters": rule.parameters.map { spec -> [String: Any] in
                    let field = "\(rule.code):\(spec.name)"
                    var item: [String: Any] = [
                        "field": field, "fieldID": field.replacingOccurrences(of: ".", with: "-").replacingOccurrences(of: ":", with: "-"),
                        "name": spec.name, "value": submitted[field] ?? effective[spec.name] ?? spec.defaultValue,
                        "default": spec.defaultValue, "description": language == .zh ? spec.descriptionZh : spec.descriptionEn,
                    ]
                    if let error = errors[field] { item["error"] = error }
                    return item
                },
            ]
        }
        var values: [String: Any] = ["rules": rules, "hasErrors": !errors.isEmpty || cardinalError != nil,
                                     "cardinal": cardinal ?? parameters.cardinalText]
        // Only when present: an empty string is still "true" to a Mustache section.
        if let cardinalError { values["cardinalError"] = cardinalError }
        return services.renderer.render("rule_settings", title: Strings.text("rule_settings", language), request: request,
                                        context: context, values: values, status: status, flash: flash)
    }

    @Sendable func saveSettings(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        guard AccessPolicy.configuresRules(principal.role) else { throw WebError.forbidden }
        var request = request
        let form = try await FormBody.read(&request, context: context)
        // Cardinal's sections come as INI text; the form's fields are applied on top of them.
        // (Starting from the defaults alone would drop Cardinal's part on every save.)
        let cardinal = form["cardinal"] ?? ""
        var parameters = RuleParameters.defaults
        var cardinalError: String?
        do {
            let parsed = try RuleParameters(iniText: cardinal)
            if parsed.iniText() != parsed.cardinalText {
                cardinalError = Strings.text("cardinal_only", context.language)
            } else {
                parameters = parsed
            }
        } catch {
            // Cardinal's own messages already begin with their line.
            let message = error.message(context.language)
            let line = error.line.map { context.language == .zh ? "第 \($0) 行：" : "line \($0): " } ?? ""
            cardinalError = message.hasPrefix(line) ? message : line + message
        }
        var errors: [String: String] = [:]
        var submitted: [String: String] = [:]
        for rule in RuleCatalog.all {
            for spec in rule.parameters {
                let field = "\(rule.code):\(spec.name)"
                guard let raw = form[field]?.trimmingCharacters(in: .whitespaces) else { continue }
                submitted[field] = raw
                if raw == spec.defaultValue { continue }
                do {
                    parameters = try parameters.setting(rule: rule.code, name: spec.name, value: raw)
                } catch {
                    errors[field] = error.message(context.language)
                }
            }
        }
        guard errors.isEmpty, cardinalError == nil else {
            return try await renderSettings(request, context: context, parameters: parameters, errors: errors, submitted: submitted,
                                            cardinal: cardinal, cardinalError: cardinalError, flash: nil, status: .unprocessableContent)
        }
        try await services.ruleSettings.save(parameters, by: principal)
        return try await renderSettings(request, context: context, parameters: parameters, errors: [:],
                                        flash: Strings.text("settings_saved", context.language))
    }
}

/// The rule catalog with each rule's last run and review counts (`rules.mustache`).
struct RulesPage {
    struct Rule {
        let code: String
        let title: String
        let explanation: String
        var ran = false
        // The last run's figures: absent (an empty cell) for a rule that never ran.
        var flagged: Int?
        var clear: String?
        var notComputable: String?
        var asOf: String?
        var ms: Int?
        /// Why the last run could not compute, when it could not.
        var reason: String?
        var confirmed = 0
        var dismissed = 0
        var open = 0
        var rate = "—"
    }

    let rules: [Rule]
    let canScan: Bool
    let canConfigure: Bool
    let today: String
    let error: String?
}
