import Foundation
import Hummingbird
import SunlightContract
import SunlightRules
import SunlightStorage
import SunlightTabular
import SunlightDomain

/// The findings of the data supervision engine: a filtered list, a detail page that explains
/// each finding from its evidence, review steps (each in the ledger) and exports.
struct FindingsPages {
    let services: Services

    func register(on router: Router<AppRequestContext>) {
        router.get("/findings", use: list)
        router.get("/findings/export.csv", use: exportCSV)
        router.get("/findings/export.xlsx", use: exportXLSX)
        router.get("/findings/:id", use: detail)
        router.post("/findings/:id/review", use: review)
    }

    private func requireReader(_ context: AppRequestContext) throws -> Principal {
        let principal = try context.requirePrincipal()
        guard AccessPolicy.readsFindings(principal.role) else { throw WebError.forbidden }
        return principal
    }

    static func query(_ request: Request) throws -> FindingQuery {
        let p = request.uri.queryParameters
        func value(_ name: String) -> String? { p.get(name).flatMap { $0.isEmpty ? nil : $0 } }
        var query = FindingQuery(rule: value("rule"), unitCode: value("unit"), severity: value("severity"),
                                 status: value("status").flatMap(FindingStatus.init(rawValue:)), period: value("period"),
                                 includeCleared: value("cleared") == "1",
                                 sort: value("sort").flatMap(FindingQuery.Sort.init(rawValue:)) ?? .newest,
                                 page: try PagingParameters.page(request), perPage: 50)
        if let severity = query.severity, !["high", "medium", "low"].contains(severity) { query.severity = nil }
        return query
    }

    static func title(_ rule: String, _ language: Language) -> String {
        guard let found = RuleCatalog.rule(code: rule) else { return rule }
        return language == .zh ? found.titleZh : found.titleEn
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try requireReader(context)
        let language = context.language
        let query = try Self.query(request)
        let page = try await services.findings.list(query, reach: principal.reach)
        let rows = page.items.map { f in
            FindingsListPage.Row(id: f.id, rule: f.rule, title: Self.title(f.rule, language), subject: f.subject, unit: f.unitCode ?? "—",
                                 period: f.period ?? "—", severity: f.severity,
                                 severityLabel: Strings.text("severity_" + f.severity, language),
                                 status: Strings.text("status_" + f.status.rawValue, language),
                                 summary: language == .zh ? f.summaryZh : f.summaryEn, cleared: !f.isCurrent)
        }
        let pages = max(1, (page.total + query.perPage - 1) / query.perPage)
        var parameters: [String] = []
        func keep(_ name: String, _ value: String?) {
            if let value, !value.isEmpty { parameters.append("\(name)=\(value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? value)") }
        }
        keep("rule", query.rule); keep("unit", query.unitCode); keep("severity", query.severity); keep("status", query.status?.rawValue)
        keep("period", query.period); keep("sort", query.sort.rawValue); if query.includeCleared { keep("cleared", "1") }
        let base = parameters.joined(separator: "&")
        let model = FindingsListPage(
            rows: rows, total: page.total, page: query.page, pages: pages,
            rules: RuleCatalog.all.map { .init(code: $0.code, title: language == .zh ? $0.titleZh : $0.titleEn, selected: $0.code == query.rule) },
            severities: Severity.allCases.map {
                .init(code: $0.rawValue, label: Strings.text("severity_" + $0.rawValue, language), selected: $0.rawValue == query.severity)
            },
            statuses: FindingStatus.allCases.map {
                .init(code: $0.rawValue, label: Strings.text("status_" + $0.rawValue, language), selected: $0 == query.status)
            },
            sorts: FindingQuery.Sort.allCases.map {
                .init(code: $0.rawValue, label: Strings.text("sort_" + $0.rawValue, language), selected: $0 == query.sort)
            },
            unit: query.unitCode ?? "", period: query.period ?? "", cleared: query.includeCleared, exportQuery: base,
            canScan: AccessPolicy.reviewsFindings(principal.role), hasScans: try await services.ruleRuns.hasScans(),
            prev: query.page > 1 ? "/findings?\(base)&page=\(query.page - 1)" : nil,
            next: query.page < pages ? "/findings?\(base)&page=\(query.page + 1)" : nil)
        return services.renderer.render("findings", title: Strings.text("findings", language), request: request, context: context,
                                        page: model)
    }

