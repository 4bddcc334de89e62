import Foundation
import Hummingbird
import SunlightContract
import SunlightDomain
import SunlightRegime
import SunlightStorage

/// Clues under disposition: the list, one clue with its deadlines, history, outcomes and the
/// steps the regime allows this user now, and the board of deadlines due soon and overdue.
struct CluePages {
    let services: Services
    let clues: ClueStore

    func register(on router: Router<AppRequestContext>) {
        router.get("/clues", use: list)
        router.get("/clues/deadlines", use: board)
        router.get("/clues/:id", use: show)
        router.post("/clues/:id/act", use: act)
        router.post("/clues/:id/notice", use: notice)
        router.post("/clues/:id/deadlines/:deadline/extend", use: extend)
        router.post("/clues/:id/deadlines/:deadline/pause", use: pause)
        router.post("/clues/:id/deadlines/:deadline/met", use: met)
        router.post("/clues/:id/appeal", use: appeal)
        router.post("/findings/:id/clue", use: fromFinding)
    }

    static func requireReader(_ context: AppRequestContext) throws -> Principal {
        let principal = try context.requirePrincipal()
        guard AccessPolicy.handlesReports(principal.role) || AccessPolicy.approvesDispositions(principal.role) else { throw WebError.forbidden }
        return principal
    }

    func stateLabel(_ state: ClueState, _ language: Language) -> String {
        let label = clues.regime.clueWorkflow.info(state)?.label
        return (language == .zh ? label?.zh : label?.en) ?? state.rawValue
    }

    func ruleTitle(_ code: String, _ language: Language) -> String {
        let rule = clues.regime.deadlineRule(code)
        return rule.map { language == .zh ? $0.title.zh : $0.title.en } ?? code
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try Self.requireReader(context)
        let language = context.language
        let state = request.uri.queryParameters.get("state").flatMap { $0.isEmpty ? nil : ClueState(rawValue: $0) }
        let rows = try await clues.list(state: state, for: principal).map { clue in
            CluesPage.Row(id: clue.id, reference: clue.reference, receivedOn: clue.receivedOn, state: stateLabel(clue.state, language),
                          subject: [clue.subjectName, clue.subjectUnit].filter { !$0.isEmpty }.joined(separator: " · "),
                          handler: clue.handler ?? "—",
                          source: ReportSource(rawValue: clue.source).map { language == .zh ? $0.label.zh : $0.label.en } ?? clue.source)
        }
        let states = clues.regime.clueWorkflow.states.map { info in
            CluesPage.State(value: info.state.rawValue, label: language == .zh ? info.label.zh : info.label.en, selected: info.state == state)
        }
        let page = CluesPage(rows: rows, states: states, none: rows.isEmpty)
        return services.renderer.render("clues", title: Strings.text("clues", language), request: request, context: context, page: page)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try Self.requireReader(context)
        return try await render(try ReportPages.id(context), request: request, context: context, flash: nil)
    }

