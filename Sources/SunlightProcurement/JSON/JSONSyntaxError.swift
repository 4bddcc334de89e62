/// Why a byte sequence is not valid JSON, at which byte offset.
///
/// The scanner reports offsets, not lines: the caller knows whether the bytes are one line of a
/// JSON Lines file (where the line number is the useful part) or a whole document (where the
/// line is computed from the offset only when an error is actually reported).
public struct JSONSyntaxError: Error, Sendable, Equatable {
    /// What went wrong.
    public enum Kind: String, Sendable, Equatable {
        case unexpectedEnd
        case unexpectedCharacter
        case controlCharacterInString
        case invalidEscape
        case invalidUnicodeEscape
        case loneSurrogate
        case invalidUTF8
        case invalidNumber
        case invalidLiteral
        case tooDeep
        case trailingCharacters
        case expectedColon
        case expectedCommaOrEnd
        case expectedKey
    }

    public let kind: Kind
    /// Byte offset from the start of the scanned text (0-based).
    public let offset: Int

    public init(_ kind: Kind, at offset: Int) {
        self.kind = kind
        self.offset = offset
    }

    public var messageZh: String {
        switch kind {
        case .unexpectedEnd: return "JSON 意外结束"
        case .unexpectedCharacter: return "JSON 中出现意外字符"
        case .controlCharacterInString: return "字符串中含有未转义的控制字符"
        case .invalidEscape: return "字符串中的转义序列无效"
        case .invalidUnicodeEscape: return "字符串中的 \\u 转义无效"
        case .loneSurrogate: return "字符串中含有不成对的代理项（\\uD800–\\uDFFF）"
        case .invalidUTF8: return "文本不是有效的 UTF-8 编码"
        case .invalidNumber: return "数字格式无效"
        case .invalidLiteral: return "无效的字面量（应为 true、false 或 null）"
        case .tooDeep: return "JSON 嵌套层级过深"
        case .trailingCharacters: return "JSON 值之后还有多余字符"
        case .expectedColon: return "对象成员名之后应为冒号"
        case .expectedCommaOrEnd: return "应为逗号或结束括号"
        case .expectedKey: return "应为用双引号括起的成员名"
        }
    }

    public var messageEn: String {
        switch kind {
        case .unexpectedEnd: return "unexpected end of JSON"
        case .unexpectedCharacter: return "unexpected character"
        case .controlCharacterInString: return "unescaped control character in a string"
        case .invalidEscape: return "invalid escape sequence in a string"
        case .invalidUnicodeEscape: return "invalid \\u escape in a string"
        case .loneSurrogate: return "lone surrogate (\\uD800–\\uDFFF) in a string"
        case .invalidUTF8: return "the text is not valid UTF-8"
        case .invalidNumber: return "invalid number"
        case .invalidLiteral: return "invalid literal (expected true, false or null)"
        case .tooDeep: return "JSON nested too deeply"
        case .trailingCharacters: return "trailing characters after the JSON value"
        case .expectedColon: return "expected a colon after an object member name"
        case .expectedCommaOrEnd: return "expected a comma or a closing bracket"
        case .expectedKey: return "expected a double-quoted member name"
        }
    }
}
