import SunlightDomain

/// Party sanctions (党纪处分, 中国共产党纪律处分条例 🟡): the five kinds with their periods and
/// the rule for a new sanction during an influence period.
public struct PartySanctionTable: SanctionCatalog, Codable, Equatable {
    public var header: TableHeader
    public var sanctions: [SanctionType]
    /// A new sanction during an influence period runs for its own period plus the unserved
    /// remainder of the earlier one ("影响期为原处分尚未执行的影响期与新处分影响期之和").
    public var addsUnservedRemainder: Bool
    public var remainderStatus: SourceStatus

    public init(header: TableHeader, sanctions: [SanctionType], addsUnservedRemainder: Bool,
                remainderStatus: SourceStatus) {
        self.header = header
        self.sanctions = sanctions
        self.addsUnservedRemainder = addsUnservedRemainder
        self.remainderStatus = remainderStatus
    }

    /// The influence period of a new sanction given while `previous` may still run: the new
    /// period, lengthened at its end by the days of `previous` not yet served on the new
    /// sanction's first day (that day included; 0 when `previous` has ended). Unchanged when
    /// the rule is switched off.
    public func periodWithRemainder(new: InfluencePeriod, previous: InfluencePeriod) -> InfluencePeriod {
        guard addsUnservedRemainder else { return new }
        return new.extended(byDays: previous.remainingDays(on: new.start))
    }

    /// The same, from the sanction codes: `sanction.no_influence_period` when the new sanction
    /// is an expulsion (nothing to lengthen).
    public func influencePeriod(of code: String, effective: LocalDate, months: Int? = nil,
                                during previous: InfluencePeriod?) throws(ValueError) -> InfluencePeriod {
        guard let new = try influencePeriod(of: code, effective: effective, months: months) else {
            throw RegimeErrors.make("sanction.no_influence_period", "“\(code)”没有影响期",
                                    "\"\(code)\" has no influence period")
        }
        guard let previous else { return new }
        return periodWithRemainder(new: new, previous: previous)
    }

    /// After 开除党籍: the last day on which re-admission is barred, nil if not an expulsion.
    public func readmissionBar(of code: String, effective: LocalDate) throws(ValueError) -> InfluencePeriod? {
        guard let months = try require(code).readmissionBarMonths else { return nil }
        return InfluencePeriod.months(months, from: effective)
    }
}