    func render(_ id: Int64, request: Request, context: AppRequestContext, flash: String?, error: String? = nil,
                status: HTTPResponse.Status = .ok) async throws -> Response {
        let principal = try context.requirePrincipal()
        let language = context.language
        let clue: StoredClue
        do { clue = try await clues.get(id, for: principal) } catch is RecordNotFound { throw WebError.notFound }
        let actor = Actor(username: principal.username, role: principal.role)
        let today = LocalDate.today()
        let regime = clues.regime
        let measures: [CluePage.Option] = regime.fourForms.forms.flatMap { form in
            form.measures.map { CluePage.Option(value: $0.code, label: "\(form.number) · " + (language == .zh ? $0.label.zh : $0.label.en)) }
        } + ([regime.governmentSanctions.sanctions, regime.partySanctions.sanctions].flatMap { $0 }).map { sanction in
            let form = regime.form(ofOutcome: sanction.code).map(String.init) ?? "?"
            return CluePage.Option(value: sanction.code, label: "\(form) · " + (language == .zh ? sanction.system.label.zh + sanction.label.zh
                                                                                    : sanction.system.label.en + " " + sanction.label.en))
        }
        let steps = regime.clueWorkflow.actions(from: clue.state, for: actor).map { transition in
            var step = CluePage.Step(action: transition.action, label: language == .zh ? transition.label.zh : transition.label.en,
                                     to: stateLabel(transition.to, language), needsHandler: transition.action == "assign",
                                     needsNote: transition.recordsProposal)
            if transition.outcomeForms != nil {
                step.needsOutcome = true
                step.measures = measures
                step.person = clue.subjectName
                step.personID = clue.subjectIDNumber ?? ""
                step.today = today.iso
            }
            return step
        }
        let deadlines = try await clues.deadlines(clueID: id, today: today).map { deadline in
            CluePage.Deadline(id: deadline.id, rule: ruleTitle(deadline.ruleCode, language), code: deadline.ruleCode,
                              startsOn: deadline.startsOn, dueOn: deadline.dueOn ?? "—", metOn: deadline.metOn ?? "",
                              status: deadline.status.map { language == .zh ? $0.label.zh : $0.label.en } ?? "—",
                              statusClass: Self.statusClass(deadline.status), provisional: deadline.provisional,
                              extensions: deadline.extensions.map { "+\($0.amount.map(String.init) ?? "") \($0.approver): \($0.reason)" }
                                  .joined(separator: "; "),
                              open: deadline.metOn == nil)
        }
        let events = try await clues.events(id).map { event in
            CluePage.Event(at: DisplayTime.local(event.at), actor: event.actor, action: eventLabel(event.action, regime: regime, language),
                           note: event.note ?? "", to: event.toState.map { stateLabel(ClueState(rawValue: $0), language) } ?? "")
        }
        let outcomes = try await clues.outcomes(clueID: id).map { outcome in
            let label = regime.sanction(outcome.measure).map { language == .zh ? $0.system.label.zh + $0.label.zh : $0.label.en }
                ?? regime.fourForms.forms.flatMap(\.measures).first { $0.code == outcome.measure }.map { language == .zh ? $0.label.zh : $0.label.en }
                ?? outcome.measure
            return CluePage.Outcome(person: outcome.personName, form: outcome.form, measure: label, effectiveOn: outcome.effectiveOn,
                                    until: outcome.influenceUntil ?? "—", decidedBy: outcome.decidedBy)
        }
        let page = CluePage(
            id: clue.id, clueID: clue.id, reference: clue.reference, state: stateLabel(clue.state, language),
            subject: [clue.subjectName, clue.subjectUnit, clue.subjectPost].filter { !$0.isEmpty }.joined(separator: " · "),
            receivedOn: clue.receivedOn, handler: clue.handler ?? "—", proposal: clue.proposal ?? "", proposer: clue.proposer ?? "",
            regimeVersion: clue.regimeVersion, steps: steps, deadlines: deadlines, events: events, outcomes: outcomes,
            reports: try await clues.reportIDs(of: id).map { CluePage.Report(id: $0) },
            isHandler: AccessPolicy.handlesReports(principal.role), isApprover: AccessPolicy.approvesDispositions(principal.role),
            hasOutcomes: !outcomes.isEmpty,
            canAppeal: clue.state == .outcomeDecided && AccessPolicy.handlesReports(principal.role),
            findingID: clue.findingID, error: error)
        return services.renderer.render("clue", title: clue.reference, request: request, context: context, page: page, status: status, flash: flash)
    }

    static func statusClass(_ status: DeadlineStatus?) -> String {
        switch status {
        case .overdue, .metLate: return "deadline-overdue"
        case .dueSoon: return "deadline-soon"
        case .met: return "deadline-met"
        default: return ""
        }
    }

    /// A clue event as people read it: a workflow step by its label in the regime, any other
    /// event (registration, a deadline met, an appeal…) by its words — never the action code.
    private func eventLabel(_ action: String, regime: Regime, _ language: Language) -> String {
        if let step = regime.clueWorkflow.transitions.first(where: { $0.action == action }) {
            return language == .zh ? step.label.zh : step.label.en
        }
        return Strings.text("clue_event_" + action, language)
    }

    private func attempt(_ id: Int64, request: Request, context: AppRequestContext, _ body: () async throws -> Void) async throws -> Response {
        do {
            try await body()
            return try await render(id, request: request, context: context, flash: Strings.text("review_saved", context.language))
        } catch let error as any BilingualError {
            return try await render(id, request: request, context: context, flash: nil,
                                    error: error.message(context.language), status: error.status)
        }
    }

