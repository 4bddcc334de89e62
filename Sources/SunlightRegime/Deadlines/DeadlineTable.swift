/// The deadline rules in force from a date, with the threshold for "due soon".
public struct DeadlineTable: Sendable, Codable, Equatable {
    public var header: TableHeader
    public var rules: [DeadlineRule]
    /// A deadline this many working days away or fewer is "due soon" (临期). ❓: a local
    /// working habit, not a rule of law — hence `dueSoonStatus`.
    public var dueSoonWorkingDays: Int
    public var dueSoonStatus: SourceStatus

    public init(header: TableHeader, rules: [DeadlineRule], dueSoonWorkingDays: Int = 3,
                dueSoonStatus: SourceStatus = .unverified) {
        self.header = header
        self.rules = rules
        self.dueSoonWorkingDays = dueSoonWorkingDays
        self.dueSoonStatus = dueSoonStatus
    }

    public func rule(_ code: String) -> DeadlineRule? {
        rules.first { $0.code == code }
    }

    /// The rules that apply to a report with these facts, in table order.
    public func rules(applicableTo context: ReportContext) -> [DeadlineRule] {
        rules.filter { $0.applicability.matches(context) }
    }

    public func rules(in area: DeadlineArea) -> [DeadlineRule] {
        rules.filter { $0.area == area }
    }
}
