/// One statutory time limit, as data: "within `amount` `unit` from `runsFrom`".
///
/// The rules are kept in a table an administrator may edit (a revised regulation, a local
/// rule), so nothing about a particular deadline is written in code; `DeadlineEngine` knows only
/// how to count.
public struct DeadlineRule: Sendable, Codable, Equatable {
    /// Stable identifier, `<area>.<step>`, e.g. `"petition.claim_opinion"`. Records store it.
    public var code: String
    public var area: DeadlineArea
    public var title: BilingualText
    /// Where the rule comes from, e.g. "《信访工作条例》第三十四条".
    public var basis: BilingualText
    public var runsFrom: DeadlineEvent
    /// Positive.
    public var amount: Int
    public var unit: DeadlineUnit
    /// `nil`: the rule provides no extension.
    public var extensionRule: ExtensionProvision?
    /// Whether time may be excluded from the count — only where the source says so, as 信访
    /// Art. 36 does for hearings ("听证所需时间不计算在前款规定的期限内"). The engine refuses
    /// pauses on other rules rather than silently stretching a statutory limit.
    public var allowsPause: Bool
    public var applicability: Applicability
    public var status: SourceStatus

    public init(code: String, area: DeadlineArea, title: BilingualText, basis: BilingualText,
                runsFrom: DeadlineEvent, amount: Int, unit: DeadlineUnit,
                extensionRule: ExtensionProvision? = nil, allowsPause: Bool = false,
                applicability: Applicability = .any, status: SourceStatus) {
        self.code = code
        self.area = area
        self.title = title
        self.basis = basis
        self.runsFrom = runsFrom
        self.amount = amount
        self.unit = unit
        self.extensionRule = extensionRule
        self.allowsPause = allowsPause
        self.applicability = applicability
        self.status = status
    }

    /// "15 个工作日" / "15 working days".
    public var periodText: BilingualText {
        BilingualText(zh: "\(amount)\(unit.label.zh)", en: "\(amount) \(unit.label.en)")
    }
}
