import SunlightDomain

/// benefit.deceased, .official, .vehicle, .company, .duplicate, .cadre_relative,
/// .shared_account, .ineligible_age, .invalid_id.
extension CountyBuild {
    func plantBenefits() {
        plantDeceased()
        plantOfficialRecipients()
        plantVehicleOwners()
        plantCompanyOwners()
        plantDuplicates()
        plantCadreRelatives()
        plantSharedAccounts()
        plantIneligibleAge()
        plantInvalidIDs()
    }

    private func plantDeceased() {
        let rule = "benefit.deceased"
        for k in 0..<(flagCount + clearCount) {
            let flag = k < flagCount
            let v = plantVillage(k, salt: 1)
            let (_, hh, ps) = plantedHousehold(v, ages: 68...88)
            let p = ps[0]
            let program = k % 3 == 2 ? BenefitProgram.tekun : dibao(v)
            let deathMonth = YearMonth.ym(2024, 3).adding(months: (k * 5) % 18)
            let death = LocalDate.d(deathMonth.year, deathMonth.month, 1 + rng.below(deathMonth.numberOfDays))
            extraDeaths.append((p, death))
            let acct = household(v, plantIndex(v, hh)).account
            if flag {
                let last = min(Period.last, deathMonth.adding(months: 1 + k % 3))
                spell(p, program, hh, v, account: acct, Period.first, last)
                truth.flag(rule, p.id + "|" + program, "died \(death.iso), still paid through \(last.text)")
            } else {
                spell(p, program, hh, v, account: acct, Period.first, deathMonth)
                truth.clear(rule, p.id + "|" + program, "died \(death.iso), last paid for the month of death \(deathMonth.text) (grace 0)")
            }
        }
    }

    func plantIndex(_ v: Int, _ hhID: String) -> Int { specialHouseholds[v].firstIndex { $0.id == hhID }! }

    private func plantOfficialRecipients() {
        let rule = "benefit.official"
        let departments = ["statistics", "forestry", "veterans", "audit", "emergency", "environment"]
        let institutions = ["hospital", "high_school", "primary_school", "cdc", "tcm_hospital"]
        let before = officials.count
        defer { for o in officials[before...] { usedOfficials.insert(o.person.id) } }
        for k in 0..<(flagCount + clearCount) {
            let flag = k < flagCount
            let v = plantVillage(k, salt: 2)
            let program = dibao(v)
            if flag && k % 2 == 0 {
                // A civil servant in post draws 低保 himself.
                let o = addOfficial(unit: unit(departments[k % departments.count]), kind: .department, category: .civilServant,
                                    post: "一级科员", isLeader: false, home: v, eligibility: .all,
                                    since: LocalDate.d(2012 + k % 8, 3, 1), until: nil, age: 30...50)
                let (hv, hi) = homeOf[officials[o].person.id]!
                specialHouseholds[hv][hi].planted = true
                let from = YearMonth.ym(2024, 3 + k % 6)
                spell(officials[o].person, program, household(hv, hi).id, hv, account: household(hv, hi).account, from, Period.last)
                truth.flag(rule, officials[o].person.id + "|" + program, "civil servant of \(officials[o].unitCode) in post, paid \(program) from \(from.text)")
            } else if flag {
                // The mother living in the household of an institution employee draws 低保.
                let role = institutions[k % institutions.count]
                let o = addOfficial(unit: unit(role), kind: .institution, category: .institutionStaff, post: "专业技术人员",
                                    isLeader: false, home: v, eligibility: .all, since: LocalDate.d(2010 + k % 9, 8, 1), until: nil, age: 32...50)
                let (hv, hi) = homeOf[officials[o].person.id]!
                specialHouseholds[hv][hi].planted = true
                let a = officials[o].person.birth.completedYears(on: asOf)
                let mother = resident(ages: (a + 24)...(min(79, a + 32)), male: false)
                addMember(hv, hi, mother, "母亲")
                relatives.append((officials[o].person, mother, "parent"))
                spell(mother, program, household(hv, hi).id, hv, account: household(hv, hi).account, Period.first, Period.last)
                truth.flag(rule, mother.id + "|" + program, "household member (mother) of institution staff \(officials[o].person.id), paid \(program)")
            } else if (k - flagCount) % 2 == 0 {
                // Left the post the month before the payments began.
                let from = YearMonth.ym(2024, 4 + k % 6)
                let o = addOfficial(unit: unit(departments[k % departments.count]), kind: .department, category: .civilServant,
                                    post: "四级主任科员", isLeader: false, home: v, eligibility: .all,
                                    since: LocalDate.d(2005, 9, 1), until: from.adding(months: -1).lastDay, age: 52...59)
                let (hv, hi) = homeOf[officials[o].person.id]!
                specialHouseholds[hv][hi].planted = true
                spell(officials[o].person, program, household(hv, hi).id, hv, account: household(hv, hi).account, from, Period.last)
                truth.clear(rule, officials[o].person.id + "|" + program, "left the post \(officials[o].until!.iso); \(program) only from \(from.text)")
            } else {
                // Staff outside the establishment (category other) is not publicly funded.
                let o = addOfficial(unit: unit(departments[k % departments.count]), kind: .department, category: .other,
                                    post: "编外聘用人员", isLeader: false, home: v, eligibility: .all,
                                    since: LocalDate.d(2019, 5, 1), until: nil, age: 28...50)
                let (hv, hi) = homeOf[officials[o].person.id]!
                specialHouseholds[hv][hi].planted = true
                spell(officials[o].person, program, household(hv, hi).id, hv, account: household(hv, hi).account, Period.first, Period.last)
                truth.clear(rule, officials[o].person.id + "|" + program, "category other (编外) is not publicly funded")
            }
        }
    }

