import SunlightDomain

/// `bid.same_contact` 同一联系人: ≥ 2 distinct bidders share contact_phone or contact_name
/// (政府采购货物和服务招标投标管理办法, 财政部令第87号 Art. 37: bidding matters handled by the
/// same unit or person are deemed collusion).
///
/// "Evidence signals use every bid row"; phones compared "without spaces, hyphens or brackets",
/// names trimmed. Severity: high when a phone is shared, medium when only a name is (namesakes
/// exist). See `SharedValueCheck` for the counts.
public struct BidSameContactRule: SupervisionRule {
    public init() {}
    public var code: String { "bid.same_contact" }
    public var version: Int { 1 }
    public var titleZh: String { "同一联系人" }
    public var titleEn: String { "Bidders with one contact person" }
    public var explanationZh: String {
        "不同投标人的联系电话或联系人相同，说明可能委托同一单位或者个人办理投标事宜，按《政府采购货物和服务招标投标管理办法》（财政部令第87号）第三十七条视为串通投标。电话去除空格、连字符和括号后比对；仅联系人姓名相同的（可能重名）为中风险。"
    }
    public var explanationEn: String {
        "Different bidders giving the same contact phone or contact person suggests one unit or person handled their bids, which Article 37 of Ministry of Finance Order No. 87 deems collusion. Phones are compared without spaces, hyphens or brackets; a shared name alone (namesakes exist) is of medium severity."
    }
    public var inputs: [String] { ["bids", "tenders"] }
    public var parameters: [ParameterSpec] { [] }

    public func evaluate(_ data: SupervisionData, _ context: RuleContext) -> RuleResult {
        SharedValueCheck(fields: [.contactPhone, .contactName],
                         missingZh: "投标明细缺少联系电话和联系人", missingEn: "the bids lack contact phone and name")
            .evaluate(self, data, context) { shared in shared.contains { $0.field == .contactPhone } ? .high : .medium }
    }
}
