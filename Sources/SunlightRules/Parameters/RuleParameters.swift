import Foundation
import SunlightProcurement

/// The deployment's rule settings: each rule's defaults (rules.md) with the values an
/// administrator changed. Stored as an INI-like text:
///
/// ```
/// # comments start with # or ;
/// [benefit.deceased]
/// grace_months = 1
/// ```
///
/// Every value is validated against the rule's `ParameterSpec` when read, so a rule never sees
/// a malformed or out-of-range setting.
///
/// Cardinal's indicators keep Cardinal's own settings language in the same file: its top-level
/// keys (`currency = CNY`) and sections (`[defaults]`, `[redactions]`, `[corrections]`,
/// `[modifications]`, `[codelists.*]`, `[exclusions]`, `[output]`, `[R003]` … `[R058]`) are
/// handed, line numbers intact, to `CardinalSettings.parse` — so a Cardinal user's settings file
/// works unchanged, and one file configures every rule.
public struct RuleParameters: Sendable, Equatable {
    /// rule code → name → canonical text, only where it differs from the default.
    private var overrides: [String: [String: String]]
    /// The Cardinal part of the file, as written (empty: Cardinal's defaults in Sunlight mode).
    public private(set) var cardinalText: String
    /// The Cardinal part parsed. Which indicators its sections enable matters only to
    /// `scan --format cardinal`; in a scan every indicator rule runs, with its section's values
    /// if it has one.
    public private(set) var cardinal: CardinalSettings

    public static let defaults = RuleParameters(overrides: [:])

    private init(overrides: [String: [String: String]], cardinalText: String = "", cardinal: CardinalSettings = CardinalSettings()) {
        self.overrides = overrides
        self.cardinalText = cardinalText
        self.cardinal = cardinal
    }

    /// Cardinal's top-level keys, valid before any section.
    static let cardinalTopLevelKeys: Set<String> = ["currency", "no_price_comparison_procurement_methods", "price_comparison_procurement_methods"]

    /// Whether a section belongs to Cardinal's settings language.
    static func isCardinalSection(_ name: String) -> Bool {
        if ["defaults", "redactions", "corrections", "modifications", "exclusions", "output"].contains(name) { return true }
        if name.hasPrefix("codelists.") { return true }
        let code = name.split(separator: ".", maxSplits: 1).first.map(String.init) ?? name
        return IndicatorCode(rawValue: code) != nil
    }

    private static func spec(rule: String, name: String) -> ParameterSpec? {
        RuleCatalog.rule(code: rule)?.parameters.first { $0.name == name }
    }