    private func plantVehicleOwners() {
        let rule = "benefit.vehicle"
        for k in 0..<(flagCount + clearCount) {
            let flag = k < flagCount
            let v = plantVillage(k, salt: 3)
            let program = dibao(v)
            let (h, hh, ps) = plantedHousehold(v, ages: 40...62, spouse: true)
            let acct = household(v, h).account
            if flag {
                let variant = k % 3
                let owner = ps[k % 2 == 0 ? 1 : 0]
                let reg: LocalDate? = variant == 0 ? LocalDate.d(2021 + k % 3, 4 + k % 6, 10) : variant == 1 ? LocalDate.d(2024, 7, 15) : nil
                extraVehicles.append((owner, rng.pick(["小型轿车", "小型普通客车", "轻型普通货车"]), reg))
                spell(ps[0], program, hh, v, account: acct, Period.first, Period.last)
                truth.flag(rule, ps[0].id + "|" + program, "\(owner.id == ps[0].id ? "recipient" : "spouse") owns a car registered \(reg?.iso ?? "(no date: always owned)")")
            } else if (k - flagCount) % 2 == 0 {
                extraVehicles.append((ps[0], rng.pick(["二轮摩托车", "三轮汽车", "低速货车"]), LocalDate.d(2020, 6, 18)))
                spell(ps[0], program, hh, v, account: acct, Period.first, Period.last)
                truth.clear(rule, ps[0].id + "|" + program, "owns only an exempt vehicle (motorcycle / tricycle / low-speed truck)")
            } else {
                let last = YearMonth.ym(2024, 9)
                extraVehicles.append((ps[1], "小型轿车", LocalDate.d(2024, 10, 8)))
                spell(ps[0], program, hh, v, account: acct, Period.first, last)
                truth.clear(rule, ps[0].id + "|" + program, "spouse's car registered 2024-10-08, after the last paid period \(last.text)")
            }
        }
    }

