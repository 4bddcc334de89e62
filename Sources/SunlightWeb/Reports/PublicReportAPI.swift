import Foundation
import Hummingbird
import SunlightRegime
import SunlightReports
import SunlightStorage

/// The portal's JSON API for other front ends (a mobile app, the 12388 platform): file a
/// report, follow it and add to it with the receipt code. No account, no cookies, no CSRF
/// (nothing to forge); rate-limited like the portal, and nothing about the caller is kept.
struct PublicReportAPI {
    let reports: ReportStore
    let guardian: PortalGuard
    /// Whether a report needs an answered check question (`WebConfiguration.publicAPIChallenge`).
    var requiresChallenge = true

    /// Bounds of the `challenge` member (the document states them).
    static let maxChallengeToken = 200
    static let maxChallengeAnswer = 20

    /// Room for ten megabytes of attachment in base64, plus the text.
    static let bodyLimit = 16 << 20

    func register(on router: Router<AppRequestContext>) {
        router.get("/api/v1/public/challenge", use: challenge)
        router.post("/api/v1/public/reports", use: create)
        router.get("/api/v1/public/reports/:receipt", use: show)
        router.post("/api/v1/public/reports/:receipt/messages", use: addMessage)
    }

    /// The check question a report must answer (the portal form's, signed, single use, to be
    /// answered no sooner than `answer_after_seconds` and within two hours).
    @Sendable func challenge(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard await guardian.allow("challenge", client: context.clientAddress, limit: PortalGuard.lookups) else { throw Self.limited }
        let challenge = await guardian.challenge()
        var response = APIResponse.json(["token": challenge.token, "question_zh": challenge.questionZh, "question_en": challenge.questionEn,
                                         "answer_after_seconds": Int(guardian.minimumAge.rounded(.up))])
        response.headers[.cacheControl] = "no-store"
        return response
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let object = try await Self.object(request)
        try Self.rejectUnknown(object, allowed: ["anonymous", "reporter", "contact", "subject", "type", "text", "when", "attachments", "challenge"])
        // The anti-spam question, as on the portal form (it used to be skipped here).
        let challenge = try Self.member(object, "challenge", as: [String: Any].self, expected: "an object") ?? [:]
        try Self.rejectUnknown(challenge, allowed: ["token", "answer"], prefix: "challenge.")
        let token = try Self.text(challenge, "token", prefix: "challenge.")
        let answer = try Self.text(challenge, "answer", prefix: "challenge.")
        if (token?.count ?? 0) > Self.maxChallengeToken || (answer?.count ?? 0) > Self.maxChallengeAnswer {
            throw WebError.badRequest("report.challenge", zh: "验证问题的令牌或答案过长", en: "the check question's token or answer is too long",
                                      details: [["field": "challenge"]])
        }
        // Without the question (only `serve --demo --api-fuzzing`) the object is still required.
        let verdict = token == nil || answer == nil ? .malformed
            : requiresChallenge ? await guardian.verify(token: token!, answer: answer!) : .ok
        guard verdict == .ok else {
            throw WebError(status: .unprocessableContent, code: "report.challenge",
                           messageZh: "验证问题回答不正确、过快或已过期：请先 GET /api/v1/public/challenge，稍候作答",
                           messageEn: "the check question was answered wrongly, too soon, or has expired: "
                               + "GET /api/v1/public/challenge first and answer after a few seconds",
                           details: [["field": "challenge", "reason": "\(verdict)"]])
        }
        guard await guardian.allow("submit", client: context.clientAddress, limit: PortalGuard.submissions) else { throw Self.limited }
        let reporter = try Self.member(object, "reporter", as: [String: Any].self, expected: "an object") ?? [:]
        let subject = try Self.member(object, "subject", as: [String: Any].self, expected: "an object") ?? [:]
        try Self.rejectUnknown(reporter, allowed: ["name", "id_number", "phone"], prefix: "reporter.")
        try Self.rejectUnknown(subject, allowed: ["name", "unit", "post"], prefix: "subject.")
        let typeText = try Self.text(object, "type") ?? ReportType.accusation.rawValue
        guard let type = ReportType(rawValue: typeText) else {
            throw WebError.badRequest("report.type", zh: "类别应为 suggestion、accusation 或 claim", en: "type must be suggestion, accusation or claim",
                                      details: [["field": "type"]])
        }
        let anonymous = try Self.member(object, "anonymous", as: Bool.self, expected: "true or false",
                                        where: JSONBool.isBool) ?? true
        let submission = ReportSubmission(
            anonymous: anonymous, reporterName: try Self.text(reporter, "name", prefix: "reporter.") ?? "",
            reporterIDNumber: try Self.text(reporter, "id_number", prefix: "reporter.") ?? "",
            reporterPhone: try Self.text(reporter, "phone", prefix: "reporter.") ?? "",
            contact: try Self.text(object, "contact") ?? "", subjectName: try Self.text(subject, "name", prefix: "subject.") ?? "",
            subjectUnit: try Self.text(subject, "unit", prefix: "subject.") ?? "",
            subjectPost: try Self.text(subject, "post", prefix: "subject.") ?? "",
            text: try Self.text(object, "text") ?? "", when: try Self.text(object, "when") ?? "")
        let files = try Self.attachments(object["attachments"])
        // Refusals (`ReportInputError` with a detail per field, `ReportError`) are answered by
        // `ErrorMiddleware` as 422 with their codes.
        let submitted = try await reports.submit(submission, channel: .portal, type: type, files: files, issueReceipt: true,
                                                 by: ReportStore.publicPortal)
        var response = APIResponse.json([
            "receipt": submitted.receipt?.grouped ?? "", "reference": submitted.reference, "received_on": submitted.receivedOn,
            "status": ReporterStatus.received.rawValue,
        ], status: .created)
        response.headers[.cacheControl] = "no-store"
        return response
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let receipt = try await receipt(context)
        guard let view = try await reports.follow(receipt) else { throw Self.notFound }
        return Self.json(view)
    }

