import SunlightDomain

/// conflict.payee and bid.conflict: companies of officials' close relatives paid by, or bidding
/// at, the official's own unit.
extension CountyBuild {
    /// Close relatives of a person from the relatives rows (both directions).
    func closeRelatives(of id: String) -> [(Person, String)] {
        var out: [(Person, String)] = []
        for (a, b, rel) in relatives where rel != "other" {
            if a.id == id { out.append((b, rel)) } else if b.id == id { out.append((a, rel)) }
        }
        return out
    }

    /// An unused official of `unitRole` (publicly funded, in post since before 2023, still in post),
    /// with a close relative of the given relation (age ≥ 20), or nil.
    func officialWithRelative(unitRole: String, relation: String, leader: Bool? = nil) -> (Official, Person)? {
        for i in officialsByUnit[unit(unitRole)] ?? [] {
            let o = officials[i]
            guard o.category.publiclyFunded, o.until == nil, o.since.map({ $0 < LocalDate.d(2023, 1, 1) }) ?? true,
                  !usedOfficials.contains(o.person.id), leader == nil || o.isLeader == leader! else { continue }
            if let rel = closeRelatives(of: o.person.id).first(where: { $0.1 == relation && $0.0.birth.completedYears(on: LocalDate.d(2024, 1, 1)) >= 20 }) {
                usedOfficials.insert(o.person.id)
                return (o, rel.0)
            }
        }
        return nil
    }

    /// Like `officialWithRelative`, trying several units in turn.
    func findOfficial(_ roles: [String], _ k: Int, relation: String, leader: Bool? = nil) -> (Official, Person) {
        for j in 0..<roles.count {
            if let r = officialWithRelative(unitRole: roles[(k + j) % roles.count], relation: relation, leader: leader) { return r }
        }
        // Fall back: a new official with a spouse and an adult child.
        let role = roles[k % roles.count]
        let seat = villages.indices.filter { villages[$0].townshipCode == townshipCodes[0] }
        let o = addOfficial(unit: unit(role), kind: .department, category: .civilServant, post: leader == true ? "副局长" : "一级主任科员",
                            isLeader: leader ?? false, home: seat[k % seat.count], eligibility: .nonMeansTested,
                            since: LocalDate.d(2010, 6, 1), until: nil, age: 48...56)
        let p = officials[o].person
        let rel = ensureRelative(p, relation: relation, home: homeOf[p.id]!)
        usedOfficials.insert(p.id)
        return (officials[o], rel)
    }

    /// The official's relative of `relation`, created in their household if missing.
    func ensureRelative(_ p: Person, relation: String, home: (Int, Int)) -> Person {
        if let r = closeRelatives(of: p.id).first(where: { $0.1 == relation && $0.0.birth.completedYears(on: LocalDate.d(2024, 1, 1)) >= 20 }) { return r.0 }
        let a = p.birth.completedYears(on: asOf)
        let r: Person
        if relation == "spouse" {
            r = resident(ages: max(22, a - 4)...(a + 3), male: !p.male)
            addMember(home.0, home.1, r, "配偶")
        } else {
            r = resident(ages: 22...max(23, a - 23), male: true, surname: p.male ? p.surname : nil)
            addMember(home.0, home.1, r, "子")
        }
        relatives.append((p, r, relation))
        return r
    }