    private func plantCompanyOwners() {
        let rule = "benefit.company"
        for k in 0..<(flagCount + clearCount) {
            let flag = k < flagCount
            let v = plantVillage(k, salt: 4)
            let program = dibao(v)
            let (h, hh, ps) = plantedHousehold(v, ages: 35...58, spouse: true)
            let acct = household(v, h).account
            if flag {
                let variant = k % 3
                let owner = variant == 1 ? ps[1] : ps[0]
                let c = plantCompany(pool: .other, industry: rng.pick(["商贸", "农业开发", "劳务服务"]),
                                     established: LocalDate.d(2017 + k % 5, 5, 12), legalRep: owner, roles: Self.ownerRoles(owner))
                var note = "\(owner.id == ps[0].id ? "recipient" : "spouse") is legal representative of \(companies[c].uscc)"
                if variant == 2 {
                    companies[c].status = .deregistered
                    companies[c].statusDate = LocalDate.d(2024, 6, 15)
                    note += ", deregistered 2024-06-15 (counts for 2024-01…2024-06)"
                }
                spell(ps[0], program, hh, v, account: acct, Period.first, Period.last)
                truth.flag(rule, ps[0].id + "|" + program, note)
            } else if (k - flagCount) % 2 == 0 {
                let c = plantCompany(pool: .other, industry: "商贸", established: LocalDate.d(2016, 3, 9), legalRep: ps[0], roles: Self.ownerRoles(ps[0]))
                companies[c].status = .deregistered
                companies[c].statusDate = LocalDate.d(2023, 11, 20)
                spell(ps[0], program, hh, v, account: acct, Period.first, Period.last)
                truth.clear(rule, ps[0].id + "|" + program, "company \(companies[c].uscc) deregistered 2023-11-20, before the first paid period")
            } else {
                let last = YearMonth.ym(2025, 6)
                let c = plantCompany(pool: .other, industry: "农业开发", established: LocalDate.d(2025, 7, 10), legalRep: ps[1], roles: Self.ownerRoles(ps[1]))
                spell(ps[0], program, hh, v, account: acct, Period.first, last)
                truth.clear(rule, ps[0].id + "|" + program, "spouse's company \(companies[c].uscc) established 2025-07-10, after the last paid period \(last.text)")
            }
        }
    }

    private func plantDuplicates() {
        let rule = "benefit.duplicate"
        for k in 0..<(flagCount + clearCount) {
            let flag = k < flagCount
            let v = plantVillage(k, salt: 5)
            let program = dibao(v)
            let old = !flag && (k - flagCount) % 2 == 1
            let (h, hh, ps) = plantedHousehold(v, ages: old ? 85...92 : 62...78)
            let acct = household(v, h).account
            let p = ps[0]
            let period = YearMonth.ym(2024, 2).adding(months: (k * 7) % 22)
            if flag && k % 2 == 0 {
                spell(p, program, hh, v, account: acct, Period.first, Period.last)
                extraBenefitRows.append(ExtraBenefitRow(spell: spells[spells.count - 1], period: period))
                truth.flag(rule, p.id + "|" + period.text, "paid \(program) twice in the roll \(period.text)")
            } else if flag {
                spell(p, program, hh, v, account: acct, Period.first, Period.last)
                spell(p, BenefitProgram.tekun, hh, v, account: acct, period, period)
                truth.flag(rule, p.id + "|" + period.text, "\(program) and 特困供养 (mutually exclusive) in \(period.text)")
            } else if !old {
                spell(p, program, hh, v, account: acct, Period.first, period.adding(months: -1))
                spell(p, BenefitProgram.tekun, hh, v, account: acct, period, Period.last)
                truth.clear(rule, p.id + "|" + period.text, "switched from \(program) to 特困供养 in \(period.text), no overlap")
            } else {
                spell(p, program, hh, v, account: acct, Period.first, Period.last)
                spell(p, BenefitProgram.elderly, hh, v, account: acct, Period.first, Period.last)
                truth.clear(rule, p.id + "|" + period.text, "\(program) and 高龄津贴 together are not exclusive")
            }
        }
    }

    /// Village cadres active during all of 2024–2025, with their village index.
    func steadyCadres() -> [(Int, Int)] {
        officials.indices.compactMap { i in
            let o = officials[i]
            guard o.category == .villageCadre, o.since.map({ $0 < LocalDate.d(2024, 1, 1) }) ?? true, o.until == nil,
                  let v = villageIndex[o.unitCode] else { return nil }
            return (i, v)
        }
    }

