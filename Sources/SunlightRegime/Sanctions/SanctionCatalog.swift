import SunlightDomain

/// What the government and party sanction tables share: a list of sanction types, and the
/// influence-period arithmetic over it.
public protocol SanctionCatalog: Sendable {
    var sanctions: [SanctionType] { get }
}

extension SanctionCatalog {
    public func sanction(_ code: String) -> SanctionType? {
        sanctions.first { $0.code == code }
    }

    func require(_ code: String) throws(ValueError) -> SanctionType {
        guard let type = sanction(code) else {
            throw RegimeErrors.make("sanction.unknown", "未知的处分种类“\(code)”", "unknown sanction \"\(code)\"")
        }
        return type
    }

    /// The influence period of one sanction taking effect on `effective`; nil for expulsion
    /// (no period: see `status`). `months` chooses among the type's periods (留党察看: 12 or 24)
    /// and may be omitted when there is only one.
    /// Errors: `sanction.unknown`, `sanction.period_choice_required`, `sanction.period_not_offered`.
    public func influencePeriod(of code: String, effective: LocalDate,
                                months: Int? = nil) throws(ValueError) -> InfluencePeriod? {
        let type = try require(code)
        if type.periodMonths.isEmpty {
            if let months {
                throw RegimeErrors.make("sanction.period_not_offered",
                                        "“\(type.label.zh)”没有影响期，不能指定 \(months) 个月",
                                        "\"\(type.label.en)\" has no influence period; \(months) months cannot be set")
            }
            return nil
        }
        let chosen: Int
        if let months {
            guard type.periodMonths.contains(months) else {
                let offered = type.periodMonths.map(String.init).joined(separator: "/")
                throw RegimeErrors.make("sanction.period_not_offered",
                                        "“\(type.label.zh)”的影响期只能是 \(offered) 个月，不能是 \(months) 个月",
                                        "\"\(type.label.en)\" runs \(offered) months, not \(months)")
            }
            chosen = months
        } else {
            guard let single = type.singlePeriodMonths else {
                throw RegimeErrors.make("sanction.period_choice_required",
                                        "“\(type.label.zh)”须选择期限（\(type.periodMonths.map(String.init).joined(separator: "/")) 个月）",
                                        "\"\(type.label.en)\" needs a chosen period (\(type.periodMonths.map(String.init).joined(separator: "/")) months)")
            }
            chosen = single
        }
        return InfluencePeriod.months(chosen, from: effective)
    }

    /// Whether the sanction restricts the person on `date`, and for how many more days.
    public func status(of code: String, effective: LocalDate, months: Int? = nil,
                       on date: LocalDate) throws(ValueError) -> InfluenceStatus {
        guard let period = try influencePeriod(of: code, effective: effective, months: months) else {
            return date < effective ? .notYetEffective(daysUntil: date.days(until: effective)) : .permanent
        }
        return period.status(on: date)
    }
}
