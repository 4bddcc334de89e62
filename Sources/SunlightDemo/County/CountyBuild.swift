import Foundation
import SunlightDomain

/// Everything known about one county while it is generated: the reference tables (units,
/// officials, special households, companies, benefit spells) stay in memory; bulk rows
/// (generic households, benefit rolls, payments …) are streamed to `output`.
final class CountyBuild {
    let index: Int
    let name: String
    let short: String
    let region: String
    let plateLetter: String
    let profile: SizeProfile
    let asOf: LocalDate
    let seed: UInt64
    let output: DemoOutput
    let truth: TruthLog
    let calendar = WorkingDayCalendar.shipped

    var rng: DemoRNG
    var people = PersonFactory()
    var codes: CodeFactory

    // Skeleton
    var units: [Unit] = []
    var unitByRole: [String: String] = [:]          // role key → unit code
    var townshipCodes: [String] = []
    var villages: [Village] = []
    var villageIndex: [String: Int] = [:]
    var officials: [Official] = []
    var officialsByUnit: [String: [Int]] = [:]
    /// Households built before the village stream (officials', cadres', business people's, planted).
    var specialHouseholds: [[Household]] = []
    /// Where an official (by ID) lives: (village index, household index in specialHouseholds).
    var homeOf: [String: (Int, Int)] = [:]
    var relatives: [(Person, Person, String)] = []

    // Companies
    var companies: [Company] = []
    var usccSerial = 0
    var companyNames: Set<String> = []
    var contactNames: Set<String> = []

    // Extra rows planted into streamed datasets
    var extraDeaths: [(Person, LocalDate)] = []
    var extraVehicles: [(Person, String, LocalDate?)] = []
    var spells: [BenefitSpell] = []
    var extraBenefitRows: [ExtraBenefitRow] = []
    var payeePersons: [PayeePerson] = []

    // Payments, budgets, projects, tenders, service cases (planted parts)
    var paymentIntents: [PaymentIntent] = []
    var budgetTweaks: [BudgetTweak] = []
    var plantedUnitYears: [PlantedUnitYear] = []
    var projects: [Project] = []
    var tenders: [Tender] = []
    var tenderSerial = 0
    var projectSerial = 0
    var plantedServiceCases: [ServiceCase] = []
    /// Bidders planted as perennial (non-)losers: (company index, bids wanted, withdrawn among them).
    var loserRequests: [(Int, Int, Int)] = []
    /// Bid statistics of the planted tenders (the background continues from them).
    var plantBidStats = BidStats()
    var usedOfficials: Set<String> = []
    /// Keys reserved by plants so that two plants never shape the same unit-year or budget line:
    /// `benford|unit|year`, `seq|unit|year`, `budget|unit|year|category`, `3p|unit`.
    var reservations: Set<String> = []

    init(index: Int, profile: SizeProfile, asOf: LocalDate, seed: UInt64, output: DemoOutput, truth: TruthLog) {
        let info = PlaceNames.counties[index]
        self.index = index
        self.name = info.name
        self.short = info.short
        self.region = info.region
        self.plateLetter = info.plate
        self.profile = profile
        self.asOf = asOf
        self.seed = seed
        self.output = output
        self.truth = truth
        self.rng = DemoRNG(seed: seed, stream: "county", index)
        self.codes = CodeFactory(countyIndex: index + 1)
    }

    // MARK: Helpers

    func unit(_ role: String) -> String { unitByRole[role]! }

    func unitName(_ code: String) -> String { units.first { $0.code == code }?.name ?? code }

    /// Officials of a unit active on a date, leaders first.
    func activeOfficials(of unit: String, on d: LocalDate, leadersOnly: Bool = false) -> [Official] {
        (officialsByUnit[unit] ?? []).map { officials[$0] }.filter {
            $0.category != .other && $0.isActive(on: d) && (!leadersOnly || $0.isLeader)
        }
    }

