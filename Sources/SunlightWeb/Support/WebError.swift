import Hummingbird

/// An error that becomes a page or a JSON error with messages in both languages.
struct WebError: Error, Sendable {
    let status: HTTPResponse.Status
    let code: String
    let messageZh: String
    let messageEn: String
    var details: [[String: String]] = []

    static let unauthenticated = WebError(status: .unauthorized, code: "unauthenticated",
                                          messageZh: "请先登录。", messageEn: "Please sign in.")
    static let forbidden = WebError(status: .forbidden, code: "forbidden",
                                    messageZh: Strings.text("forbidden_body", .zh), messageEn: Strings.text("forbidden_body", .en))
    static let notFound = WebError(status: .notFound, code: "not_found",
                                   messageZh: Strings.text("not_found_body", .zh), messageEn: Strings.text("not_found_body", .en))
    static let csrf = WebError(status: .forbidden, code: "csrf",
                               messageZh: Strings.text("csrf_failed", .zh), messageEn: Strings.text("csrf_failed", .en))
    static let importOnly = WebError(status: .methodNotAllowed, code: "dataset.import_only",
                                     messageZh: Strings.text("import_only_note", .zh), messageEn: Strings.text("import_only_note", .en))
    static func tooLarge(limit: Int) -> WebError {
        WebError(status: .contentTooLarge, code: "too_large",
                 messageZh: "上传内容太大（上限 \(limit / (1 << 20)) MiB）。", messageEn: "The upload is too large (limit \(limit / (1 << 20)) MiB).")
    }
    static func badRequest(_ code: String, zh: String, en: String, details: [[String: String]] = []) -> WebError {
        WebError(status: .badRequest, code: code, messageZh: zh, messageEn: en, details: details)
    }

    func message(_ language: Language) -> String { language == .zh ? messageZh : messageEn }
}
