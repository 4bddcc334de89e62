/// The roles of `PRODUCT.md`. Every user holds one role, bound to one unit. The one role type:
/// access policy, accounts and the regime's workflow tables all use it (an edited regime naming an
/// unknown role is caught by the regime's validation, see `ClueTransition.unknownRoles`).
public enum Role: String, Sendable, CaseIterable, Codable {
    case admin
    case inspector
    case auditor
    case unitOfficer = "unit_officer"
    case leader
    case witness

    public var labelZh: String {
        switch self {
        case .admin: return "系统管理员"
        case .inspector: return "纪检监察干部"
        case .auditor: return "审计财政干部"
        case .unitOfficer: return "单位廉政联络员"
        case .leader: return "领导"
        case .witness: return "外部见证人"
        }
    }

    public var labelEn: String {
        switch self {
        case .admin: return "Administrator"
        case .inspector: return "Inspector"
        case .auditor: return "Auditor"
        case .unitOfficer: return "Unit officer"
        case .leader: return "Leader"
        case .witness: return "Witness"
        }
    }
}
