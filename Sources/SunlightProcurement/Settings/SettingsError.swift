/// A problem in a Cardinal settings (INI) file, with its line and messages in Chinese and English.
public struct SettingsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable machine code: `settings.syntax`, `settings.unknown_section`, `settings.unknown_key`,
    /// `settings.invalid_value`, `settings.io`.
    public let code: String
    /// 1-based line in the settings file, when the problem is on one.
    public let line: Int?
    public let messageZh: String
    public let messageEn: String

    public init(code: String, line: Int?, messageZh: String, messageEn: String) {
        self.code = code
        self.line = line
        self.messageZh = line.map { "设置文件第 \($0) 行：" + messageZh } ?? messageZh
        self.messageEn = line.map { "settings line \($0): " + messageEn } ?? messageEn
    }

    public var description: String { messageEn }

    static func syntax(_ line: Int, zh: String, en: String) -> SettingsError {
        SettingsError(code: "settings.syntax", line: line, messageZh: zh, messageEn: en)
    }

    static func unknownSection(_ name: String, line: Int) -> SettingsError {
        SettingsError(code: "settings.unknown_section", line: line,
                      messageZh: "未知的设置节 [\(name)]（Cardinal 0.0.8 的设置节区分大小写，如 [R003]、[defaults]）",
                      messageEn: "unknown section [\(name)] (Cardinal 0.0.8's sections are case-sensitive, e.g. [R003], [defaults])")
    }

    static func unknownKey(_ key: String, section: String?, line: Int) -> SettingsError {
        let place = section.map { "[\($0)]" } ?? "文件开头"
        let placeEn = section.map { "[\($0)]" } ?? "the top of the file"
        return SettingsError(code: "settings.unknown_key", line: line,
                             messageZh: "\(place) 中没有设置项“\(key)”",
                             messageEn: "\(placeEn) has no setting \"\(key)\"")
    }

    static func invalidValue(_ key: String, _ value: String, expected: ValueKind, line: Int) -> SettingsError {
        SettingsError(code: "settings.invalid_value", line: line,
                      messageZh: "“\(key)”的值“\(value)”无效：应为\(expected.zh)（注意：行内注释不被支持）",
                      messageEn: "invalid value \"\(value)\" for \"\(key)\": expected \(expected.en) (inline comments are not supported)")
    }

    enum ValueKind {
        case integer, naturalNumber, decimal, boolean

        var zh: String {
            switch self {
            case .integer: return "整数"
            case .naturalNumber: return "非负整数"
            case .decimal: return "小数"
            case .boolean: return "true 或 false"
            }
        }

        var en: String {
            switch self {
            case .integer: return "an integer"
            case .naturalNumber: return "a non-negative integer"
            case .decimal: return "a decimal number"
            case .boolean: return "true or false"
            }
        }
    }
}
