import SunlightDomain

/// Shared helpers of the plant families. Every plant builds its own people, households and
/// companies (marked `planted` / `dedicated`), so that background guards never touch them and
/// they never touch the background.
extension CountyBuild {
    var flagCount: Int { profile.flags }
    var clearCount: Int { profile.clears }

    /// Runs every plant family that must exist before the registry and the villages are written.
    func plantEarly() {
        plantBenefits()
        plantConflicts()
        plantPayments()
        plantBudgets()
        plantProjects()
        plantBids()
        plantServices()
    }

    /// A village for the k-th case of a family (spread over the county, deterministic).
    func plantVillage(_ k: Int, salt: Int, rural: Bool? = nil) -> Int {
        let pool: [Int]
        switch rural {
        case true?: pool = ruralVillages
        case false?: pool = communities.isEmpty ? ruralVillages : communities
        case nil: pool = Array(villages.indices)
        }
        return pool[(k * 7 + salt * 13) % pool.count]
    }

    func dibao(_ v: Int) -> String { villages[v].isCommunity ? BenefitProgram.urbanDibao : BenefitProgram.ruralDibao }

    /// A low-income household built for a plant (no background benefits, cars or deaths).
    /// Members: the head (ages) and optionally a spouse. Returns (household index, id, persons).
    func plantedHousehold(_ v: Int, ages: ClosedRange<Int>, spouse: Bool = false, eligibility: BenefitEligibility = .all,
                          headMale: Bool? = nil, born: LocalDate? = nil) -> (Int, String, [Person]) {
        let male = headMale ?? rng.chance(0.6)
        let head = born.map { resident(born: $0, male: male) } ?? resident(ages: ages, male: male)
        var members = [Member(person: head, relation: "户主")]
        if spouse {
            let a = head.birth.completedYears(on: asOf)
            members.append(Member(person: resident(ages: max(20, a - 4)...(a + 3), male: !male), relation: "配偶"))
        }
        let (h, id) = addSpecialHousehold(village: v, members: members, eligibility: eligibility, planted: true)
        return (h, id, members.map(\.person))
    }

    func spell(_ p: Person, _ program: String, _ hhID: String, _ v: Int, account: String, _ from: YearMonth, _ to: YearMonth,
               idText: String? = nil) {
        addSpell(p, program: program, householdID: hhID, village: v, account: account, from: from, to: to,
                 amount: monthlyAmount(program, age: p.birth.completedYears(on: from.firstDay)), idText: idText)
    }

    /// A company created for a plant (owners from outside the county unless given).
    @discardableResult
    func plantCompany(pool: CompanyPool = .goods, industry: String? = nil, established: LocalDate? = nil,
                      legalRep: Person? = nil, roles: [CompanyRole]? = nil) -> Int {
        let i = makeCompany(pool: pool, industry: industry, established: established ?? LocalDate.d(2010 + rng.below(10), 1 + rng.below(12), 1 + rng.below(28)),
                            legalRep: legalRep ?? outsider(ages: 32...58, male: rng.chance(0.7)), roles: roles, outsideOwners: true)
        companies[i].dedicated = true
        return i
    }

    static func ownerRoles(_ p: Person, pct: String = "100", supervisor: Person? = nil) -> [CompanyRole] {
        var r = [CompanyRole(holderID: p.id, holderUSCC: nil, holderName: p.name, role: "legal_rep", sharePct: ""),
                 CompanyRole(holderID: p.id, holderUSCC: nil, holderName: p.name, role: "shareholder", sharePct: pct),
                 CompanyRole(holderID: p.id, holderUSCC: nil, holderName: p.name, role: "executive", sharePct: "")]
        if let s = supervisor { r.append(CompanyRole(holderID: s.id, holderUSCC: nil, holderName: s.name, role: "supervisor", sharePct: "")) }
        return r
    }

    /// A working day `n` days after `d`, searching forward for a start date that makes both ends
    /// working days when `exact` (used for "exactly 30 days apart").
    func workingPair(near d: LocalDate, gap: Int) -> (LocalDate, LocalDate) {
        var a = d
        while !(calendar.isWorkingDay(a) == true && calendar.isWorkingDay(a.adding(days: gap)) == true) { a = a.adding(days: 1) }
        return (a, a.adding(days: gap))
    }

    /// A date in 2024–2025 for the k-th plant (spread over both years).
    func plantDate(_ k: Int, salt: Int) -> LocalDate {
        let base = LocalDate.d(2024, 2, 20).dayNumber + ((k * 97 + salt * 31) % 600)
        return nextWorking(LocalDate(dayNumber: base))
    }
}