    func approver(for unit: String, on d: LocalDate) -> Official {
        let leaders = activeOfficials(of: unit, on: d, leadersOnly: true)
        if !leaders.isEmpty { return leaders[(d.dayNumber / 7) % leaders.count] }
        let any = activeOfficials(of: unit, on: d)
        precondition(!any.isEmpty, "no active official in \(unit) on \(d)")
        return any[0]
    }

    /// A working day chosen uniformly in [from, to].
    func workingDay(from: LocalDate, to: LocalDate) -> LocalDate {
        for _ in 0..<100 {
            let d = from.adding(days: rng.below(to.dayNumber - from.dayNumber + 1))
            if calendar.isWorkingDay(d) == true { return d }
        }
        return calendar.nextWorkingDay(onOrAfter: from)!
    }

    /// The first working day on or after `d` (weekdays for years outside the shipped calendar).
    func nextWorking(_ d: LocalDate) -> LocalDate {
        var day = d
        while !(calendar.isWorkingDay(day) ?? !day.isWeekend) { day = day.adding(days: 1) }
        return day
    }

    /// A person who does not live in the county (no household row): business people from
    /// neighbouring districts.
    func outsider(ages: ClosedRange<Int>, male: Bool) -> Person {
        let regions = ["360402", "360403", "360404", "360423", "360424", "360425"]
        let r = regions[rng.below(regions.count)]
        return people.person(region: r, ages: ages, on: asOf, male: male, rng: &rng)
    }

    func resident(ages: ClosedRange<Int>, male: Bool, surname: String? = nil) -> Person {
        people.person(region: region, ages: ages, on: asOf, male: male, surname: surname, rng: &rng)
    }

    func resident(born: LocalDate, male: Bool, surname: String? = nil) -> Person {
        people.person(region: region, birth: born, male: male, surname: surname, rng: &rng)
    }

    func newHouseholdID(village v: Int) -> String {
        villages[v].householdSerial += 1
        let n = villages[v].householdSerial
        let s = String(n)
        return villages[v].code + String(repeating: "0", count: 4 - s.count) + s
    }

    /// Adds a special household (built before the village stream) and returns its index.
    @discardableResult
    func addSpecialHousehold(village v: Int, members: [Member], eligibility: BenefitEligibility, planted: Bool = false) -> (Int, String) {
        let hh = Household(id: newHouseholdID(village: v), villageCode: villages[v].code, members: members,
                           eligibility: eligibility, account: codes.personalAccount(), planted: planted)
        specialHouseholds[v].append(hh)
        return (specialHouseholds[v].count - 1, hh.id)
    }

    func household(_ v: Int, _ h: Int) -> Household { specialHouseholds[v][h] }

    func addMember(_ v: Int, _ h: Int, _ p: Person, _ relation: String) {
        specialHouseholds[v][h].members.append(Member(person: p, relation: relation))
    }

    /// Villages (not communities), or communities, of the county.
    var ruralVillages: [Int] { villages.indices.filter { !villages[$0].isCommunity } }
    var communities: [Int] { villages.indices.filter { villages[$0].isCommunity } }

    func addSpell(_ person: Person, program: String, householdID: String, village v: Int, account: String,
                  from: YearMonth, to: YearMonth, amount: Int64, idText: String? = nil) {
        spells.append(BenefitSpell(person: person, idText: idText ?? person.id, program: program, householdID: householdID,
                                   villageCode: villages[v].code, account: account, from: from, to: to, amount: amount))
    }

    /// Standard monthly amounts (fen) per program.
    func monthlyAmount(_ program: String, age: Int = 70) -> Int64 {
        switch program {
        case BenefitProgram.urbanDibao: return Int64(rng.int(62...82)) * 1_000
        case BenefitProgram.ruralDibao: return Int64(rng.int(42...58)) * 1_000
        case BenefitProgram.tekun: return Int64(rng.int(95...115)) * 1_000
        case BenefitProgram.elderly: return age >= 100 ? 50_000 : age >= 90 ? 20_000 : 10_000
        case BenefitProgram.disability: return Int64(rng.pick([80, 100, 120, 160])) * 100
        default: return Int64(rng.int(300...1_600)) * 100
        }
    }
}
