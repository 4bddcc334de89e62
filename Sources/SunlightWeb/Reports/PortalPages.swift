import Foundation
import Hummingbird
import SunlightRegime
import SunlightReports
import SunlightStorage
import SunlightDomain

/// The public reporting portal (no account): file a report, get a receipt code once, follow
/// it with the code — read replies, add information and files.
///
/// The receipt code never travels in a URL (it would sit in browser history and proxy logs):
/// every page that needs it is the answer to a POST, and is marked `no-store`.
struct PortalPages {
    let services: Services
    let reports: ReportStore
    let guardian: PortalGuard

    func register(on router: Router<AppRequestContext>) {
        router.get("/portal", use: landing)
        router.get("/portal/report", use: form)
        router.post("/portal/report", use: submit)
        router.get("/portal/follow", use: followForm)
        router.post("/portal/follow", use: follow)
        router.post("/portal/follow/message", use: addMessage)
        router.post("/portal/follow/files/:id", use: download)
    }

    @Sendable func landing(_ request: Request, context: AppRequestContext) async throws -> Response {
        services.renderer.render("portal", title: Strings.text("portal", context.language), request: request, context: context,
                                 page: PortalPage(landing: true))
    }

    @Sendable func form(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await renderForm(request, context: context, values: [:], problems: [], status: .ok)
    }

    private func renderForm(_ request: Request, context: AppRequestContext, values: [String: String], problems: [(String, String)],
                            status: HTTPResponse.Status) async throws -> Response {
        let language = context.language
        let challenge = await guardian.challenge()
        let anonymous = values["anonymous"] ?? "1"
        var page = PortalPage(form: true)
        page.types = ReportType.allCases.map { type in
            ReportNewPage.Option(value: type.rawValue, label: language == .zh ? type.label.zh : type.label.en,
                                 selected: (values["type"] ?? ReportType.accusation.rawValue) == type.rawValue)
        }
        page.challengeToken = challenge.token
        page.challengeQuestion = language == .zh ? challenge.questionZh : challenge.questionEn
        page.field = values.filter { $0.key != "answer" }
        page.isAnonymous = anonymous == "1"
        page.isRealName = anonymous != "1"
        page.problems = problems.map { ReportNewPage.Problem(field: $0.0, message: $0.1) }
        var response = services.renderer.render("portal", title: Strings.text("portal_new", language), request: request,
                                                context: context, page: page, status: status)
        response.headers[.cacheControl] = "no-store"
        return response
    }