    @Sendable func act(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try Self.requireReader(context)
        let id = try ReportPages.id(context)
        var request = request
        let form = try await FormBody.read(&request, context: context)
        var outcomes: [OutcomeInput] = []
        if let measure = form["measure"], !measure.isEmpty {
            let months = form["months"].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            let idNumber = form["person_id_number"]?.trimmingCharacters(in: .whitespaces)
            let combined = (form["combined_with"] ?? "").split(whereSeparator: { ",，+ ".contains($0) }).map(String.init)
            outcomes.append(OutcomeInput(personName: form["person_name"] ?? "", personIDNumber: (idNumber?.isEmpty ?? true) ? nil : idNumber,
                                         measure: measure, months: months, effectiveOn: form["effective_on"] ?? "", note: form["note"],
                                         combinedWith: combined))
        }
        return try await attempt(id, request: request, context: context) {
            try await clues.act(id, action: form["action"] ?? "", handler: form["handler"], note: form["note"], outcomes: outcomes, by: principal)
        }
    }

    @Sendable func notice(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try Self.requireReader(context)
        let id = try ReportPages.id(context)
        return try await attempt(id, request: request, context: context) { try await clues.noticeSent(clueID: id, by: principal) }
    }

    @Sendable func extend(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try Self.requireReader(context)
        let id = try ReportPages.id(context)
        guard let deadline = context.parameters.get("deadline", as: Int64.self) else { throw WebError.notFound }
        var request = request
        let form = try await FormBody.read(&request, context: context)
        return try await attempt(id, request: request, context: context) {
            try await clues.extend(deadline: deadline, ofClue: id, amount: form["amount"].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) },
                                   reason: form["reason"] ?? "", by: principal)
        }
    }

    @Sendable func pause(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try Self.requireReader(context)
        let id = try ReportPages.id(context)
        guard let deadline = context.parameters.get("deadline", as: Int64.self) else { throw WebError.notFound }
        var request = request
        let form = try await FormBody.read(&request, context: context)
        guard let from = (form["from"]).flatMap({ try? DateParsing.date($0) }), let through = (form["through"]).flatMap({ try? DateParsing.date($0) }) else {
            return try await render(id, request: request, context: context, flash: nil,
                                    error: context.language == .zh ? "请填写中止计时的起止日期" : "give the pause's first and last day",
                                    status: .unprocessableContent)
        }
        return try await attempt(id, request: request, context: context) {
            try await clues.pause(deadline: deadline, ofClue: id, from: from, through: through, reason: form["reason"] ?? "", by: principal)
        }
    }

    @Sendable func met(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try Self.requireReader(context)
        let id = try ReportPages.id(context)
        guard let deadline = context.parameters.get("deadline", as: Int64.self) else { throw WebError.notFound }
        var request = request
        let form = try await FormBody.read(&request, context: context)
        return try await attempt(id, request: request, context: context) {
            try await clues.markMet(deadline: deadline, ofClue: id, note: form["note"] ?? "", by: principal)
        }
    }

    @Sendable func appeal(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try Self.requireReader(context)
        let id = try ReportPages.id(context)
        var request = request
        let form = try await FormBody.read(&request, context: context)
        guard let kind = ClueStore.AppealKind(rawValue: form["kind"] ?? ""),
              let received = form["decision_received_on"].flatMap({ try? DateParsing.date($0) }),
              let requested = form["requested_on"].flatMap({ try? DateParsing.date($0) }) else {
            return try await render(id, request: request, context: context, flash: nil,
                                    error: context.language == .zh ? "请选择复审或复核，并填写收到决定和提出申请的日期"
                                        : "choose the kind of appeal and give the dates the decision was received and the appeal made",
                                    status: .unprocessableContent)
        }
        return try await attempt(id, request: request, context: context) {
            try await clues.recordAppeal(clueID: id, kind: kind, decisionReceivedOn: received, requestedOn: requested, by: principal)
        }
    }

    @Sendable func fromFinding(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        guard AccessPolicy.handlesReports(principal.role) else { throw WebError.forbidden }
        let clueID = try await clues.open(fromFinding: try ReportPages.id(context), by: principal)
        return Response(status: .seeOther, headers: [.location: "/clues/\(clueID)"])
    }

    /// Open deadlines, most urgent first, with counts per handler (临期、超期).
    @Sendable func board(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try Self.requireReader(context)
        let language = context.language
        let visible = Set(try await clues.list(limit: 100_000, for: principal).map(\.id))
        let open = try await clues.deadlines(openOnly: true).filter { visible.contains($0.clueID) }
        var perHandler: [String: (overdue: Int, soon: Int, total: Int)] = [:]
        let rows = open.map { deadline -> DeadlineBoardPage.Row in
            let handler = deadline.handler ?? "—"
            var counts = perHandler[handler] ?? (0, 0, 0)
            counts.total += 1
            if case .overdue = deadline.status { counts.overdue += 1 }
            if case .dueSoon = deadline.status { counts.soon += 1 }
            perHandler[handler] = counts
            return .init(clueID: deadline.clueID, reference: deadline.clueReference, rule: ruleTitle(deadline.ruleCode, language),
                         dueOn: deadline.dueOn ?? "—", handler: handler, statusClass: Self.statusClass(deadline.status),
                         status: deadline.status.map { language == .zh ? $0.label.zh : $0.label.en } ?? "—")
        }
        let handlers = perHandler.sorted { ($0.value.overdue, $0.value.soon) > ($1.value.overdue, $1.value.soon) }.map {
            DeadlineBoardPage.Handler(handler: $0.key, overdue: $0.value.overdue, soon: $0.value.soon, total: $0.value.total)
        }
        let page = DeadlineBoardPage(rows: rows, handlers: handlers, none: rows.isEmpty)
        return services.renderer.render("deadlines", title: Strings.text("deadline_board", language), request: request, context: context,
                                        page: page)
    }
}

