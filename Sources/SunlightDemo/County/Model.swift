import SunlightDomain

enum UnitKind: String { case party, government, department, township, village, soe, institution }

struct Unit {
    let code: String
    let name: String
    let parent: String
    let kind: UnitKind
    /// Key of the department template (`finance`, `civil_affairs` …) for county organs.
    let role: String
}

enum PersonCategory: String {
    case civilServant = "civil_servant", institutionStaff = "institution_staff", soeManager = "soe_manager"
    case villageCadre = "village_cadre", other
    var publiclyFunded: Bool { self == .civilServant || self == .institutionStaff || self == .soeManager }
}

struct Official {
    let person: Person
    let unitCode: String
    let post: String
    let rank: String
    let category: PersonCategory
    let isLeader: Bool
    let since: LocalDate?
    let until: LocalDate?

    func isActive(on d: LocalDate) -> Bool {
        if let s = since, d < s { return false }
        if let u = until, d > u { return false }
        return true
    }

    /// In post on at least one day of the month.
    func isActive(during p: YearMonth) -> Bool {
        if let s = since, s > p.lastDay { return false }
        if let u = until, u < p.firstDay { return false }
        return true
    }
}

/// Which benefits a household may receive in the clean background.
enum BenefitEligibility: Int, Comparable {
    /// Village cadres' households and relatives: no benefit at all (`benefit.cadre_relative`).
    case none = 0
    /// Officials', business people's and ordinary households: 高龄, 残疾, 耕地 only.
    case nonMeansTested = 1
    /// Low-income households: also 低保 / 特困.
    case all = 2
    static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

struct Member {
    let person: Person
    let relation: String   // 与户主关系
}

struct Household {
    let id: String
    let villageCode: String
    var members: [Member]
    var eligibility: BenefitEligibility
    /// Account the household's benefits are paid to (the head's 一卡通).
    let account: String
    /// Built by a plant: no background benefits, vehicles or deaths are added to it.
    var planted = false
}

struct Village {
    let code: String
    let name: String
    let townshipCode: String
    let isCommunity: Bool
    var householdSerial = 0
}

enum CompanyStatus: String { case active, deregistered, revoked }

struct CompanyRole {
    let holderID: String?
    let holderUSCC: String?
    let holderName: String
    let role: String   // shareholder, legal_rep, executive, supervisor
    let sharePct: String
}

enum CompanyPool { case works, goods, other }

struct Company {
    let uscc: String
    let name: String
    var legalRep: Person
    var established: LocalDate
    let address: String
    let phone: String
    var status: CompanyStatus = .active
    var statusDate: LocalDate? = nil
    var roles: [CompanyRole]
    let pool: CompanyPool
    let account: String
    // Bidding identity: one device, bond account and contact per company.
    let device: String
    var contactName: String
    var contactPhone: String
    /// Created for a plant: never picked for background payments or tenders.
    var dedicated = false
}

struct BenefitProgram {
    let name: String
    let meansTested: Bool
    let exclusiveWith: [String]
    let minAge: Int?

    static let urbanDibao = "城市低保", ruralDibao = "农村低保", tekun = "特困供养"
    static let elderly = "高龄津贴", disability = "残疾人两项补贴", farmland = "耕地地力保护补贴"

    static let all: [BenefitProgram] = [
        BenefitProgram(name: urbanDibao, meansTested: true, exclusiveWith: [ruralDibao, tekun], minAge: nil),
        BenefitProgram(name: ruralDibao, meansTested: true, exclusiveWith: [urbanDibao, tekun], minAge: nil),
        BenefitProgram(name: tekun, meansTested: true, exclusiveWith: [urbanDibao, ruralDibao], minAge: nil),
        BenefitProgram(name: elderly, meansTested: false, exclusiveWith: [], minAge: 80),
        BenefitProgram(name: disability, meansTested: false, exclusiveWith: [], minAge: nil),
        BenefitProgram(name: farmland, meansTested: false, exclusiveWith: [], minAge: nil),
    ]
}

/// A person's entitlement to one program over a run of monthly periods.
struct BenefitSpell {
    let person: Person
    /// The ID as written (differs from `person.id` only for the planted invalid IDs).
    var idText: String
    let program: String
    let householdID: String
    let villageCode: String
    let account: String
    var from: YearMonth
    var to: YearMonth
    let amount: Int64
    /// Only these months (e.g. 耕地地力保护补贴 is paid once a year, in May); nil = every month.
    var months: Set<Int>? = nil
}

/// A row added as is (a double payment within a roll).
struct ExtraBenefitRow {
    let spell: BenefitSpell
    let period: YearMonth
}

/// A natural person who can be paid by a unit (劳务费, 补助 …).
struct PayeePerson {
    let person: Person
    let account: String
}

enum Period {
    static let first = YearMonth(year: 2024, month: 1)!
    static let last = YearMonth(year: 2025, month: 12)!
    static let all: [YearMonth] = (0..<24).map { first.adding(months: $0) }
}

extension LocalDate {
    static func d(_ y: Int, _ m: Int, _ day: Int) -> LocalDate { LocalDate(year: y, month: m, day: day)! }
}

extension YearMonth {
    static func ym(_ y: Int, _ m: Int) -> YearMonth { YearMonth(year: y, month: m)! }
}
