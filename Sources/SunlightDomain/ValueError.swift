/// A validation failure with bilingual messages.
///
/// Imports report every bad cell as `line, column, value, reason` in Chinese and English, so the
/// value parsers produce both messages at the point where the problem is best understood.
/// `code` is a stable machine code (for example `"id_number.checksum"`): rules, tests and API
/// clients match on it, never on the wording, which may be improved over time.
public struct ValueError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Stable machine code, `<value type>.<problem>`, e.g. `"money.precision"`.
    public let code: String
    /// The reason in Chinese, for the people who fix the spreadsheet.
    public let messageZh: String
    /// The same reason in English.
    public let messageEn: String

    public init(code: String, messageZh: String, messageEn: String) {
        self.code = code
        self.messageZh = messageZh
        self.messageEn = messageEn
    }

    public var description: String { "\(code): \(messageEn)" }
}