    private func plantCadreRelatives() {
        let rule = "benefit.cadre_relative"
        let cadres = steadyCadres()
        for k in 0..<(flagCount + clearCount) {
            let flag = k < flagCount
            let (ci, cv) = cadres[(k * 11 + 3) % cadres.count]
            let cadre = officials[ci].person
            let a = cadre.birth.completedYears(on: asOf)
            if flag && k % 2 == 0 {
                // The cadre's brother or sister, in a household of their own in the same village.
                let sib = resident(ages: max(25, a - 8)...(a + 8), male: rng.chance(0.5), surname: cadre.surname)
                let (h, hh) = addSpecialHousehold(village: cv, members: [Member(person: sib, relation: "户主")], eligibility: .all, planted: true)
                relatives.append((cadre, sib, "sibling"))
                let program = dibao(cv)
                spell(sib, program, hh, cv, account: household(cv, h).account, YearMonth.ym(2024, 3), Period.last)
                truth.flag(rule, sib.id + "|" + program, "sibling of village cadre \(cadre.id) of \(villages[cv].code)")
            } else if flag {
                // The cadre's mother, in the cadre's household, draws 高龄津贴.
                let (hv, hi) = homeOf[cadre.id]!
                let born = LocalDate.d(1938 + k % 5, 1 + k % 12, 1 + k % 27)
                let mother = resident(born: born, male: false)
                addMember(hv, hi, mother, "母亲")
                relatives.append((cadre, mother, "parent"))
                spell(mother, BenefitProgram.elderly, household(hv, hi).id, hv, account: household(hv, hi).account, Period.first, Period.last)
                truth.flag(rule, mother.id + "|" + BenefitProgram.elderly, "mother (household member) of village cadre \(cadre.id) of \(villages[cv].code)")
            } else if (k - flagCount) % 2 == 0 {
                // Sibling of a cadre of another village.
                let other = villages.indices.first { $0 != cv && villages[$0].townshipCode == villages[cv].townshipCode } ?? ((cv + 1) % villages.count)
                let sib = resident(ages: max(25, a - 8)...(a + 8), male: rng.chance(0.5), surname: cadre.surname)
                let (h, hh) = addSpecialHousehold(village: other, members: [Member(person: sib, relation: "户主")], eligibility: .all, planted: true)
                relatives.append((cadre, sib, "sibling"))
                let program = dibao(other)
                spell(sib, program, hh, other, account: household(other, h).account, Period.first, Period.last)
                truth.clear(rule, sib.id + "|" + program, "sibling of a cadre of \(villages[cv].code), paid in another village \(villages[other].code)")
            } else {
                // A cousin (relation other) in the same village.
                let cousin = resident(ages: max(25, a - 8)...(a + 8), male: rng.chance(0.5))
                let (h, hh) = addSpecialHousehold(village: cv, members: [Member(person: cousin, relation: "户主")], eligibility: .all, planted: true)
                relatives.append((cadre, cousin, "other"))
                let program = dibao(cv)
                spell(cousin, program, hh, cv, account: household(cv, h).account, Period.first, Period.last)
                truth.clear(rule, cousin.id + "|" + program, "relation 'other' (cousin) of cadre \(cadre.id) is not a close relative")
            }
        }
    }

    private func plantSharedAccounts() {
        let rule = "benefit.shared_account"
        for k in 0..<(flagCount + clearCount) {
            let flag = k < flagCount
            let v = plantVillage(k, salt: 7, rural: true)
            let program = dibao(v)
            let account = codes.personalAccount()
            let from = YearMonth.ym(2024, 1).adding(months: k % 12)
            if flag {
                // Three (or four) people from two (or three) households, all paid to one account.
                let (_, h1, p1) = plantedHousehold(v, ages: 45...70, spouse: true)
                let (_, h2, p2) = plantedHousehold(v, ages: 45...70)
                spell(p1[0], program, h1, v, account: account, from, Period.last)
                spell(p1[1], program, h1, v, account: account, from, Period.last)
                spell(p2[0], program, h2, v, account: account, from, Period.last)
                var n = 3, hs = 2
                if k % 2 == 1 {
                    let (_, h3, p3) = plantedHousehold(v, ages: 45...70)
                    spell(p3[0], program, h3, v, account: account, from, Period.last)
                    n = 4; hs = 3
                }
                truth.flag(rule, account, "\(n) people from \(hs) households paid to one account from \(from.text)")
            } else if (k - flagCount) % 2 == 0 {
                let (_, h1, p1) = plantedHousehold(v, ages: 45...70, spouse: true)
                let child = resident(ages: 16...22, male: true, surname: p1[0].surname)
                let (hi) = plantIndex(v, h1)
                addMember(v, hi, child, "子")
                for p in p1 + [child] { spell(p, program, h1, v, account: account, from, Period.last) }
                truth.clear(rule, account, "three people of one household share the household account")
            } else {
                let (_, h1, p1) = plantedHousehold(v, ages: 45...70)
                let (_, h2, p2) = plantedHousehold(v, ages: 45...70)
                spell(p1[0], program, h1, v, account: account, from, Period.last)
                spell(p2[0], program, h2, v, account: account, from, Period.last)
                truth.clear(rule, account, "two people from two households: below min_people = 3")
            }
        }
    }

