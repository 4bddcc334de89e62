/// A unified social credit code (统一社会信用代码) under GB 32100-2015.
///
/// The USCC identifies companies and other organisations across registers: it is how a payee
/// is matched to a company's legal representative and shareholders. Like resident IDs, codes are
/// folded and upper-cased before use, and a parsed `USCC` always carries a correct check character.
public struct USCC: Hashable, Sendable, Codable, CustomStringConvertible {
    /// 18 characters from the code's 31-character set.
    public let value: String

    private init(validated value: String) {
        self.value = value
    }

    public var description: String { value }

    /// The code's character set: digits and upper-case letters without I, O, Z, S and V (which
    /// are too easily confused with 1, 0, 2, 5 and U). A character's value is its index here.
    static let alphabet: [Character] = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    private static let valueOf: [Character: Int] = Dictionary(uniqueKeysWithValues: alphabet.enumerated().map { ($1, $0) })
    /// 3^(i−1) mod 31 for positions 1…17.
    private static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    /// The check character for the first 17 characters, or nil if they are not 17 characters of
    /// the code's set.
    public static func checkCharacter(for first17: String) -> Character? {
        let chars = Array(first17)
        guard chars.count == 17 else { return nil }
        var sum = 0
        for (i, c) in chars.enumerated() {
            guard let v = valueOf[c] else { return nil }
            sum += v * weights[i]
        }
        return alphabet[(31 - sum % 31) % 31]
    }

    /// Folded and upper-cased, then validated. Errors: `"uscc.empty"`, `"uscc.length"` (not 18
    /// characters), `"uscc.format"` (a character outside 0-9 A-H J-N P-R T-U W-Y),
    /// `"uscc.checksum"`.
    public static func parse(_ raw: String) throws(ValueError) -> USCC {
        let text = TextFolding.fold(raw).uppercased()
        guard !text.isEmpty else {
            throw ValueError(code: "uscc.empty", messageZh: "统一社会信用代码为空",
                             messageEn: "the unified social credit code is empty")
        }
        let chars = Array(text)
        guard chars.count == 18 else {
            throw ValueError(
                code: "uscc.length",
                messageZh: "统一社会信用代码“\(text)”长度为 \(chars.count) 位，应为 18 位",
                messageEn: "unified social credit code \"\(text)\" has \(chars.count) characters; expected 18")
        }
        if let bad = chars.first(where: { valueOf[$0] == nil }) {
            throw ValueError(
                code: "uscc.format",
                messageZh: "统一社会信用代码“\(text)”含有不允许的字符“\(bad)”（不使用 I、O、Z、S、V）",
                messageEn: "unified social credit code \"\(text)\" contains the character \"\(bad)\", which is not allowed (I, O, Z, S and V are never used)")
        }
        let expected = checkCharacter(for: String(chars.prefix(17)))!
        guard chars[17] == expected else {
            throw ValueError(
                code: "uscc.checksum",
                messageZh: "统一社会信用代码“\(text)”校验位错误：第 18 位应为 \(expected)",
                messageEn: "unified social credit code \"\(text)\" fails its checksum: the 18th character should be \(expected)")
        }
        return USCC(validated: text)
    }

    /// Codable as the 18-character string; decoding re-validates it.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let raw = try container.decode(String.self)
        do {
            self = try USCC.parse(raw)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.messageEn)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
