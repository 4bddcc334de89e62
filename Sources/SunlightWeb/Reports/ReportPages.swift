import Foundation
import Hummingbird
import SunlightContract
import SunlightDomain
import SunlightRegime
import SunlightReports
import SunlightStorage

/// The inspectors' side of reports: the list, registering letters, visits, calls and
/// transfers, a report opened (its words, conversation, files), possible repeats, the reporter's
/// identity behind a second person's approval, and taking a report in as a clue.
struct ReportPages {
    let services: Services
    let reports: ReportStore
    let clues: ClueStore

    func register(on router: Router<AppRequestContext>) {
        router.get("/reports", use: list)
        router.get("/reports/new", use: newForm)
        router.post("/reports/new", use: create)
        router.get("/reports/:id", use: show)
        router.post("/reports/:id/reply", use: reply)
        router.post("/reports/:id/clue", use: openClue)
        router.post("/reports/:id/link", use: link)
        router.post("/reports/:id/subject", use: reviewSubject)
        router.post("/reports/:id/identity/request", use: requestIdentity)
        router.post("/reports/:id/identity/decide", use: decideIdentity)
        router.post("/reports/:id/identity/show", use: showIdentity)
        router.post("/reports/:id/files/:file", use: download)
    }

    static func requireHandler(_ context: AppRequestContext) throws -> Principal {
        let principal = try context.requirePrincipal()
        guard AccessPolicy.handlesReports(principal.role) else { throw WebError.forbidden }
        return principal
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try Self.requireHandler(context)
        let language = context.language
        let q = request.uri.queryParameters.get("q")
        let page = try PagingParameters.page(request)
        var query = ReportQuery(q: q, page: page)
        query.excludingSubject = try await reports.ownSubjectKey(of: principal)
        let (rows, total) = try await reports.list(query)
        let items = rows.map { report in
            ReportsPage.Row(id: report.id, reference: report.reference, receivedOn: report.receivedOn,
                            channel: language == .zh ? report.channel.label.zh : report.channel.label.en,
                            type: language == .zh ? report.type.label.zh : report.type.label.en,
                            subject: [report.subjectName, report.subjectUnit].filter { !$0.isEmpty }.joined(separator: " · "),
                            kind: Strings.text(report.anonymous ? "anonymous_report" : "real_name_report", language),
                            status: language == .zh ? report.reporterStatus.zh : report.reporterStatus.en, clueID: report.clueID)
        }
        let model = ReportsPage(rows: items, total: total, q: q ?? "", none: items.isEmpty)
        return services.renderer.render("reports", title: Strings.text("reports", language), request: request, context: context, page: model)
    }

