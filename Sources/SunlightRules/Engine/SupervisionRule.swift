import SunlightDomain

/// One supervision rule of `rules.md`. Rules are values without state: everything they read
/// comes from `SupervisionData` and `RuleContext`, so they can run concurrently and a finding
/// can be reproduced from the same input, parameters and as-of date.
///
/// Cardinal's R-codes are to be added as further conformances and entries of `RuleCatalog.all`.
public protocol SupervisionRule: Sendable {
    /// The stable public code, e.g. `benefit.deceased`.
    var code: String { get }
    /// Bumped whenever the rule's logic changes, so stored findings say which logic made them.
    var version: Int { get }
    var titleZh: String { get }
    var titleEn: String { get }
    /// One paragraph for the findings page: what it checks and why.
    var explanationZh: String { get }
    var explanationEn: String { get }
    /// The contract dataset names it reads, e.g. `["benefits", "deaths"]`.
    var inputs: [String] { get }
    var parameters: [ParameterSpec] { get }
    func evaluate(_ data: SupervisionData, _ context: RuleContext) -> RuleResult
}

/// What a run depends on besides the data.
public struct RuleContext: Sendable {
    /// "Time-dependent rules take --as-of YYYY-MM-DD (default: today)."
    public var asOf: LocalDate
    public var calendar: WorkingDayCalendar
    public var parameters: RuleParameters

    public init(asOf: LocalDate, calendar: WorkingDayCalendar = .shipped, parameters: RuleParameters = .defaults) {
        self.asOf = asOf
        self.calendar = calendar
        self.parameters = parameters
    }
}
