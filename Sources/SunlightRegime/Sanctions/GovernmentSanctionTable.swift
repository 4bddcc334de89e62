import SunlightDomain

/// Government sanctions (政务处分, 公职人员政务处分法 2020 ✅): the six kinds with their periods,
/// the Art. 15 combination cap and the Art. 22/23 restrictions.
public struct GovernmentSanctionTable: SanctionCatalog, Codable, Equatable {
    public var header: TableHeader
    public var sanctions: [SanctionType]
    /// Art. 15: a combined period is at most 48 months.
    public var combinationCapMonths: Int
    public var restrictions: [SanctionRestriction]

    public init(header: TableHeader, sanctions: [SanctionType], combinationCapMonths: Int,
                restrictions: [SanctionRestriction]) {
        self.header = header
        self.sanctions = sanctions
        self.combinationCapMonths = combinationCapMonths
        self.restrictions = restrictions
    }

    /// Art. 15 for the sanctions due for several violations (codes, repeats meaning "due again").
    /// Errors: `sanction.none_given`, `sanction.unknown`.
    public func combine(_ codes: [String]) throws(ValueError) -> SanctionCombination {
        guard !codes.isEmpty else {
            throw RegimeErrors.make("sanction.none_given", "没有需要合并的政务处分", "no sanctions to combine")
        }
        var types: [SanctionType] = []
        for code in codes { types.append(try require(code)) }
        let heaviest = types.max { $0.severity < $1.severity }!
        let count = types.filter { $0.code == heaviest.code }.count
        guard let single = heaviest.singlePeriodMonths else {
            return SanctionCombination(applies: heaviest.code, count: count, allowedMonths: nil)
        }
        guard heaviest.combinable, count > 1 else {
            return SanctionCombination(applies: heaviest.code, count: count, allowedMonths: single...single)
        }
        let upper = max(single, min(single * count, combinationCapMonths))
        return SanctionCombination(applies: heaviest.code, count: count, allowedMonths: single...upper)
    }

    /// Checks a chosen combined period against Art. 15 and returns the combination.
    /// Errors: those of `combine`, `sanction.not_combinable` (no period to set: 开除),
    /// `sanction.combined_period_below_single`, `sanction.combined_period_above_sum`,
    /// `sanction.combined_period_above_cap`.
    @discardableResult
    public func validateCombinedPeriod(_ months: Int, for codes: [String]) throws(ValueError) -> SanctionCombination {
        let combination = try combine(codes)
        let type = try require(combination.applies)
        guard let range = combination.allowedMonths, let single = type.singlePeriodMonths else {
            throw RegimeErrors.make("sanction.not_combinable",
                                    "“\(type.label.zh)”没有处分期，不能确定合并处分期",
                                    "\"\(type.label.en)\" has no period to combine")
        }
        if months < range.lowerBound {
            throw RegimeErrors.make("sanction.combined_period_below_single",
                                    "合并处分期 \(months) 个月短于一个处分期 \(single) 个月（允许 \(range.lowerBound)–\(range.upperBound) 个月）",
                                    "combined period of \(months) months is shorter than one period of \(single) (allowed \(range.lowerBound)–\(range.upperBound))")
        }
        if months > range.upperBound {
            // The binding limit is the lower of the sum and the cap.
            let sum = single * combination.count
            if sum > combinationCapMonths {
                throw RegimeErrors.make("sanction.combined_period_above_cap",
                                        "合并处分期 \(months) 个月超过最长 \(combinationCapMonths) 个月（允许 \(range.lowerBound)–\(range.upperBound) 个月）",
                                        "combined period of \(months) months exceeds the \(combinationCapMonths)-month maximum (allowed \(range.lowerBound)–\(range.upperBound))")
            }
            throw RegimeErrors.make("sanction.combined_period_above_sum",
                                    "合并处分期 \(months) 个月超过各处分期之和 \(sum) 个月（允许 \(range.lowerBound)–\(range.upperBound) 个月）",
                                    "combined period of \(months) months exceeds the sum of the periods, \(sum) (allowed \(range.lowerBound)–\(range.upperBound))")
        }
        return combination
    }

    /// The influence period of a combined sanction with a chosen, validated length.
    public func combinedInfluencePeriod(_ codes: [String], months: Int,
                                        effective: LocalDate) throws(ValueError) -> InfluencePeriod {
        try validateCombinedPeriod(months, for: codes)
        return InfluencePeriod.months(months, from: effective)
    }

    public func restriction(_ category: String) -> SanctionRestriction? {
        restrictions.first { $0.category == category }
    }

    /// Whether `code` may be given to a person of `category` (nil: no restriction).
    /// Errors: `sanction.unknown`, `sanction.unknown_category`, `sanction.not_allowed_for_category`.
    public func validate(_ code: String, forCategory category: String?) throws(ValueError) {
        let type = try require(code)
        guard let category else { return }
        guard let restriction = restriction(category) else {
            throw RegimeErrors.make("sanction.unknown_category", "未知的人员类别“\(category)”",
                                    "unknown category of person \"\(category)\"")
        }
        guard restriction.allowed.contains(code) else {
            let allowed = restriction.allowed.compactMap { sanction($0) }
            throw RegimeErrors.make(
                "sanction.not_allowed_for_category",
                "对\(restriction.label.zh)只能给予\(allowed.map(\.label.zh).joined(separator: "、"))，不能给予\(type.label.zh)（\(restriction.basis.zh)）",
                "\(restriction.label.en) may only receive \(allowed.map(\.label.en).joined(separator: ", ")), not \(type.label.en) (\(restriction.basis.en))")
        }
    }
}