    @Sendable func submit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let language = context.language
        let upload = try await Upload.receive(request, limit: IncomingFile.maxBytes + (256 << 10))
        defer { upload.removeFile() }
        let fields = upload.fields
        guard fields["website", default: ""].isEmpty else {
            // The honeypot was filled: a bot. Answer like a refusal, keep nothing.
            return try await renderForm(request, context: context, values: fields, problems: [("answer", Strings.text("challenge_failed", language))],
                                        status: .unprocessableContent)
        }
        let verdict = await guardian.verify(token: fields["challenge"] ?? "", answer: fields["answer"] ?? "")
        guard verdict == .ok else {
            return try await renderForm(request, context: context, values: fields, problems: [("answer", Strings.text("challenge_failed", language))],
                                        status: .unprocessableContent)
        }
        guard await guardian.allow("submit", client: context.clientAddress, limit: PortalGuard.submissions) else {
            return try await renderForm(request, context: context, values: fields, problems: [("", Strings.text("portal_limited", language))],
                                        status: .tooManyRequests)
        }
        let submission = Self.submission(from: fields)
        let type = ReportType(rawValue: fields["type"] ?? "") ?? .accusation
        var files: [IncomingFile] = []
        if let file = upload.file, let data = try? Data(contentsOf: file), !data.isEmpty {
            files.append(IncomingFile(name: upload.fileName ?? "attachment", contentType: "application/octet-stream", data: data))
        }
        do {
            let submitted = try await reports.submit(submission, channel: .portal, type: type, files: files, issueReceipt: true,
                                                     by: ReportStore.publicPortal)
            var page = PortalPage(receipt: true)
            page.code = submitted.receipt?.grouped ?? ""
            page.reference = submitted.reference
            page.receivedOn = submitted.receivedOn
            page.realName = !submission.anonymous
            var response = services.renderer.render("portal", title: Strings.text("receipt_title", language), request: request, context: context,
                                                    page: page, status: .created)
            response.headers[.cacheControl] = "no-store"
            return response
        } catch let error as ReportInputError {
            return try await renderForm(request, context: context, values: fields,
                                        problems: error.problems.map { ($0.field, language == .zh ? $0.messageZh : $0.messageEn) },
                                        status: .unprocessableContent)
        } catch let error as any BilingualError {
            return try await renderForm(request, context: context, values: fields,
                                        problems: [("", error.message(language))], status: .unprocessableContent)
        }
    }

    static func submission(from fields: [String: String]) -> ReportSubmission {
        ReportSubmission(anonymous: fields["anonymous"] != "0", reporterName: fields["reporter_name"] ?? "",
                         reporterIDNumber: fields["reporter_id_number"] ?? "", reporterPhone: fields["reporter_phone"] ?? "",
                         contact: fields["contact"] ?? "", subjectName: fields["subject_name"] ?? "",
                         subjectUnit: fields["subject_unit"] ?? "", subjectPost: fields["subject_post"] ?? "",
                         text: fields["text"] ?? "", when: fields["when"] ?? "")
    }

    // MARK: Following

    @Sendable func followForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        services.renderer.render("portal", title: Strings.text("follow_title", context.language), request: request, context: context,
                                 page: PortalPage(followForm: true))
    }

    @Sendable func follow(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let form = try await FormBody.read(&request, context: context)
        guard await guardian.allow("lookup", client: context.clientAddress, limit: PortalGuard.lookups) else { return limited(request, context) }
        return try await renderFollow(request, context: context, code: form["receipt"] ?? "", flash: nil)
    }

    /// The answer to a client over the lookup limit: before any receipt is looked up or written to.
    private func limited(_ request: Request, _ context: AppRequestContext) -> Response {
        services.renderer.render("portal", title: Strings.text("follow_title", context.language), request: request, context: context,
                                 page: PortalPage(followForm: true, error: Strings.text("portal_limited", context.language)),
                                 status: .tooManyRequests)
    }

    /// The reporter's view of a report; the caller has counted the request against the limit.
    private func renderFollow(_ request: Request, context: AppRequestContext, code: String, flash: String?,
                              error: String? = nil) async throws -> Response {
        let language = context.language
        guard let receipt = ReceiptCode(code), let view = try await reports.follow(receipt) else {
            return services.renderer.render("portal", title: Strings.text("follow_title", language), request: request, context: context,
                                            page: PortalPage(followForm: true, error: Strings.text("follow_not_found", language)),
                                            status: .notFound)
        }
        var page = PortalPage(followView: true, error: error)
        page.code = receipt.grouped
        page.reference = view.reference
        page.receivedOn = view.receivedOn
        page.status = language == .zh ? view.status.zh : view.status.en
        page.messages = view.messages.map { message in
            ReportPage.Message(at: DisplayTime.local(message.at), text: message.text,
                               author: Strings.text(message.author == .reporter ? "from_reporter" : "from_handler", language),
                               mine: message.author == .reporter)
        }
        page.files = view.files.map { ReportPage.File(id: $0.id, name: $0.name, size: $0.size, at: DisplayTime.local($0.at)) }
        page.hasFiles = !view.files.isEmpty
        var response = services.renderer.render("portal", title: Strings.text("follow_title", language), request: request, context: context,
                                                page: page, flash: flash)
        response.headers[.cacheControl] = "no-store"
        return response
    }

    @Sendable func addMessage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let language = context.language
        // The limit comes first: a limited client gets no lookup (slow, and timed) and no write.
        guard await guardian.allow("lookup", client: context.clientAddress, limit: PortalGuard.lookups) else { return limited(request, context) }
        let upload = try await Upload.receive(request, limit: IncomingFile.maxBytes + (256 << 10))
        defer { upload.removeFile() }
        let code = upload.fields["receipt"] ?? ""
        guard let receipt = ReceiptCode(code) else {
            return try await renderFollow(request, context: context, code: code, flash: nil)
        }
        var files: [IncomingFile] = []
        if let file = upload.file, let data = try? Data(contentsOf: file), !data.isEmpty {
            files.append(IncomingFile(name: upload.fileName ?? "attachment", contentType: "application/octet-stream", data: data))
        }
        do {
            _ = try await reports.addFromReporter(receipt, text: upload.fields["text"] ?? "", files: files)
            return try await renderFollow(request, context: context, code: code, flash: Strings.text("follow_added", language))
        } catch let error as any BilingualError {
            return try await renderFollow(request, context: context, code: code, flash: nil,
                                          error: error.message(language))
        }
    }

    @Sendable func download(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let form = try await FormBody.read(&request, context: context)
        guard let id = context.parameters.get("id", as: Int64.self), let receipt = ReceiptCode(form["receipt"] ?? "") else {
            throw WebError.notFound
        }
        guard await guardian.allow("lookup", client: context.clientAddress, limit: PortalGuard.lookups) else {
            throw WebError(status: .tooManyRequests, code: "portal.limited", messageZh: Strings.text("portal_limited", .zh),
                           messageEn: Strings.text("portal_limited", .en))
        }
        guard let (info, data) = try await reports.file(id, receipt: receipt) else { throw WebError.notFound }
        return Self.attachment(info, data)
    }

    static func attachment(_ info: ReportFileInfo, _ data: Data) -> Response {
        let ascii = info.name.unicodeScalars.allSatisfy { $0.isASCII && $0 != "\"" } ? info.name : "attachment"
        let encoded = info.name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "attachment"
        return Response(status: .ok, headers: [
            .contentType: "application/octet-stream",
            .contentDisposition: "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)",
            .cacheControl: "no-store",
        ], body: .init(byteBuffer: ByteBuffer(data: data)))
    }
}

/// The public portal (`portal.mustache`), in one of its modes: the landing page, the report
/// form, the receipt shown once, the follow-up form, or a report followed with its code.
struct PortalPage {
    var landing = false
    var form = false
    var receipt = false
    var followForm = false
    var followView = false
    var error: String?

    // The report form.
    var types: [ReportNewPage.Option] = []
    var challengeToken: String?
    var challengeQuestion: String?
    /// The form's values as entered, never the check answer.
    var field: [String: String] = [:]
    var isAnonymous = false
    var isRealName = false
    var problems: [ReportNewPage.Problem] = []

    // The receipt, and a followed report.
    var code: String?
    var reference: String?
    var receivedOn: String?
    var realName = false
    var status: String?
    var messages: [ReportPage.Message] = []
    var files: [ReportPage.File] = []
    var hasFiles = false

    init(landing: Bool = false, form: Bool = false, receipt: Bool = false, followForm: Bool = false, followView: Bool = false,
         error: String? = nil) {
        (self.landing, self.form, self.receipt, self.followForm, self.followView, self.error) = (landing, form, receipt, followForm, followView, error)
    }
}
