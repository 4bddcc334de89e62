/// The contract's datasets a rule can read (`data-contract.md`), with the words used in
/// "not computable" messages.
public enum Dataset: String, CaseIterable, Sendable {
    case units, people, relatives, households, deaths, companies
    case companyRoles = "company_roles"
    case vehicles, programs, benefits, budgets, payments, projects, tenders, bids
    case serviceCases = "service_cases"
    /// OCDS contracting processes (`sunlight import ocds`): Cardinal's indicators read them, and
    /// their tenders and bids also feed the `bid.*` rules.
    case ocds

    /// 中文名称 as in the contract.
    public var labelZh: String {
        switch self {
        case .units: "单位"
        case .people: "人员"
        case .relatives: "亲属关系"
        case .households: "户籍"
        case .deaths: "死亡"
        case .companies: "企业"
        case .companyRoles: "股东及主要人员"
        case .vehicles: "机动车"
        case .programs: "惠民资金项目"
        case .benefits: "惠民资金发放"
        case .budgets: "预算"
        case .payments: "支付凭证"
        case .projects: "项目"
        case .tenders: "招标项目"
        case .bids: "投标明细"
        case .serviceCases: "政务服务办件"
        case .ocds: "OCDS 采购流程"
        }
    }

    /// English, as in "no deaths imported".
    public var labelEn: String {
        switch self {
        case .companyRoles: "company roles"
        case .serviceCases: "service cases"
        case .ocds: "OCDS processes"
        default: rawValue
        }
    }
}