    @Sendable func detail(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try requireReader(context)
        guard let id = context.parameters.get("id", as: Int64.self),
              let finding = try await services.findings.get(id: id, reach: principal.reach) else { throw WebError.notFound }
        return try await renderDetail(finding, request: request, context: context, principal: principal, error: nil, status: .ok)
    }

    private func renderDetail(_ finding: StoredFinding, request: Request, context: AppRequestContext, principal: Principal,
                              error: String?, status: HTTPResponse.Status, flash: String? = nil) async throws -> Response {
        let language = context.language
        let rule = RuleCatalog.rule(code: finding.rule)
        let tree = EvidenceTree.parse(finding.evidenceJSON) ?? .null
        let run = try await services.ruleRuns.run(rule: finding.rule, scanID: finding.lastScanID)
        let events = try await services.findings.events(of: finding.id).map { event in
            FindingPage.Event(at: DisplayTime.local(event.at), actor: event.actor, action: Strings.text("event_" + event.action, language),
                              detail: event.detail ?? "")
        }
        let closed = finding.status == .confirmed || finding.status == .dismissed
        /// Only present values: an empty string is still "true" to a Mustache section.
        func present(_ value: String?) -> String? { value.flatMap { $0.isEmpty ? nil : $0 } }
        var page = FindingPage(
            id: finding.id, rule: finding.rule, title: Self.title(finding.rule, language), subject: finding.subject,
            summary: language == .zh ? finding.summaryZh : finding.summaryEn,
            explanation: rule.map { language == .zh ? $0.explanationZh : $0.explanationEn } ?? "",
            severity: finding.severity, severityLabel: Strings.text("severity_" + finding.severity, language),
            status: Strings.text("status_" + finding.status.rawValue, language), cleared: !finding.isCurrent,
            evidenceHTML: EvidenceHTML.render(tree, language: language, networkLinks: NetworkPages.opens(principal.role)),
            events: events, canReview: AccessPolicy.reviewsFindings(principal.role),
            canOpenClue: AccessPolicy.handlesReports(principal.role), closed: closed, evidenceJSON: finding.evidenceJSON,
            assignee: present(finding.assignee), reviewReason: present(finding.reviewReason), unit: present(finding.unitCode),
            period: present(finding.period), chart: FindingChart.svg(rule: finding.rule, evidence: tree, language: language),
            run: run.map { .init(scan: $0.scanID, version: $0.version, asOf: $0.asOf, fingerprint: $0.inputFingerprint,
                                 parameters: $0.parametersJSON, finished: DisplayTime.local($0.finishedAt)) },
            error: error)
        if AccessPolicy.reviewsFindings(principal.role) && !closed {
            // The assignee picker: only accounts that may handle this finding.
            page.assignees = try await services.findings.assignableUsers(findingID: finding.id).map {
                FindingPage.Assignee(name: $0, selected: $0 == finding.assignee)
            }
        }
        return services.renderer.render("finding", title: Self.title(finding.rule, language), request: request, context: context,
                                        page: page, status: status, flash: flash)
    }

    @Sendable func review(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try requireReader(context)
        guard AccessPolicy.reviewsFindings(principal.role) else { throw WebError.forbidden }
        guard let id = context.parameters.get("id", as: Int64.self),
              try await services.findings.get(id: id, reach: principal.reach) != nil else { throw WebError.notFound }
        var request = request
        let form = try await FormBody.read(&request, context: context)
        guard let action = FindingStore.ReviewAction(rawValue: form["action"] ?? "") else {
            throw WebError.badRequest("review.action", zh: "未知的审核操作", en: "unknown review step")
        }
        do {
            let updated = try await services.findings.review(id: id, action: action, assignee: form["assignee"], reason: form["reason"],
                                                             by: principal)
            return try await renderDetail(updated, request: request, context: context, principal: principal, error: nil, status: .ok,
                                          flash: Strings.text("review_saved", context.language))
        } catch let error as any BilingualError {
            let finding = try await services.findings.get(id: id, reach: principal.reach)!
            return try await renderDetail(finding, request: request, context: context, principal: principal,
                                          error: error.message(context.language), status: error.status)
        }
    }