    /// Parses a settings file. Rejects unknown sections and keys, keys outside a section, a key
    /// given twice, lines that are not `name = value`, malformed and out-of-range values.
    public init(iniText: String) throws(ParameterError) {
        var overrides: [String: [String: String]] = [:]
        var section: String? = nil
        var seen: Set<String> = []
        var text = iniText
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        // By Character, "\r\n" is one grapheme and not equal to "\n": splitting on "\n" alone read a
        // CRLF file (Windows Notepad) as one line, and a lone CR written back became "\r\n", so
        // `iniText()` did not parse back to an equal value (found by fuzzing, issue 18).
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
        // Lines of Cardinal's part keep their place; the others become blank in its copy.
        var cardinalLines = [String](repeating: "", count: lines.count)
        var inCardinal = false
        for (offset, rawLine) in lines.enumerated() {
            let number = offset + 1
            var line = Self.stripComment(String(rawLine)).trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]") else {
                    throw ParameterError(messageZh: "节标题“\(line)”缺少右方括号", messageEn: "section header \"\(line)\" lacks its closing bracket")
                        .at(line: number, rule: nil)
                }
                line = String(line.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
                inCardinal = Self.isCardinalSection(line)
                if inCardinal {
                    section = nil
                    cardinalLines[offset] = String(rawLine)
                    continue
                }
                guard RuleCatalog.rule(code: line) != nil else {
                    throw ParameterError(rule: line, messageZh: "未知的规则“[\(line)]”", messageEn: "unknown rule section [\(line)]")
                        .at(line: number, rule: line)
                }
                section = line
                continue
            }
            guard let equals = line.firstIndex(of: "=") else {
                throw ParameterError(messageZh: "无法识别“\(line)”：应为“名称 = 值”", messageEn: "cannot read \"\(line)\": expected \"name = value\"")
                    .at(line: number, rule: section)
            }
            let name = line[..<equals].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if inCardinal || (section == nil && Self.cardinalTopLevelKeys.contains(name)) {
                cardinalLines[offset] = String(rawLine)
                continue
            }
            guard let rule = section else {
                throw ParameterError(name: name, messageZh: "参数 \(name) 不在任何规则节（如 [benefit.deceased]）之下",
                                     messageEn: "parameter \(name) is outside a rule section such as [benefit.deceased]")
                    .at(line: number, rule: nil)
            }
            guard let spec = Self.spec(rule: rule, name: name) else {
                throw ParameterError(rule: rule, name: name, messageZh: "规则 \(rule) 没有参数“\(name)”",
                                     messageEn: "rule \(rule) has no parameter \"\(name)\"")
                    .at(line: number, rule: rule)
            }
            guard seen.insert(rule + "\u{0}" + name).inserted else {
                throw ParameterError(rule: rule, name: name, messageZh: "参数 \(rule).\(name) 重复设置",
                                     messageEn: "parameter \(rule).\(name) is set twice")
                    .at(line: number, rule: rule)
            }
            switch spec.canonical(value) {
            case .failure(let error): throw error.at(line: number, rule: rule)
            case .success(let canonical):
                if canonical != spec.defaultValue { overrides[rule, default: [:]][name] = canonical }
            }
        }
        self.overrides = overrides
        let cardinalText = cardinalLines.joined(separator: "\n")
        if cardinalText.contains(where: { !$0.isWhitespace }) {
            do {
                cardinal = try CardinalSettings.parse(cardinalText)
            } catch {
                throw ParameterError(line: error.line, messageZh: (error.line.map { "第 \($0) 行：" } ?? "") + error.messageZh,
                                     messageEn: (error.line.map { "line \($0): " } ?? "") + error.messageEn)
            }
            self.cardinalText = cardinalLines.enumerated().filter { !$0.element.isEmpty }.map(\.element).joined(separator: "\n") + "\n"
        } else {
            cardinal = CardinalSettings()
            self.cardinalText = ""
        }
    }

    /// `#` or `;` starts a comment at the beginning of a line, or after whitespace.
    private static func stripComment(_ line: String) -> String {
        var previousIsSpace = true
        for (i, c) in zip(line.indices, line) {
            if (c == "#" || c == ";") && previousIsSpace { return String(line[..<i]) }
            previousIsSpace = c == " " || c == "\t"
        }
        return line
    }

    /// The effective canonical value, or nil for an unknown rule or name.
    public func value(rule: String, name: String) -> String? {
        if let set = overrides[rule]?[name] { return set }
        return Self.spec(rule: rule, name: name)?.defaultValue
    }

    /// Every parameter of `rule` with its effective value.
    public func effective(rule: String) -> [String: String] {
        guard let specs = RuleCatalog.rule(code: rule)?.parameters else { return [:] }
        var values: [String: String] = [:]
        for spec in specs { values[spec.name] = overrides[rule]?[spec.name] ?? spec.defaultValue }
        return values
    }

    /// The settings with one value changed (an admin form). Setting the default removes the override.
    public func setting(rule: String, name: String, value: String) throws(ParameterError) -> RuleParameters {
        guard RuleCatalog.rule(code: rule) != nil else {
            throw ParameterError(rule: rule, messageZh: "未知的规则“\(rule)”", messageEn: "unknown rule \"\(rule)\"")
        }
        guard let spec = Self.spec(rule: rule, name: name) else {
            throw ParameterError(rule: rule, name: name, messageZh: "规则 \(rule) 没有参数“\(name)”",
                                 messageEn: "rule \(rule) has no parameter \"\(name)\"")
        }
        switch spec.canonical(value) {
        case .failure(var error):
            error.rule = rule
            throw error
        case .success(let canonical):
            var copy = self
            if canonical == spec.defaultValue {
                copy.overrides[rule]?[name] = nil
                if copy.overrides[rule]?.isEmpty == true { copy.overrides[rule] = nil }
            } else {
                copy.overrides[rule, default: [:]][name] = canonical
            }
            return copy
        }
    }

    /// The non-default values as INI text, rules in catalog order, names in spec order, after
    /// the Cardinal part as written (empty when everything is default). Parses back to an
    /// equal value.
    public func iniText() -> String {
        var out: [String] = []
        for rule in RuleCatalog.all {
            guard let set = overrides[rule.code], !set.isEmpty else { continue }
            if !out.isEmpty { out.append("") }
            out.append("[\(rule.code)]")
            for spec in rule.parameters { if let value = set[spec.name] { out.append("\(spec.name) = \(value)") } }
        }
        let own = out.isEmpty ? "" : out.joined(separator: "\n") + "\n"
        if cardinalText.isEmpty { return own }
        // Cardinal's part first: its top-level keys (`currency = …`) must precede every section.
        return own.isEmpty ? cardinalText : cardinalText + "\n" + own
    }

    // MARK: typed access for rules (values are validated on the way in)

    func integer(_ rule: String, _ name: String) -> Int {
        Int(value(rule: rule, name: name) ?? "") ?? 0
    }

    func decimal(_ rule: String, _ name: String) -> FixedDecimal {
        FixedDecimal(text: value(rule: rule, name: name) ?? "") ?? FixedDecimal(micros: 0)
    }

    func bool(_ rule: String, _ name: String) -> Bool {
        value(rule: rule, name: name) == "true"
    }

    func words(_ rule: String, _ name: String) -> [String] {
        ParameterSpec.words(value(rule: rule, name: name) ?? "")
    }
}
