import SunlightDomain

extension CountyBuild {
    static let serviceIndustries = ["餐饮管理", "酒店管理", "汽车服务", "国际旅行社", "印务", "物业管理", "加油站"]

    /// A fresh company name (unique in the county).
    func companyName(industry: String) -> String {
        while true {
            let a = rng.pick(PlaceNames.tradeChars)
            var b = rng.pick(PlaceNames.tradeChars)
            while b == a { b = rng.pick(PlaceNames.tradeChars) }
            let n = name + a + b + industry + "有限公司"
            if !companyNames.contains(n) { companyNames.insert(n); return n }
        }
    }

    /// A bidding contact name unused by any other company of the county.
    func freshContactName() -> String {
        while true {
            let n = Names.random(male: rng.chance(0.5), &rng)
            if !contactNames.contains(n) { contactNames.insert(n); return n }
        }
    }

    /// A business person living in the county (with their own household in the county seat or a
    /// village), or — `outside` — from a neighbouring district.
    func businessPerson(outside: Bool, ages: ClosedRange<Int> = 30...62, spouseInRoles: Bool = false) -> (Person, Person?) {
        let male = rng.chance(0.72)
        if outside { return (outsider(ages: ages, male: male), nil) }
        let p = resident(ages: ages, male: male)
        let a = p.birth.completedYears(on: asOf)
        var members = [Member(person: p, relation: "户主")]
        var spouse: Person? = nil
        if rng.chance(0.85) || spouseInRoles {
            let sp = resident(ages: max(22, a - 5)...(a + 3), male: !male)
            members.append(Member(person: sp, relation: "配偶"))
            spouse = sp
        }
        if a > 27 {
            for _ in 0..<rng.int(0...2) {
                let ck = rng.chance(0.5)
                let c = resident(ages: max(0, a - 35)...max(0, a - 24), male: ck, surname: male ? p.surname : nil)
                members.append(Member(person: c, relation: ck ? "子" : "女"))
            }
        }
        let seat = villages.indices.filter { villages[$0].townshipCode == townshipCodes[0] }
        let v = rng.chance(0.7) ? seat[rng.below(seat.count)] : rng.below(villages.count)
        addSpecialHousehold(village: v, members: members, eligibility: .nonMeansTested)
        return (p, spouse)
    }

    func address() -> String {
        let roads = ["建设路", "人民路", "解放路", "工业园大道", "滨江路", "迎宾大道", "府前路", "新华街", "胜利路", "创业大道"]
        return name + "城关镇" + rng.pick(roads) + "\(rng.int(1...399))号"
    }

    /// Creates a company and returns its index. `legalRep` nil = a new business person.
    /// `roles` nil = the usual: the legal representative as majority shareholder and executive,
    /// maybe a second shareholder, and a supervisor (often the owner's spouse).
    @discardableResult
    func makeCompany(pool: CompanyPool, industry: String? = nil, established: LocalDate? = nil,
                     legalRep: Person? = nil, roles customRoles: [CompanyRole]? = nil,
                     outsideOwners: Bool? = nil) -> Int {
        let ind = industry ?? {
            switch pool {
            case .works: return rng.pick(PlaceNames.worksIndustries)
            case .goods: return rng.pick(PlaceNames.goodsIndustries)
            case .other: return rng.pick(Self.serviceIndustries)
            }
        }()
        usccSerial += 1
        let uscc = USCCFactory.make(region: region, serial: usccSerial)
        let outside = outsideOwners ?? rng.chance(0.25)
        var rep: Person
        var spouse: Person? = nil
        if let l = legalRep { rep = l } else { (rep, spouse) = businessPerson(outside: outside) }
        var roles: [CompanyRole]
        if let r = customRoles {
            roles = r
        } else {
            roles = []
            let second = rng.chance(0.45)
            let pct = second ? rng.pick(["51", "60", "66.67", "70", "80"]) : "100"
            roles.append(CompanyRole(holderID: rep.id, holderUSCC: nil, holderName: rep.name, role: "legal_rep", sharePct: ""))
            roles.append(CompanyRole(holderID: rep.id, holderUSCC: nil, holderName: rep.name, role: "shareholder", sharePct: pct))
            roles.append(CompanyRole(holderID: rep.id, holderUSCC: nil, holderName: rep.name, role: "executive", sharePct: ""))
            if second {
                let (p2, _) = businessPerson(outside: outside || rng.chance(0.3))
                let rest = pct == "66.67" ? "33.33" : String(100 - Int(pct)!)
                roles.append(CompanyRole(holderID: p2.id, holderUSCC: nil, holderName: p2.name, role: "shareholder", sharePct: rest))
            }
            let sup: Person = spouse ?? businessPerson(outside: true).0
            roles.append(CompanyRole(holderID: sup.id, holderUSCC: nil, holderName: sup.name, role: "supervisor", sharePct: ""))
        }
        let est = established ?? LocalDate(dayNumber: LocalDate.d(2003, 1, 1).dayNumber + rng.below(LocalDate.d(2021, 12, 31).dayNumber - LocalDate.d(2003, 1, 1).dayNumber))
        let c = Company(uscc: uscc, name: companyName(industry: ind), legalRep: rep, established: est, address: address(),
                        phone: rng.chance(0.5) ? codes.landline() : codes.mobile(), roles: roles, pool: pool,
                        account: codes.companyAccount(), device: codes.device(&rng),
                        contactName: freshContactName(), contactPhone: codes.mobile())
        companies.append(c)
        return companies.count - 1
    }

    func buildCompanies() {
        for _ in 0..<profile.worksCompanies { makeCompany(pool: .works) }
        for _ in 0..<profile.goodsCompanies { makeCompany(pool: .goods) }
        for _ in 0..<max(8, profile.goodsCompanies / 2) { makeCompany(pool: .other) }
        // A few companies that have closed down (never paid, never bidding).
        for _ in 0..<max(3, profile.goodsCompanies / 20) {
            let i = makeCompany(pool: .other, established: LocalDate.d(2008 + rng.below(8), 1 + rng.below(12), 1 + rng.below(28)))
            companies[i].status = rng.chance(0.6) ? .deregistered : .revoked
            companies[i].statusDate = LocalDate.d(2019 + rng.below(5), 1 + rng.below(12), 1 + rng.below(28))
        }
        // A few young companies (established in 2024–2025) that only ever get small payments.
        for _ in 0..<max(2, profile.goodsCompanies / 25) {
            makeCompany(pool: .other, established: LocalDate.d(2024, 1 + rng.below(12), 1 + rng.below(28)))
        }
    }

    var closedCompanyIndices: [Int] { companies.indices.filter { companies[$0].status != .active } }
}
