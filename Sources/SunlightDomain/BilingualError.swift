/// An error a person can be shown: a stable machine code, the reason in Chinese and in English,
/// what kind of refusal it is, and per-item details (a field, a line).
///
/// The one error protocol of Sunlight. Domain modules and stores throw their own small types
/// (a clue step refused, a report input problem, a duplicate key), each conforming here, and the
/// web layer renders any of them the same way — a page in the reader's language, or the API's
/// `{"error": {"code", "message_zh", "message_en", "details"}}` with the status its `kind` maps
/// to — in one middleware, instead of a catch per type in every handler. The command line prints
/// both messages. `kind` is the meaning, not an HTTP status: domain modules know nothing of HTTP.
public protocol BilingualError: Error, Sendable {
    /// Stable machine code, `<area>.<problem>`: clients and tests match on it, never on wording.
    var code: String { get }
    var messageZh: String { get }
    var messageEn: String { get }
    /// What kind of refusal this is (decides the HTTP status). Default: `.invalid`.
    var kind: ErrorKind { get }
    /// One entry per problem when there are several (each a field or line with its own code and
    /// messages). Default: none.
    var details: [ErrorDetail] { get }
}

extension BilingualError {
    public var kind: ErrorKind { .invalid }
    public var details: [ErrorDetail] { [] }

    /// The message in one language: `zh` or anything else for English.
    public func message(chinese: Bool) -> String { chinese ? messageZh : messageEn }
}

/// What kind of refusal an error is.
public enum ErrorKind: String, Sendable, Equatable {
    /// The input breaks a rule (HTTP 422).
    case invalid
    /// The request itself is malformed (400).
    case badRequest
    /// The state does not allow it now: a duplicate, a step already taken, a scan running (409).
    case conflict
    /// Not there, or not for this person to know of (404).
    case notFound
    /// This person may not do it (403).
    case forbidden
    /// Too big (413).
    case tooLarge
    /// Something outside the request failed; trying later may help (503).
    case unavailable
}

/// One problem among several: where, its code and its reason in both languages.
public struct ErrorDetail: Sendable, Equatable {
    /// The field, column or line the problem is about (empty: the whole input).
    public let field: String
    public let code: String
    public let messageZh: String
    public let messageEn: String

    public init(field: String, code: String, messageZh: String, messageEn: String) {
        self.field = field
        self.code = code
        self.messageZh = messageZh
        self.messageEn = messageEn
    }
}

extension ValueError: BilingualError {}