    private func plantIneligibleAge() {
        let rule = "benefit.ineligible_age"
        let program = BenefitProgram.elderly
        for k in 0..<(flagCount + clearCount) {
            let flag = k < flagCount
            let v = plantVillage(k, salt: 8)
            let start = YearMonth.ym(2024, 1 + (k * 5) % 12)
            let born: LocalDate
            let note: String
            switch (flag, k % 2) {
            case (true, 0):
                born = LocalDate.d(1947 + k % 3, 1 + k % 12, 3 + k % 20)
                note = "paid 高龄津贴 from \(start.text) at age \(born.completedYears(on: start.firstDay))"
            case (true, _):
                born = LocalDate.d(start.year - 80, start.month, 2)
                note = "born \(born.iso): 79 on \(start.firstDay.iso), the first day of the first period"
            case (false, _) where (k - flagCount) % 2 == 0:
                born = LocalDate.d(start.year - 80, start.month, 1)
                note = "born \(born.iso): exactly 80 on the first day of \(start.text)"
            default:
                born = LocalDate.d(start.year - 80, start.month, 1).adding(days: -1)
                note = "born \(born.iso): turned 80 the day before \(start.text) began"
            }
            let (h, hh, ps) = plantedHousehold(v, ages: 70...90, eligibility: .nonMeansTested, born: born)
            addSpell(ps[0], program: program, householdID: hh, village: v, account: household(v, h).account, from: start, to: Period.last,
                     amount: 10_000)
            if flag { truth.flag(rule, ps[0].id + "|" + program, note) } else { truth.clear(rule, ps[0].id + "|" + program, note) }
        }
    }

    private func plantInvalidIDs() {
        let rule = "benefit.invalid_id"
        for k in 0..<(flagCount + clearCount) {
            let flag = k < flagCount
            let v = plantVillage(k, salt: 9)
            let program = dibao(v)
            if flag {
                let account = codes.personalAccount()
                let idText: String
                let p: Person
                if k % 2 == 0 {
                    p = resident(ages: 40...70, male: rng.chance(0.5))
                    idText = IDAllocator.withWrongCheck(p.id)
                } else {
                    let bp = resident(ages: 55...70, male: true)
                    idText = IDAllocator.withImpossibleBirth(region: region, year: 1950 + k % 15, month: 2, day: 30, seq: 100 + k)
                    p = Person(id: idText, name: bp.name, birth: bp.birth, male: true)
                }
                spells.append(BenefitSpell(person: p, idText: idText, program: program, householdID: "", villageCode: villages[v].code,
                                           account: account, from: YearMonth.ym(2024, 5), to: Period.last, amount: monthlyAmount(program)))
                // The same forged ID also collects a payment (payee code kept as written).
                let d = plantDate(k, salt: 9)
                paymentIntents.append(PaymentIntent(unit: unit(k % 2 == 0 ? "civil_affairs" : "township\(k % profile.townships)"), date: d,
                                                    payeeName: p.name, payeeCode: idText, payeeAccount: account,
                                                    amount: Int64(rng.int(8...30)) * 10_000, category: "general", purpose: "公益性岗位补贴"))
                truth.flag(rule, idText + "|" + program, k % 2 == 0 ? "wrong check character (also payee of a payment on \(d.iso))" : "birth date February 30 (also payee of a payment on \(d.iso))")
            } else if (k - flagCount) % 2 == 0 {
                let born = LocalDate.d(1944, 2, 29)
                let (h, hh, ps) = plantedHousehold(v, ages: 80...82, eligibility: .nonMeansTested, born: born)
                spell(ps[0], BenefitProgram.elderly, hh, v, account: household(v, h).account, YearMonth.ym(2024, 3), Period.last)
                truth.clear(rule, ps[0].id + "|" + BenefitProgram.elderly, "born on 29 February 1944, a real date")
            } else {
                // A legacy 15-digit ID (born in the 1900s) is upgraded, not invalid.
                let (h, hh, ps) = plantedHousehold(v, ages: 50...70)
                let id = ps[0].id
                let legacy = String(id.prefix(6)) + String(id.dropFirst(8).prefix(9))
                spell(ps[0], program, hh, v, account: household(v, h).account, Period.first, Period.last, idText: legacy)
                truth.clear(rule, legacy + "|" + program, "15-digit legacy ID of \(id)")
            }
        }
    }
}
