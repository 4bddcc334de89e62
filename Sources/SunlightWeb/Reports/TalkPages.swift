import Foundation
import Hummingbird
import SunlightContract
import SunlightDomain
import SunlightRegime
import SunlightStorage

/// Integrity talks (record and list) and the per-person integrity file (廉政档案): talks,
/// outcomes and sanctions with their running influence periods, and — for inspectors only —
/// the clues about the person.
struct TalkPages {
    let services: Services
    let talks: TalkStore
    let clues: ClueStore

    func register(on router: Router<AppRequestContext>) {
        router.get("/talks", use: list)
        router.post("/talks", use: create)
        router.get("/integrity/:id", use: file)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        guard AccessPolicy.recordsTalks(principal.role) else { throw WebError.forbidden }
        return try await render(request, context: context, fields: ["held_on": LocalDate.today().iso], error: nil, flash: nil)
    }

    private func render(_ request: Request, context: AppRequestContext, fields: [String: String], error: String?, flash: String?,
                        status: HTTPResponse.Status = .ok) async throws -> Response {
        let language = context.language
        let rows = try await talks.list().map { talk in
            TalksPage.Row(heldOn: talk.heldOn, kind: language == .zh ? talk.kind.zh : talk.kind.en, person: talk.personName,
                          by: talk.talkedBy, topics: talk.topics, followUp: talk.followUp)
        }
        let kinds = TalkKind.allCases.map { kind in
            TalksPage.Option(value: kind.rawValue, label: language == .zh ? kind.zh : kind.en, selected: fields["kind"] == kind.rawValue)
        }
        let page = TalksPage(rows: rows, kinds: kinds, field: fields, none: rows.isEmpty, error: error)
        return services.renderer.render("talks", title: Strings.text("talks", language), request: request, context: context, page: page,
                                        status: status, flash: flash)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        guard AccessPolicy.recordsTalks(principal.role) else { throw WebError.forbidden }
        var request = request
        let form = try await FormBody.read(&request, context: context).values
        let input = TalkInput(kind: TalkKind(rawValue: form["kind"] ?? "") ?? .reminder, heldOn: form["held_on"] ?? "",
                              personName: form["person_name"] ?? "", personIDNumber: form["person_id_number"],
                              unitCode: form["unit_code"].flatMap { $0.isEmpty ? nil : $0 }, talkedBy: form["talked_by"] ?? "",
                              topics: form["topics"] ?? "", followUp: form["follow_up"] ?? "")
        do {
            try await talks.record(input, by: principal)
            return try await render(request, context: context, fields: ["held_on": LocalDate.today().iso], error: nil,
                                    flash: Strings.text("review_saved", context.language))
        } catch let error as any BilingualError {
            return try await render(request, context: context, fields: form, error: error.message(context.language),
                                    flash: nil, status: error.status)
        }
    }

    /// The integrity file of a registry person (by record id, so no ID number travels in a URL).
    @Sendable func file(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        guard AccessPolicy.recordsTalks(principal.role) || AccessPolicy.approvesDispositions(principal.role) else { throw WebError.forbidden }
        let language = context.language
        guard let id = context.parameters.get("id", as: Int64.self),
              let person = try await services.records.get(id: id, in: Registry.people, reach: principal.reach),
              let idNumber = person.record["id_number"].text else { throw WebError.notFound }
        let regime = clues.regime
        let today = LocalDate.today()
        let talkRows = try await talks.list(personIDNumber: idNumber).map { talk in
            TalksPage.Row(heldOn: talk.heldOn, kind: language == .zh ? talk.kind.zh : talk.kind.en, person: "", by: talk.talkedBy,
                          topics: talk.topics, followUp: talk.followUp)
        }
        let outcomes = try await clues.outcomes(personIDNumber: idNumber).map { outcome -> IntegrityFilePage.Outcome in
            let sanction = regime.sanction(outcome.measure)
            let label = sanction.map { language == .zh ? $0.system.label.zh + $0.label.zh : $0.system.label.en + " " + $0.label.en }
                ?? regime.fourForms.forms.flatMap(\.measures).first { $0.code == outcome.measure }.map { language == .zh ? $0.label.zh : $0.label.en }
                ?? outcome.measure
            var item = IntegrityFilePage.Outcome(form: outcome.form, measure: label, effectiveOn: outcome.effectiveOn,
                                                 until: outcome.influenceUntil ?? "—")
            if sanction != nil {
                if let until = outcome.influenceUntil.flatMap(LocalDate.init(iso:)) {
                    item.running = until >= today ? Strings.text("in_force", language) + "（\(today.days(until: until) + 1)）" : Strings.text("ended", language)
                    item.inForce = until >= today
                } else {
                    item.running = Strings.text("permanent", language)
                    item.inForce = true
                }
            }
            return item
        }
        var page = IntegrityFilePage(name: person.record["name"].text ?? "", unit: person.record["unit_code"].text ?? "",
                                     post: person.record["post"].text ?? "", talks: talkRows, noTalks: talkRows.isEmpty, outcomes: outcomes,
                                     personPath: "/registry/people/\(id)")
        // Clues about the person: for the inspectors who handle them, never for leaders.
        if AccessPolicy.handlesReports(principal.role) {
            page.showClues = true
            page.clues = try await clues.clues(about: idNumber, for: principal).map { clue in
                let state = regime.clueWorkflow.info(clue.state)?.label
                return .init(id: clue.id, reference: clue.reference, receivedOn: clue.receivedOn,
                             state: (language == .zh ? state?.zh : state?.en) ?? clue.state.rawValue)
            }
        }
        return services.renderer.render("integrity", title: Strings.text("integrity_file", language), request: request, context: context,
                                        page: page)
    }
}

/// The talks page (`talks.mustache`).
struct TalksPage {
    struct Row {
        let heldOn: String
        let kind: String
        let person: String
        let by: String
        let topics: String
        let followUp: String
    }

    typealias Option = SelectOption

    let rows: [Row]
    let kinds: [Option]
    /// The form's values as entered (kept when it is refused).
    let field: [String: String]
    let none: Bool
    let error: String?
}

/// A person's integrity file (`integrity.mustache`).
struct IntegrityFilePage {
    struct Outcome {
        let form: Int
        let measure: String
        let effectiveOn: String
        let until: String
        /// Whether a sanction's influence period is running, in words (sanctions only).
        var running: String?
        var inForce = false
    }

    struct Clue {
        let id: Int64
        let reference: String
        let receivedOn: String
        let state: String
    }

    let name: String
    let unit: String
    let post: String
    let talks: [TalksPage.Row]
    let noTalks: Bool
    let outcomes: [Outcome]
    let personPath: String
    var showClues = false
    var clues: [Clue] = []
}
