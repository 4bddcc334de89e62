import Foundation

/// One configurable setting of a rule, with its default as rules.md fixes it.
public struct ParameterSpec: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        /// A whole number, e.g. `window_days = 30`.
        case integer
        /// An exact decimal, e.g. `delta = 0.05`, `threshold = 1000000` (yuan). Never floating point.
        case decimal
        /// `true` / `false` (also 是/否, Y/N, 1/0).
        case bool
        /// A list of words separated by `,` `，` `、` or `|`, e.g. `exempt_types = 摩托车, 三轮汽车`.
        case words
    }

    public var name: String
    public var kind: Kind
    /// Canonical text of the default.
    public var defaultValue: String
    /// Bounds (canonical text, same kind), and whether they are excluded: δ is in (0, 1).
    public var minimum: String?
    public var minimumExclusive: Bool
    public var maximum: String?
    public var maximumExclusive: Bool
    /// For `.decimal`: the most decimals accepted (2 for amounts of yuan, so that they are whole fen).
    public var maxFractionDigits: Int
    public var descriptionZh: String
    public var descriptionEn: String

    public init(name: String, kind: Kind, defaultValue: String, minimum: String? = nil, minimumExclusive: Bool = false,
                maximum: String? = nil, maximumExclusive: Bool = false, maxFractionDigits: Int = 6,
                descriptionZh: String, descriptionEn: String) {
        self.name = name
        self.kind = kind
        self.defaultValue = defaultValue
        self.minimum = minimum
        self.minimumExclusive = minimumExclusive
        self.maximum = maximum
        self.maximumExclusive = maximumExclusive
        self.maxFractionDigits = maxFractionDigits
        self.descriptionZh = descriptionZh
        self.descriptionEn = descriptionEn
    }

    /// The canonical text of `raw`, or why it is not acceptable (zh, en).
    public func canonical(_ raw: String) -> Result<String, ParameterError> {
        let text = raw.trimmingCharacters(in: .whitespaces)
        switch kind {
        case .integer:
            guard let value = Int(text.hasPrefix("+") ? String(text.dropFirst()) : text) else {
                return .failure(malformed(text, zh: "整数", en: "a whole number"))
            }
            let (micros, overflow) = Int64(value).multipliedReportingOverflow(by: FixedDecimal.scale)
            guard !overflow else { return .failure(malformed(text, zh: "合理范围内的整数", en: "a whole number of reasonable size")) }
            if let problem = rangeProblem(micros, text: String(value)) { return .failure(problem) }
            return .success(String(value))
        case .decimal:
            guard let value = FixedDecimal(text: text, maxFractionDigits: maxFractionDigits) else {
                return .failure(malformed(text, zh: "最多 \(maxFractionDigits) 位小数的数字",
                                          en: "a number with at most \(maxFractionDigits) decimals"))
            }
            if let problem = rangeProblem(value.micros, text: value.text) { return .failure(problem) }
            return .success(value.text)
        case .bool:
            switch text.lowercased() {
            case "true", "yes", "y", "1", "on", "是": return .success("true")
            case "false", "no", "n", "0", "off", "否": return .success("false")
            default: return .failure(malformed(text, zh: "true 或 false", en: "true or false"))
            }
        case .words:
            return .success(Self.words(text).joined(separator: ", "))
        }
    }

    static func words(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == "," || $0 == "，" || $0 == "、" || $0 == "|" })
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    private func malformed(_ text: String, zh: String, en: String) -> ParameterError {
        ParameterError(name: name, messageZh: "参数 \(name) 的值“\(text)”无效：应为\(zh)",
                       messageEn: "parameter \(name): \"\(text)\" is not valid; expected \(en)")
    }

    private func bound(_ text: String?) -> Int64? {
        guard let text else { return nil }
        return FixedDecimal(text: text)?.micros
    }

    private func rangeProblem(_ micros: Int64, text: String) -> ParameterError? {
        var ok = true
        if let low = bound(minimum) { ok = ok && (minimumExclusive ? micros > low : micros >= low) }
        if let high = bound(maximum) { ok = ok && (maximumExclusive ? micros < high : micros <= high) }
        guard !ok else { return nil }
        let open = minimum.map { (minimumExclusive ? "(" : "[") + $0 } ?? "(-∞"
        let close = maximum.map { $0 + (maximumExclusive ? ")" : "]") } ?? "+∞)"
        return ParameterError(name: name, messageZh: "参数 \(name) 的值 \(text) 超出范围 \(open), \(close)",
                              messageEn: "parameter \(name): \(text) is outside the range \(open), \(close)")
    }
}