    func plantConflicts() {
        let F = flagCount, C = clearCount
        let depts = ["housing", "transport", "water", "education", "agriculture", "natural_resources", "culture", "health", "civil_affairs", "market"]
        // conflict.payee
        for k in 0..<(F + C) {
            let rule = "conflict.payee"
            let d = plantDate(k, salt: 31)
            if k < F && k % 3 == 0 {
                let (o, spouse) = findOfficial(depts, k, relation: "spouse")
                let c = plantCompany(pool: .goods, legalRep: spouse, roles: Self.ownerRoles(spouse, supervisor: outsider(ages: 30...60, male: true)))
                let amt = Int64(rng.int(5_000...40_000)) * 1_000
                paymentIntents.append(PaymentIntent(unit: o.unitCode, date: d, payeeName: companies[c].name, payeeCode: companies[c].uscc,
                                                    payeeAccount: companies[c].account, amount: amt, category: "general", purpose: "办公设备采购"))
                truth.flag(rule, o.person.id + "|" + companies[c].uscc, "unit \(o.unitCode) paid \(Money.formatYuan(amt)) on \(d.iso) to the company of its official's spouse")
            } else if k < F && k % 3 == 1 {
                let (o, child) = findOfficial(depts, k, relation: "child")
                let amt = Int64(rng.int(300...2_000)) * 1_000 + Int64(rng.below(100))
                paymentIntents.append(PaymentIntent(unit: o.unitCode, date: d, payeeName: child.name, payeeCode: child.id,
                                                    payeeAccount: codes.personalAccount(), amount: amt, category: "general", purpose: "劳务费"))
                truth.flag(rule, o.person.id + "|" + child.id, "unit \(o.unitCode) paid its official's child in person on \(d.iso)")
            } else if k < F {
                let (o, _) = findOfficial(depts, k, relation: "spouse", leader: true)
                let rep = outsider(ages: 35...60, male: true)
                var roles = Self.ownerRoles(rep, pct: "70")
                roles.append(CompanyRole(holderID: o.person.id, holderUSCC: nil, holderName: o.person.name, role: "shareholder", sharePct: "30"))
                let c = plantCompany(pool: .goods, legalRep: rep, roles: roles)
                let amt = Int64(rng.int(20_000...90_000)) * 1_000
                paymentIntents.append(PaymentIntent(unit: o.unitCode, date: d, payeeName: companies[c].name, payeeCode: companies[c].uscc,
                                                    payeeAccount: companies[c].account, amount: amt, category: "general",
                                                    purpose: "信息化系统运维服务", approverID: o.person.id))
                truth.flag(rule, o.person.id + "|" + companies[c].uscc, "the approver is a 30 % shareholder of the payee")
            } else if (k - F) % 2 == 0 {
                // The spouse of a hospital employee owns a company paid by the health commission (the parent unit).
                let (o, spouse) = findOfficial(["hospital", "tcm_hospital", "cdc"], k, relation: "spouse")
                let c = plantCompany(pool: .goods, legalRep: spouse, roles: Self.ownerRoles(spouse))
                let payer = unit("health")
                let amt = Int64(rng.int(5_000...40_000)) * 1_000
                paymentIntents.append(PaymentIntent(unit: payer, date: d, payeeName: companies[c].name, payeeCode: companies[c].uscc,
                                                    payeeAccount: companies[c].account, amount: amt, category: "general", purpose: "医疗耗材采购"))
                truth.clear(rule, o.person.id + "|" + companies[c].uscc, "official of \(o.unitCode); paid by the parent unit \(payer) (no descent)")
            } else {
                // Paid after the official left the unit.
                let role = depts[k % depts.count]
                let seat = villages.indices.filter { villages[$0].townshipCode == townshipCodes[0] }
                let left = LocalDate.d(2024, 6, 28)
                let oi = addOfficial(unit: unit(role), kind: .department, category: .civilServant, post: "副局长", isLeader: true,
                                     home: seat[k % seat.count], eligibility: .nonMeansTested, since: LocalDate.d(2014, 3, 1), until: left, age: 50...58)
                let o = officials[oi]
                let spouse = ensureRelative(o.person, relation: "spouse", home: homeOf[o.person.id]!)
                let c = plantCompany(pool: .goods, legalRep: spouse, roles: Self.ownerRoles(spouse))
                let pd = nextWorking(LocalDate.d(2024, 9, 10).adding(days: k * 11))
                let amt = Int64(rng.int(5_000...40_000)) * 1_000
                paymentIntents.append(PaymentIntent(unit: o.unitCode, date: pd, payeeName: companies[c].name, payeeCode: companies[c].uscc,
                                                    payeeAccount: companies[c].account, amount: amt, category: "general", purpose: "办公家具采购"))
                truth.clear(rule, o.person.id + "|" + companies[c].uscc, "official left the post \(left.iso); payment on \(pd.iso)")
            }
        }
        // bid.conflict
        for k in 0..<(F + C) {
            let rule = "bid.conflict"
            let roles = ["housing", "transport", "water", "education", "agriculture"]
            let d = plantDate(k, salt: 32)
            let c = Int64(rng.int(150...900)) * 1_000_000
            if k < F {
                let (o, rel) = findOfficial(roles, k, relation: k % 2 == 0 ? "child" : "spouse")
                let rep = outsider(ages: 35...60, male: true)
                var r = Self.ownerRoles(rep, pct: "60")
                r.append(CompanyRole(holderID: rel.id, holderUSCC: nil, holderName: rel.name, role: "shareholder", sharePct: "40"))
                let b = plantCompany(pool: .works, legalRep: rep, roles: r)
                let i = plantTender(buyer: o.unitCode, bidders: [b] + coBidders(3, buyer: o.unitCode), published: d, ceiling: c)
                truth.flag(rule, tenders[i].id, "bidder \(companies[b].uscc) is 40 % owned by the \(k % 2 == 0 ? "child" : "spouse") of \(o.person.id), official of the buyer")
            } else if (k - F) % 2 == 0 {
                let role = roles[k % roles.count]
                let seat = villages.indices.filter { villages[$0].townshipCode == townshipCodes[0] }
                let left = LocalDate.d(2023, 12, 29)
                let oi = addOfficial(unit: unit(role), kind: .department, category: .civilServant, post: "股长", isLeader: false,
                                     home: seat[(k + 1) % seat.count], eligibility: .nonMeansTested, since: LocalDate.d(2011, 3, 1), until: left, age: 45...58)
                let o = officials[oi]
                let spouse = ensureRelative(o.person, relation: "spouse", home: homeOf[o.person.id]!)
                let b = plantCompany(pool: .works, legalRep: spouse, roles: Self.ownerRoles(spouse))
                let i = plantTender(buyer: o.unitCode, bidders: [b] + coBidders(3, buyer: o.unitCode), published: d, ceiling: c)
                truth.clear(rule, tenders[i].id, "bidder owned by the spouse of \(o.person.id), who left the buyer on \(left.iso)")
            } else {
                let (o, spouse) = findOfficial(["gov", "ndrc", "finance"], k, relation: "spouse")
                let b = plantCompany(pool: .works, legalRep: spouse, roles: Self.ownerRoles(spouse))
                let buyer = unit(roles[k % roles.count])
                let i = plantTender(buyer: buyer, bidders: [b] + coBidders(3, buyer: buyer), published: d, ceiling: c)
                truth.clear(rule, tenders[i].id, "bidder owned by the spouse of \(o.person.id), an official of \(o.unitCode), not of the buyer")
            }
        }
    }
}