    @Sendable func newForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try Self.requireHandler(context)
        return renderNew(request, context: context, fields: ["received_on": LocalDate.today().iso, "anonymous": "0"], problems: [], status: .ok)
    }

    private func renderNew(_ request: Request, context: AppRequestContext, fields: [String: String], problems: [(String, String)],
                           status: HTTPResponse.Status) -> Response {
        let language = context.language
        let channels = ReportSource.allCases.filter { $0 != .portal && $0 != .finding }.map { source in
            ReportNewPage.Option(value: source.rawValue, label: language == .zh ? source.label.zh : source.label.en,
                                 selected: fields["channel"] == source.rawValue)
        }
        let types = ReportType.allCases.map { type in
            ReportNewPage.Option(value: type.rawValue, label: language == .zh ? type.label.zh : type.label.en,
                                 selected: (fields["type"] ?? "accusation") == type.rawValue)
        }
        let page = ReportNewPage(channels: channels, types: types, field: fields,
                                 problems: problems.map { ReportNewPage.Problem(field: $0.0, message: $0.1) },
                                 isAnonymous: fields["anonymous"] == "1", isRealName: fields["anonymous"] != "1")
        return services.renderer.render("report_new", title: Strings.text("report_new", language), request: request, context: context,
                                        page: page, status: status)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try Self.requireHandler(context)
        let language = context.language
        var request = request
        let form = try await FormBody.read(&request, context: context).values
        let channel = ReportSource(rawValue: form["channel"] ?? "") ?? .letter
        let type = ReportType(rawValue: form["type"] ?? "") ?? .accusation
        let receivedText = (form["received_on"] ?? "").trimmingCharacters(in: .whitespaces)
        guard let received = (try? DateParsing.date(receivedText)) ?? (receivedText.isEmpty ? LocalDate.today() : nil),
              received <= LocalDate.today() else {
            return renderNew(request, context: context, fields: form,
                             problems: [("received_on", language == .zh ? "收到日期无效或晚于今天" : "the date received is invalid or in the future")],
                             status: .unprocessableContent)
        }
        var subjectID: String?
        if let raw = form["subject_id_number"]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
            do { subjectID = try ResidentID.parse(raw).value } catch {
                return renderNew(request, context: context, fields: form,
                                 problems: [("subject_id_number", error.message(language))], status: .unprocessableContent)
            }
        }
        do {
            let submitted = try await reports.submit(PortalPages.submission(from: form), channel: channel, type: type,
                                                     issueReceipt: form["issue_receipt"] == "1", subjectIDNumber: subjectID,
                                                     receivedOn: received.iso, by: principal)
            var flash = language == .zh ? "已登记 \(submitted.reference)。" : "Registered \(submitted.reference)."
            if let receipt = submitted.receipt {
                flash += language == .zh ? " 查询码（只显示一次，请交给举报人）：\(receipt.grouped)"
                    : " Receipt code (shown once; give it to the reporter): \(receipt.grouped)"
            }
            return try await render(submitted.id, request: request, context: context, flash: flash)
        } catch let error as ReportInputError {
            return renderNew(request, context: context, fields: form,
                             problems: error.problems.map { ($0.field, language == .zh ? $0.messageZh : $0.messageEn) }, status: .unprocessableContent)
        }
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try Self.requireHandler(context)
        return try await render(try Self.id(context), request: request, context: context, flash: nil)
    }

    func render(_ id: Int64, request: Request, context: AppRequestContext, flash: String?, error: String? = nil,
                identity: ReporterIdentity? = nil) async throws -> Response {
        let principal = try context.requirePrincipal()
        let language = context.language
        // The person reported on never sees the report, even as an inspector.
        if try await reports.isAbout(id, principal: principal) { throw WebError.notFound }
        let report: ReportDetail
        do { report = try await reports.detail(id) } catch is RecordNotFound { throw WebError.notFound }
        if let clueID = report.clueID, (try? await clues.get(clueID, for: principal)) == nil { throw WebError.notFound }
        var page = ReportPage(
            id: report.id, reportID: report.id, reference: report.reference, receivedOn: report.receivedOn,
            receivedAt: DisplayTime.local(report.receivedAt),
            channel: language == .zh ? report.channel.label.zh : report.channel.label.en,
            type: language == .zh ? report.type.label.zh : report.type.label.en,
            kind: Strings.text(report.anonymous ? "anonymous_report" : "real_name_report", language),
            subjectName: report.subjectName, subjectUnit: report.subjectUnit, subjectPost: report.subjectPost,
            text: report.text, when: report.when, enteredBy: report.enteredBy,
            status: language == .zh ? report.reporterStatus.zh : report.reporterStatus.en,
            messages: report.messages.map { message in
                ReportPage.Message(at: DisplayTime.local(message.at), text: message.text,
                                   author: Strings.text(message.author == .reporter ? "from_reporter" : "from_handler", language),
                                   mine: message.author == .reporter)
            },
            files: report.files.map { ReportPage.File(id: $0.id, name: $0.name, size: $0.size, at: DisplayTime.local($0.at)) },
            canReply: report.hasReceipt, clueID: report.clueID, error: error)
        if report.clueID == nil {
            page.canOpenClue = true
            page.similar = try await reports.similar(to: id).prefix(10).map { item in
                ReportPage.Similar(id: item.summary.id, reference: item.summary.reference, receivedOn: item.summary.receivedOn,
                                   subject: item.summary.subjectName, similarity: String(format: "%.0f%%", item.textSimilarity * 100),
                                   sameSubject: item.sameSubject, clueID: item.summary.clueID)
            }
        }
        let candidates = try await reports.subjectCandidates(reportID: id)
        if !candidates.isEmpty {
            page.hasSubjectCandidates = true
            let pending = candidates.contains { $0.clearedBy == nil }
            page.subjectPending = pending
            page.subjectCandidates = candidates.map { candidate in
                ReportPage.Candidate(personID: candidate.personID, name: candidate.name, unitName: candidate.unitName, post: candidate.post,
                                     basis: Strings.text("subject_basis_" + candidate.basis.rawValue, language),
                                     clearedBy: candidate.clearedBy, pending: pending)
            }
        }
        if !report.anonymous {
            page.realName = true
            let requests = try await reports.identityRequests(reportID: id)
            page.identityRequests = requests.map { request in
                var row = ReportPage.IdentityRequest(id: request.id, by: request.requestedBy, at: DisplayTime.local(request.requestedAt),
                                                     reason: request.reason)
                if let decided = request.decidedBy {
                    row.decided = (request.approved == true ? Strings.text("identity_approve", language) : Strings.text("identity_refuse", language))
                        + " · " + decided
                } else if request.requestedBy != principal.username && AccessPolicy.approvesDispositions(principal.role) {
                    row.canDecide = true
                }
                return row
            }
            // The one who asked, once approved, may open the identity.
            page.canShowIdentity = requests.contains {
                $0.approved == true && $0.requestedBy == principal.username
            }
        }
        page.identity = identity
        return services.renderer.render("report", title: report.reference, request: request, context: context, page: page, flash: flash)
    }

    @Sendable func reply(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try Self.requireHandler(context)
        let id = try Self.id(context)
        try await requireNotAbout(id, principal)
        var request = request
        let form = try await FormBody.read(&request, context: context)
        do {
            try await reports.reply(reportID: id, text: form["text"] ?? "", by: principal)
            if let clueID = try await reports.detail(id).clueID { try await clues.noticeSent(clueID: clueID, by: principal) }
            return try await render(id, request: request, context: context, flash: Strings.text("review_saved", context.language))
        } catch let error as any BilingualError {
            return try await render(id, request: request, context: context, flash: nil, error: error.message(context.language))
        }
    }

    @Sendable func openClue(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try Self.requireHandler(context)
        try await requireNotAbout(try Self.id(context), principal)
        let clueID = try await clues.open(fromReport: try Self.id(context), by: principal)
        return Response(status: .seeOther, headers: [.location: "/clues/\(clueID)"])
    }

    @Sendable func link(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try Self.requireHandler(context)
        let id = try Self.id(context)
        try await requireNotAbout(id, principal)
        var request = request
        let form = try await FormBody.read(&request, context: context)
        guard let clueID = form["clue_id"].flatMap(Int64.init) else { throw WebError.notFound }
        try await clues.link(report: id, to: clueID, by: principal)
        return Response(status: .seeOther, headers: [.location: "/clues/\(clueID)"])
    }

    @Sendable func reviewSubject(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try Self.requireHandler(context)
        let id = try Self.id(context)
        var request = request
        let form = try await FormBody.read(&request, context: context)
        let chosen = form["person_id"].flatMap { Int64($0.trimmingCharacters(in: .whitespaces)) }
        do {
            try await reports.reviewSubject(reportID: id, confirm: chosen, by: principal)
            return try await render(id, request: request, context: context, flash: Strings.text("review_saved", context.language))
        } catch let error as any BilingualError {
            return try await render(id, request: request, context: context, flash: nil, error: error.message(context.language))
        }
    }

    @Sendable func requestIdentity(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try Self.requireHandler(context)
        let id = try Self.id(context)
        try await requireNotAbout(id, principal)
        var request = request
        let form = try await FormBody.read(&request, context: context)
        do {
            _ = try await reports.requestIdentity(reportID: id, reason: form["reason"] ?? "", by: principal)
            return try await render(id, request: request, context: context, flash: Strings.text("review_saved", context.language))
        } catch let error as any BilingualError {
            return try await render(id, request: request, context: context, flash: nil, error: error.message(context.language))
        }
    }

    @Sendable func decideIdentity(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        guard AccessPolicy.approvesDispositions(principal.role) else { throw WebError.forbidden }
        let id = try Self.id(context)
        try await requireNotAbout(id, principal)
        var request = request
        let form = try await FormBody.read(&request, context: context)
        guard let requestID = form["request_id"].flatMap(Int64.init) else { throw WebError.notFound }
        do {
            try await reports.decideIdentity(requestID: requestID, ofReport: id, approve: form["approve"] == "1", by: principal)
            if !AccessPolicy.handlesReports(principal.role) {
                return services.renderer.render("message", title: Strings.text("identity", context.language), request: request, context: context,
                                                values: ["heading": Strings.text("identity", context.language), "body": Strings.text("review_saved", context.language)])
            }
            return try await render(id, request: request, context: context, flash: Strings.text("review_saved", context.language))
        }
    }

    @Sendable func showIdentity(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try Self.requireHandler(context)
        let id = try Self.id(context)
        try await requireNotAbout(id, principal)
        do {
            let identity = try await reports.revealIdentity(reportID: id, by: principal)
            var response = try await render(id, request: request, context: context, flash: nil,
                                            identity: identity ?? ReporterIdentity(name: "", idNumber: "", phone: "", contact: ""))
            response.headers[.cacheControl] = "no-store"
            return response
        } catch let error as any BilingualError {
            return try await render(id, request: request, context: context, flash: nil, error: error.message(context.language))
        }
    }

    @Sendable func download(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try Self.requireHandler(context)
        try await requireNotAbout(try Self.id(context), principal)
        guard let file = context.parameters.get("file", as: Int64.self),
              let (info, data) = try await reports.file(file, reportID: try Self.id(context)) else { throw WebError.notFound }
        return PortalPages.attachment(info, data)
    }

    /// The person a report is about is answered as if it did not exist (信访工作条例 Art. 30).
    func requireNotAbout(_ id: Int64, _ principal: Principal) async throws {
        if try await reports.isAbout(id, principal: principal) { throw WebError.notFound }
    }

    static func id(_ context: AppRequestContext) throws -> Int64 {
        guard let id = context.parameters.get("id", as: Int64.self) else { throw WebError.notFound }
        return id
    }
}

