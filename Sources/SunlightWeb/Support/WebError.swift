import Hummingbird
import SunlightDomain

/// An error that becomes a page or a JSON error with messages in both languages.
struct WebError: Error, Sendable {
    let status: HTTPResponse.Status
    let code: String
    let messageZh: String
    let messageEn: String
    var details: [[String: String]] = []
    /// The methods the resource answers, sent as `Allow` with a 405 (empty: none, as for the
    /// write routes of an import-only dataset).
    var allow: Set<HTTPRequest.Method>?

    static let unauthenticated = WebError(status: .unauthorized, code: "unauthenticated",
                                          messageZh: "请先登录。", messageEn: "Please sign in.")
    static let forbidden = WebError(status: .forbidden, code: "forbidden",
                                    messageZh: Strings.text("forbidden_body", .zh), messageEn: Strings.text("forbidden_body", .en))
    static let notFound = WebError(status: .notFound, code: "not_found",
                                   messageZh: Strings.text("not_found_body", .zh), messageEn: Strings.text("not_found_body", .en))
    static let csrf = WebError(status: .forbidden, code: "csrf",
                               messageZh: Strings.text("csrf_failed", .zh), messageEn: Strings.text("csrf_failed", .en))
    static let importOnly = WebError(status: .methodNotAllowed, code: "dataset.import_only",
                                     messageZh: Strings.text("import_only_note", .zh), messageEn: Strings.text("import_only_note", .en),
                                     allow: [])
    /// A known path asked with a method it does not answer (`MethodNotAllowedMiddleware`).
    static func methodNotAllowed(allow: Set<HTTPRequest.Method>) -> WebError {
        let list = RouteMethods.allowHeader(allow)
        return WebError(status: .methodNotAllowed, code: "method_not_allowed",
                        messageZh: "此地址不接受该请求方法（可用：\(list)）。",
                        messageEn: "This address does not accept that method (allowed: \(list)).", allow: allow)
    }
    static func tooLarge(limit: Int) -> WebError {
        WebError(status: .contentTooLarge, code: "too_large",
                 messageZh: "上传内容太大（上限 \(limit / (1 << 20)) MiB）。", messageEn: "The upload is too large (limit \(limit / (1 << 20)) MiB).")
    }
    static func badRequest(_ code: String, zh: String, en: String, details: [[String: String]] = []) -> WebError {
        WebError(status: .badRequest, code: code, messageZh: zh, messageEn: en, details: details)
    }

    /// The same error with another `Allow` list.
    func allowing(_ methods: Set<HTTPRequest.Method>) -> WebError {
        var error = self
        error.allow = methods
        return error
    }

    func message(_ language: Language) -> String { language == .zh ? messageZh : messageEn }

    /// The HTTP status of each kind of refusal.
    static func status(of kind: ErrorKind) -> HTTPResponse.Status {
        switch kind {
        case .invalid: return .unprocessableContent
        case .badRequest: return .badRequest
        case .conflict: return .conflict
        case .notFound: return .notFound
        case .forbidden: return .forbidden
        case .tooLarge: return .contentTooLarge
        case .unavailable: return .serviceUnavailable
        }
    }
}

extension WebError {
    /// Any error a person can be shown, as the web answers it: its kind decides the status, its
    /// details become the API's `details`.
    init(_ error: any BilingualError) {
        self.init(status: Self.status(of: error.kind), code: error.code, messageZh: error.messageZh, messageEn: error.messageEn,
                  details: error.details.map {
                      ["field": $0.field, "code": $0.code, "message_zh": $0.messageZh, "message_en": $0.messageEn]
                  })
    }
}

extension BilingualError {
    /// The message in the reader's language.
    func message(_ language: Language) -> String { language == .zh ? messageZh : messageEn }
    /// The HTTP status its kind maps to, for a page that shows the error beside the form.
    var status: HTTPResponse.Status { WebError.status(of: kind) }
}