    /// All findings matching the filters (no paging), as rows for a spreadsheet.
    private func exportRows(_ request: Request, context: AppRequestContext) async throws -> [[String]] {
        let principal = try requireReader(context)
        var query = try Self.query(request)
        query.perPage = 500
        var rows: [[String]] = [["id", "rule", "subject", "severity", "unit_code", "period", "status", "assignee", "summary_zh", "summary_en", "evidence"]]
        var page = 1
        while true {
            query.page = page
            let chunk = try await services.findings.list(query, reach: principal.reach)
            for f in chunk.items {
                rows.append([String(f.id), f.rule, f.subject, f.severity, f.unitCode ?? "", f.period ?? "", f.status.rawValue,
                             f.assignee ?? "", f.summaryZh, f.summaryEn, f.evidenceJSON])
            }
            if chunk.items.count < query.perPage || rows.count > 200_000 { break }
            page += 1
        }
        let exported = rows.count - 1
        try await services.recorder.write(by: principal) { tx in
            try await tx.note(.export, objectType: "findings", objectID: "export", details: "{\"rows\":\"\(exported)\"}")
        }
        return rows
    }

    @Sendable func exportCSV(_ request: Request, context: AppRequestContext) async throws -> Response {
        let rows = try await exportRows(request, context: context)
        var text = "\u{FEFF}"
        for row in rows { text += CSVWriter.line(row) }
        return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8",
                                               .contentDisposition: "attachment; filename=\"findings.csv\""],
                        body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    @Sendable func exportXLSX(_ request: Request, context: AppRequestContext) async throws -> Response {
        let rows = try await exportRows(request, context: context)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("findings-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(at: url) }
        try XLSXWriter.write(url: url, sheetName: "findings", rows: rows)
        let data = try Data(contentsOf: url)
        return Response(status: .ok, headers: [.contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                               .contentDisposition: "attachment; filename=\"findings.xlsx\""],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// The findings list (`findings.mustache`).
struct FindingsListPage {
    struct Row {
        let id: Int64
        let rule: String
        let title: String
        let subject: String
        let unit: String
        let period: String
        let severity: String
        let severityLabel: String
        let status: String
        let summary: String
        let cleared: Bool
    }

    /// A choice of a filter's select.
    struct Choice {
        let code: String
        var title = ""
        var label = ""
        let selected: Bool

        init(code: String, title: String, selected: Bool) { (self.code, self.title, self.selected) = (code, title, selected) }
        init(code: String, label: String, selected: Bool) { (self.code, self.label, self.selected) = (code, label, selected) }
    }

    let rows: [Row]
    let total: Int
    let page: Int
    let pages: Int
    let rules: [Choice]
    let severities: [Choice]
    let statuses: [Choice]
    let sorts: [Choice]
    let unit: String
    let period: String
    let cleared: Bool
    /// The filters as a query string, for the export links and paging.
    let exportQuery: String
    let canScan: Bool
    let hasScans: Bool
    let prev: String?
    let next: String?
}

/// One finding with its evidence, review and trail (`finding.mustache`).
struct FindingPage {
    struct Event {
        let at: String
        let actor: String
        let action: String
        let detail: String
    }

    struct Assignee {
        let name: String
        let selected: Bool
    }

    /// The rule run that produced the finding: version, date, input fingerprint, parameters.
    struct Run {
        let scan: Int64
        let version: Int
        let asOf: String
        let fingerprint: String
        let parameters: String
        let finished: String
    }

    let id: Int64
    let rule: String
    let title: String
    let subject: String
    let summary: String
    let explanation: String
    let severity: String
    let severityLabel: String
    let status: String
    let cleared: Bool
    let evidenceHTML: String
    let events: [Event]
    let canReview: Bool
    let canOpenClue: Bool
    let closed: Bool
    let evidenceJSON: String
    let assignee: String?
    let reviewReason: String?
    let unit: String?
    let period: String?
    let chart: String?
    let run: Run?
    let error: String?
    var assignees: [Assignee] = []
}