/// The reports list (`reports.mustache`).
struct ReportsPage {
    struct Row {
        let id: Int64
        let reference: String
        let receivedOn: String
        let channel: String
        let type: String
        let subject: String
        let kind: String
        let status: String
        let clueID: Int64?
    }

    let rows: [Row]
    let total: Int
    let q: String
    let none: Bool
}

/// One report as its handlers see it (`report.mustache`).
struct ReportPage {
    struct Message {
        let at: String
        let text: String
        let author: String
        let mine: Bool
    }

    struct File {
        let id: Int64
        let name: String
        let size: Int
        let at: String
    }

    /// An earlier report like this one (repeats are linked to one clue).
    struct Similar {
        let id: Int64
        let reference: String
        let receivedOn: String
        let subject: String
        let similarity: String
        let sameSubject: Bool
        let clueID: Int64?
    }

    /// A registry person the report may be about, hidden until another inspector reviews it.
    struct Candidate {
        let personID: Int64
        let name: String
        let unitName: String
        let post: String
        let basis: String
        let clearedBy: String?
        let pending: Bool
    }

    struct IdentityRequest {
        let id: Int64
        let by: String
        let at: String
        let reason: String
        var decided: String?
        var canDecide = false
    }

    let id: Int64
    let reportID: Int64
    let reference: String
    let receivedOn: String
    let receivedAt: String
    let channel: String
    let type: String
    let kind: String
    let subjectName: String
    let subjectUnit: String
    let subjectPost: String
    let text: String
    let when: String
    let enteredBy: String
    let status: String
    let messages: [Message]
    let files: [File]
    let canReply: Bool
    let clueID: Int64?
    let error: String?
    var canOpenClue = false
    var similar: [Similar] = []
    var hasSubjectCandidates = false
    var subjectPending = false
    var subjectCandidates: [Candidate] = []
    var realName = false
    var identityRequests: [IdentityRequest] = []
    var canShowIdentity = false
    /// The reporter's identity, when the one who asked for it opens it.
    var identity: ReporterIdentity?
}

/// Registering a letter, visit or call (`report_new.mustache`).
struct ReportNewPage {
    typealias Option = SelectOption

    struct Problem {
        let field: String
        let message: String
    }

    let channels: [Option]
    let types: [Option]
    /// The form's values as entered (kept when it is refused).
    let field: [String: String]
    let problems: [Problem]
    let isAnonymous: Bool
    let isRealName: Bool
}