/// One clue: its state, the steps this person may take, deadlines, trail and outcomes
/// (`clue.mustache`).
struct CluePage {
    struct Option {
        let value: String
        let label: String
    }

    /// A step of the workflow this person may take now, with the inputs it needs.
    struct Step {
        let action: String
        let label: String
        let to: String
        let needsHandler: Bool
        let needsNote: Bool
        var needsOutcome = false
        var measures: [Option] = []
        var person: String?
        var personID: String?
        var today: String?
    }

    struct Deadline {
        let id: Int64
        let rule: String
        let code: String
        let startsOn: String
        let dueOn: String
        let metOn: String
        let status: String
        let statusClass: String
        let provisional: Bool
        let extensions: String
        let open: Bool
    }

    struct Event {
        let at: String
        let actor: String
        let action: String
        let note: String
        let to: String
    }

    struct Outcome {
        let person: String
        let form: Int
        let measure: String
        let effectiveOn: String
        let until: String
        let decidedBy: String
    }

    struct Report {
        let id: Int64
    }

    let id: Int64
    let clueID: Int64
    let reference: String
    let state: String
    let subject: String
    let receivedOn: String
    let handler: String
    let proposal: String
    let proposer: String
    let regimeVersion: String
    let steps: [Step]
    let deadlines: [Deadline]
    let events: [Event]
    let outcomes: [Outcome]
    let reports: [Report]
    let isHandler: Bool
    let isApprover: Bool
    let hasOutcomes: Bool
    let canAppeal: Bool
    let findingID: Int64?
    let error: String?
}

/// The clues list (`clues.mustache`).
struct CluesPage {
    struct Row {
        let id: Int64
        let reference: String
        let receivedOn: String
        let state: String
        let subject: String
        let handler: String
        let source: String
    }

    typealias State = SelectOption

    let rows: [Row]
    let states: [State]
    let none: Bool
}

/// Open deadlines across clues, most urgent handlers first (`deadlines.mustache`).
struct DeadlineBoardPage {
    struct Row {
        let clueID: Int64
        let reference: String
        let rule: String
        let dueOn: String
        let handler: String
        let statusClass: String
        let status: String
    }

    struct Handler {
        let handler: String
        let overdue: Int
        let soon: Int
        let total: Int
    }

    let rows: [Row]
    let handlers: [Handler]
    let none: Bool
}