    @Sendable func addMessage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let receipt = try await receipt(context)
        let object = try await Self.object(request)
        try Self.rejectUnknown(object, allowed: ["text", "attachments"])
        guard try await reports.addFromReporter(receipt, text: try Self.text(object, "text") ?? "",
                                                files: try Self.attachments(object["attachments"])) else { throw Self.notFound }
        guard let view = try await reports.follow(receipt) else { throw Self.notFound }
        return Self.json(view, status: .created)
    }

    private func receipt(_ context: AppRequestContext) async throws -> ReceiptCode {
        guard await guardian.allow("lookup", client: context.clientAddress, limit: PortalGuard.lookups) else { throw Self.limited }
        guard let text = context.parameters.get("receipt"), let receipt = ReceiptCode(text.removingPercentEncoding ?? text) else {
            throw Self.notFound
        }
        return receipt
    }

    static func json(_ view: ReporterView, status: HTTPResponse.Status = .ok) -> Response {
        var response = APIResponse.json([
            "reference": view.reference, "received_on": view.receivedOn, "status": view.status.rawValue,
            "status_zh": view.status.zh, "status_en": view.status.en,
            "messages": view.messages.map { ["at": $0.at, "author": $0.author.rawValue, "text": $0.text] },
            "files": view.files.map { ["id": $0.id, "name": $0.name, "size": $0.size, "at": $0.at, "author": $0.author.rawValue] as [String: Any] },
        ], status: status)
        response.headers[.cacheControl] = "no-store"
        return response
    }

    static func object(_ request: Request) async throws -> [String: Any] {
        let buffer = try await request.body.collect(upTo: bodyLimit)
        guard let object = (try? JSONSerialization.jsonObject(with: Data(buffer: buffer))) as? [String: Any] else {
            throw WebError.badRequest("json.malformed", zh: "请求体应为 JSON 对象", en: "the body must be a JSON object")
        }
        return object
    }

    static func rejectUnknown(_ object: [String: Any], allowed: Set<String>, prefix: String = "") throws {
        let unknown = object.keys.filter { !allowed.contains($0) }.sorted().map { prefix + $0 }
        guard unknown.isEmpty else {
            throw WebError.badRequest("fields.unknown", zh: "未知字段：" + unknown.joined(separator: "、"),
                                      en: "unknown fields: " + unknown.joined(separator: ", "), details: unknown.map { ["field": $0] })
        }
    }

    static func attachments(_ value: Any?) throws -> [IncomingFile] {
        guard let value else { return [] }
        guard let list = value as? [[String: Any]] else {
            throw WebError.badRequest("attachments.malformed", zh: "attachments 应为对象数组", en: "attachments must be an array of objects")
        }
        return try list.enumerated().map { index, item in
            let prefix = "attachments[\(index)]."
            try rejectUnknown(item, allowed: ["name", "content_type", "data_base64"], prefix: prefix)
            let contentType = try text(item, "content_type", prefix: prefix) ?? "application/octet-stream"
            guard let name = item["name"] as? String, let base64 = item["data_base64"] as? String, let data = Data(base64Encoded: base64) else {
                throw WebError.badRequest("attachments.malformed", zh: "第 \(index + 1) 个附件缺少 name 或 data_base64 不是有效的 Base64",
                                          en: "attachment \(index + 1) lacks a name or its data_base64 is not valid base64")
            }
            return IncomingFile(name: name, contentType: contentType, data: data)
        }
    }

    /// A string member: nil when absent; anything but a string (null too) is refused, never
    /// read as empty — the document says which members are strings.
    static func text(_ object: [String: Any], _ key: String, prefix: String = "") throws -> String? {
        try member(object, key, as: String.self, expected: "a string", prefix: prefix)
    }

    /// A member of type `T`: nil when absent, 400 `field.type` when of another JSON type.
    static func member<T>(_ object: [String: Any], _ key: String, as type: T.Type, expected: String, prefix: String = "",
                          where accept: (Any) -> Bool = { _ in true }) throws -> T? {
        guard let value = object[key] else { return nil }
        guard let typed = value as? T, accept(value) else {
            throw WebError.badRequest("field.type", zh: "字段 \(prefix + key) 的类型不正确（应为 \(expected)）",
                                      en: "field \(prefix + key) must be \(expected)", details: [["field": prefix + key]])
        }
        return typed
    }

    static let notFound = WebError(status: .notFound, code: "report.not_found", messageZh: "查询码不正确，或没有对应的举报。",
                                   messageEn: "The code is wrong, or there is no report for it.")
    static let limited = WebError(status: .tooManyRequests, code: "portal.limited", messageZh: "操作过于频繁，请稍后再试。",
                                  messageEn: "Too many attempts; please try again later.")
}
