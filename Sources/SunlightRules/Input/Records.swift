import Foundation

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

/// An instant as whole seconds since 1970 (UTC); `Instant.none` is "empty".
enum Instant {
    static let none = Int64.min

    static func seconds(_ date: Date?) -> Int64 {
        guard let date else { return none }
        return Int64(date.timeIntervalSince1970.rounded(.down))
    }

    /// The China local date of an instant (rules.md: "Datetimes without an offset are China
    /// local time (UTC+8)"; China has no daylight saving time).
    static func day(_ seconds: Int64) -> Int32 {
        guard seconds != none else { return Day.none }
        let local = seconds + 8 * 3600
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        return Int32(clamping: days)
    }
}

/// `tenders.method`: only `open` and `invited` are tendering in the sense of 招标投标法.
enum TenderMethod: UInt8, Sendable {
    case none, open, invited, other

    init(code: String?) {
        switch code?.lowercased() {
        case nil, "": self = .none
        case "open": self = .open
        case "invited": self = .invited
        default: self = .other
        }
    }

    /// "an `open` or `invited` tender".
    var isTendering: Bool { self == .open || self == .invited }
}

/// `bids.status`. "Counts use bids not withdrawn; price tests use valid or empty-status bids."
enum BidStatus: UInt8, Sendable {
    case none, valid, disqualified, withdrawn, other

    init(code: String?) {
        switch code?.lowercased() {
        case nil, "": self = .none
        case "valid": self = .valid
        case "disqualified": self = .disqualified
        case "withdrawn": self = .withdrawn
        default: self = .other
        }
    }

    var isCounted: Bool { self != .withdrawn }
    var isPriced: Bool { self == .valid || self == .none }
}

struct TenderRecord: Sendable {
    var tender: Int32
    var title: Int32
    var buyer: Int32
    var methodText: Int32
    var method: TenderMethod
    var ceiling: Int64?
    var publishedDay: Int32
    var deadlineSecond: Int64   // Instant.none = empty
    var deadlineDay: Int32      // its China local date
    var awardDay: Int32
    var winner: Int32           // USCC, upper-cased
    var awardAmount: Int64?

    /// "'Awarded' = a winner, award date or award amount is present."
    var isAwarded: Bool { winner >= 0 || awardDay != Day.none || awardAmount != nil }
}

/// A bid, with each evidence column twice: as written (folded and trimmed) for the evidence, and
/// as compared ("device upper-case, hash lower-case, phone and account without spaces, hyphens or
/// brackets, names trimmed").
struct BidRecord: Sendable {
    var tender: Int32
    var bidder: Int32           // USCC, upper-cased
    var bidderName: Int32
    var amount: Int64
    var submittedSecond: Int64
    var submittedDay: Int32
    var status: BidStatus
    var statusText: Int32
    var fileHash: Int32
    var fileHashKey: Int32
    var device: Int32
    var deviceKey: Int32
    var ip: Int32
    var ipKey: Int32
    var bondAccount: Int32
    var bondAccountKey: Int32
    var contactName: Int32
    var contactNameKey: Int32
    var contactPhone: Int32
    var contactPhoneKey: Int32
}

/// One tender as the bid rules see it: its `tenders` row (`record` ≥ 0) if imported, and its bid
/// rows (a contiguous range of `SupervisionData.bids`, sorted by bidder USCC). A tender with no
/// bid rows has an empty range ("a tender with no bid rows has 0 bids"); a tender_id found only in
/// `bids` has `record` -1.
struct BidGroup: Sendable {
    var tender: Int32
    var record: Int32
    var bids: Range<Int>
}

/// The ways a person is linked to a company, as a bit set of `CompanyLink` raw values.
struct CompanyLinkSet: Sendable, Equatable {
    var bits: UInt8

    init(bits: UInt8 = 0) { self.bits = bits }
    init(_ link: CompanyLink) { bits = 1 << link.rawValue }

    func contains(_ link: CompanyLink) -> Bool { bits & (1 << link.rawValue) != 0 }

    /// "bid.common_owner counts shareholders, legal representatives and executives only."
    var isOwner: Bool {
        contains(.legalRepresentative) || contains(.legalRepRole) || contains(.shareholder) || contains(.executive)
    }

    /// Role codes for the evidence, each once, in a fixed order.
    var codes: [String] {
        var out: [String] = []
        if contains(.legalRepresentative) || contains(.legalRepRole) { out.append("legal_rep") }
        if contains(.shareholder) { out.append("shareholder") }
        if contains(.executive) { out.append("executive") }
        if contains(.supervisor) { out.append("supervisor") }
        if contains(.otherRole) { out.append("other") }
        return out
    }

    /// The owner roles only (for bid.common_owner).
    var ownerCodes: [String] { codes.filter { $0 != "supervisor" && $0 != "other" } }

    var zh: String { Self.zh(codes) }

    /// The owner roles only, in Chinese.
    var ownerZh: String { Self.zh(ownerCodes) }

    private static func zh(_ codes: [String]) -> String {
        codes.map { code in
            switch code {
            case "legal_rep": "法定代表人"
            case "shareholder": "股东"
            case "executive": "高管"
            case "supervisor": "监事"
            default: "其他角色"
            }
        }.joined(separator: "、")
    }
}
