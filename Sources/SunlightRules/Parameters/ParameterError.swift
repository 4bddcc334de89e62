import SunlightDomain

/// A rejected parameter file or value, with the line (for files) and messages in zh and en.
public struct ParameterError: BilingualError, Equatable, CustomStringConvertible {
    public var code: String { "rules.parameter" }
    /// 1-based line of the INI text; nil for `RuleParameters.setting`.
    public var line: Int?
    public var rule: String?
    public var name: String?
    public var messageZh: String
    public var messageEn: String

    public init(line: Int? = nil, rule: String? = nil, name: String? = nil, messageZh: String, messageEn: String) {
        self.line = line
        self.rule = rule
        self.name = name
        self.messageZh = messageZh
        self.messageEn = messageEn
    }

    public var description: String { messageEn }

    func at(line: Int, rule: String?) -> ParameterError {
        ParameterError(line: line, rule: rule ?? self.rule, name: name,
                       messageZh: "第 \(line) 行：\(messageZh)", messageEn: "line \(line): \(messageEn)")
    }
}
