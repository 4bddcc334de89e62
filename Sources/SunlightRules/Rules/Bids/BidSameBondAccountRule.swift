import SunlightDomain

/// `bid.same_bond_account` 保证金同一账户: ≥ 2 distinct bidders' bid bonds come from one account
/// (招标投标法实施条例 Art. 40(6): bonds paid from the same unit's or person's account are
/// deemed collusion).
///
/// "Evidence signals use every bid row"; the account is compared "without spaces, hyphens or
/// brackets". See `SharedValueCheck` for the counts.
public struct BidSameBondAccountRule: SupervisionRule {
    public init() {}
    public var code: String { "bid.same_bond_account" }
    public var version: Int { 1 }
    public var titleZh: String { "保证金同一账户" }
    public var titleEn: String { "Bid bonds paid from one account" }
    public var explanationZh: String {
        "不同投标人的投标保证金从同一单位或者个人的账户转出，按《招标投标法实施条例》第四十条第（六）项视为串通投标。账号去除空格、连字符和括号后比对，所有投标记录均参与比对。"
    }
    public var explanationEn: String {
        "Bid bonds of different bidders paid from one unit's or person's account are deemed collusion under Article 40(6) of the Implementing Regulations. Accounts are compared without spaces, hyphens or brackets, over every bid row."
    }
    public var inputs: [String] { ["bids", "tenders"] }
    public var parameters: [ParameterSpec] { [] }

    public func evaluate(_ data: SupervisionData, _ context: RuleContext) -> RuleResult {
        SharedValueCheck(fields: [.bondAccount], missingZh: "投标明细缺少保证金付款账号", missingEn: "the bids lack the bond account")
            .evaluate(self, data, context) { _ in .high }
    }
}
