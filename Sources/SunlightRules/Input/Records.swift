/// Compact interned records. Symbols index `SupervisionData.symbols`; `SymbolTable.none` (-1) is
/// "empty". Dates are day numbers (`LocalDate.dayNumber`) in `Int32`; `Day.none` is "empty".
enum Day {
    static let none = Int32.min
    /// An open upper bound ("until empty = still in post").
    static let open = Int32.max
}

/// Month index `year * 12 + month - 1`, so that month arithmetic is integer arithmetic.
enum MonthIndex {
    static func of(year: Int, month: Int) -> Int32 { Int32(year * 12 + month - 1) }
}

enum PersonCategory: UInt8, Sendable {
    case civilServant, institutionStaff, soeManager, villageCadre, other, unrecognised

    init(code: String) {
        switch code {
        case "civil_servant": self = .civilServant
        case "institution_staff": self = .institutionStaff
        case "soe_manager": self = .soeManager
        case "village_cadre": self = .villageCadre
        case "other": self = .other
        default: self = .unrecognised
        }
    }

    /// "Publicly funded: civil_servant, institution_staff, soe_manager."
    var isPubliclyFunded: Bool { self == .civilServant || self == .institutionStaff || self == .soeManager }
    /// "Officials: people of any category but other."
    var isOfficial: Bool { self != .other }
}

struct PersonRecord: Sendable {
    var person: Int32
    var name: Int32
    var unit: Int32
    var categoryText: Int32
    var category: PersonCategory
    var sinceDay: Int32   // Day.none = no lower bound
    var untilDay: Int32   // Day.open = still in post

    /// "Active: since empty = no lower bound, until empty = still in post, both ends inclusive."
    func isActive(on day: Int32) -> Bool { sinceDay <= day && day <= untilDay }

    /// "Active during P = in post on at least one day of period P's month."
    func isActive(from first: Int32, through last: Int32) -> Bool { sinceDay <= last && untilDay >= first }
}

enum CompanyStatus: UInt8, Sendable {
    case unknown, active, deregistered, revoked
    init(code: String?) {
        switch code {
        case "active": self = .active
        case "deregistered": self = .deregistered
        case "revoked": self = .revoked
        default: self = .unknown
        }
    }
    var isGone: Bool { self == .deregistered || self == .revoked }
}

struct CompanyRecord: Sendable {
    var uscc: Int32
    var name: Int32
    var legalRep: Int32
    var establishedDay: Int32
    var status: CompanyStatus
    var statusText: Int32
    var statusDay: Int32
}

/// How a person is linked to a company: `legal_rep_id_number` of `companies`, or a role row.
enum CompanyLink: UInt8, Sendable {
    case legalRepresentative, shareholder, legalRepRole, executive, supervisor, otherRole

    init(role: String) {
        switch role {
        case "shareholder": self = .shareholder
        case "legal_rep": self = .legalRepRole
        case "executive": self = .executive
        case "supervisor": self = .supervisor
        default: self = .otherRole
        }
    }

    var code: String {
        switch self {
        case .legalRepresentative, .legalRepRole: "legal_rep"
        case .shareholder: "shareholder"
        case .executive: "executive"
        case .supervisor: "supervisor"
        case .otherRole: "other"
        }
    }

    var zh: String {
        switch self {
        case .legalRepresentative, .legalRepRole: "法定代表人"
        case .shareholder: "股东"
        case .executive: "高管"
        case .supervisor: "监事"
        case .otherRole: "其他角色"
        }
    }
}

struct VehicleRecord: Sendable {
    var plate: Int32
    var owner: Int32
    var vehicleType: Int32
    var registeredDay: Int32
}

/// Whether a benefit row's ID could be read: `empty`, `malformed` (fails GB 11643 structurally),
/// or `parsed` (17 digits, check character and a real birth date ≥ 1900; still compared with
/// the as-of date by `benefit.invalid_id`).
enum IDState: UInt8, Sendable { case empty, malformed, parsed }

struct BenefitRecord: Sendable {
    var program: Int32
    var period: Int32        // MonthIndex
    var person: Int32        // canonical ID when parsed, else the raw stored text
    var rawID: Int32         // the folded form as stored
    var name: Int32
    var household: Int32
    var village: Int32
    var account: Int32       // without spaces or hyphens
    var amount: Int64
    var paidDay: Int32
    var birthDay: Int32
    var idState: IDState
}

struct PaymentRecord: Sendable {
    var unit: Int32
    var voucher: Int32
    var day: Int32
    var payee: Int32         // the payee key of rules.md
    var payeeName: Int32
    var payeeCode: Int32     // upper-cased
    var payeePerson: Int32   // canonical resident ID when payee_code is one
    var amount: Int64
    var category: Int32
    var project: Int32
    var approver: Int32      // canonical resident ID
}

struct BudgetRecord: Sendable {
    var year: Int32
    var unit: Int32
    var category: Int32
    var project: Int32
    var amount: Int64
}

struct ServiceCaseRecord: Sendable {
    var caseNo: Int32
    var matter: Int32
    var unit: Int32
    var receivedDay: Int32
    var completedDay: Int32
    var timeLimitDays: Int32
    var status: Int32
}

struct ProgramInfo: Sendable {
    var meansTested: Bool
    var minAge: Int?
}
