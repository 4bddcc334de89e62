/// The rules Sunlight runs, in the catalog order of rules.md: the Chinese rules, then Cardinal's
/// eleven indicators over OCDS processes.
public enum RuleCatalog {
    public static let all: [any SupervisionRule] = [
        DeceasedRecipientRule(), OfficialRecipientRule(), VehicleOwnerRecipientRule(), CompanyLinkedRecipientRule(),
        DuplicateBenefitRule(), CadreRelativeRecipientRule(), SharedAccountRule(), IneligibleAgeRule(), InvalidIDRule(),
        DuplicatePaymentRule(), SplitPaymentRule(), ThresholdEdgePaymentRule(), HolidayPaymentRule(),
        NewCompanyPaymentRule(), DeregisteredPayeeRule(), BenfordRule(), VoucherSequenceGapRule(),
        UnbudgetedSpendingRule(), BudgetOverrunRule(), ThreePublicIncreaseRule(),
        ConflictPayeeRule(), BidConflictRule(),
        ProjectNoFundingRule(), ProjectOverrunRule(), ProjectScaleIncreaseRule(), ProjectNoTenderRule(), ProjectUnclosedRule(),
        BidFewBiddersRule(), BidShortPeriodRule(), BidSameDeviceRule(), BidSameBondAccountRule(), BidSameContactRule(),
        BidCommonOwnerRule(), BidIdenticalPricesRule(), BidRegularPricesRule(), BidNearCeilingRule(),
        BidPerennialLoserRule(), BidLoyalWinnerRule(), BidRotationRule(),
        ServiceOverdueRule(), ServiceStalledRule(),
    ] + CardinalIndicatorRule.all

    private static let byCode: [String: Int] = {
        var map: [String: Int] = [:]
        for (i, rule) in all.enumerated() { map[rule.code] = i }
        return map
    }()

    public static func rule(code: String) -> (any SupervisionRule)? {
        byCode[code].map { all[$0] }
    }

    /// Position in the catalog (for ordering results), nil for a rule not in it.
    public static func index(of code: String) -> Int? { byCode[code] }
}
