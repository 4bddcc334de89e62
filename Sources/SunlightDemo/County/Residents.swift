import Foundation
import SunlightDomain

extension CountyBuild {
    static let carTypes: [(String, Int)] = [("小型轿车", 58), ("小型普通客车", 22), ("小型越野客车", 6), ("轻型普通货车", 7), ("重型半挂牵引车", 1), ("二轮摩托车", 5), ("普通二轮摩托车", 1)]
    static let exemptTypes: [(String, Int)] = [("二轮摩托车", 50), ("三轮汽车", 20), ("低速货车", 15), ("残疾人专用小型自动挡载客汽车", 5), ("正三轮摩托车", 10)]

    /// Streams every village: households (special ones first, then generic ones), vehicles,
    /// deaths, and the background benefit spells; keeps a sample of ordinary adults as payees.
    func streamVillages(progress: (String) -> Void) throws {
        var payeeSeen = 0
        let payeeCap = max(400, profile.paymentsPerCounty / 25)
        for v in villages.indices {
            var vr = DemoRNG(seed: seed, stream: "village", index, v)
            var households = specialHouseholds[v]
            let specialCount = households.count
            let n = vr.int(profile.householdsPerVillage)
            for _ in 0..<n { households.append(genericHousehold(v, &vr)) }
            for (hi, hh) in households.enumerated() {
                let special = hi < specialCount
                for m in hh.members {
                    try output.write(.households, [hh.id, m.person.id, m.person.name, m.relation, hh.villageCode])
                }
                if hh.planted { continue }
                // Vehicles.
                for m in hh.members {
                    let age = m.person.birth.completedYears(on: asOf)
                    guard (24...68).contains(age) else { continue }
                    if hh.eligibility == .all {
                        if m.relation == "户主" && vr.chance(0.08) {
                            try writeVehicle(m.person, vr.weighted(Self.exemptTypes), &vr)
                        }
                    } else if vr.chance(m.person.male ? 0.32 : 0.1) {
                        try writeVehicle(m.person, vr.weighted(Self.carTypes), &vr)
                    }
                }
                // Deaths (generic households only: officials and business people stay alive).
                var deathMonth: [String: YearMonth] = [:]
                if !special {
                    for m in hh.members {
                        let age = m.person.birth.completedYears(on: asOf)
                        guard age >= 55 else { continue }
                        let h = min(0.45, 0.004 * exp(Double(age - 55) / 9.5))
                        if vr.chance(1 - pow(1 - h, 2.25)) {
                            let start = max(LocalDate.d(2024, 1, 1).dayNumber, m.person.birth.dayNumber + 1)
                            let d = LocalDate(dayNumber: start + vr.below(asOf.dayNumber - start + 1))
                            try output.write(.deaths, [m.person.id, m.person.name, d.iso])
                            deathMonth[m.person.id] = d.yearMonth
                        }
                    }
                }
                backgroundSpells(hh, v, deathMonth, &vr)
                // Payee sample: adults of ordinary generic households.
                if hh.eligibility == .nonMeansTested && !special {
                    for m in hh.members where deathMonth[m.person.id] == nil {
                        let age = m.person.birth.completedYears(on: asOf)
                        guard (25...62).contains(age) else { continue }
                        payeeSeen += 1
                        if payeePersons.count < payeeCap {
                            payeePersons.append(PayeePerson(person: m.person, account: codes.personalAccount()))
                        } else {
                            let j = vr.below(payeeSeen)
                            if j < payeeCap { payeePersons[j] = PayeePerson(person: m.person, account: codes.personalAccount()) }
                        }
                    }
                }
            }
            if v % 50 == 49 { progress("\(name): \(v + 1)/\(villages.count) villages") }
        }
        for (p, d) in extraDeaths { try output.write(.deaths, [p.id, p.name, d.iso]) }
        for (p, t, r) in extraVehicles { try output.write(.vehicles, [codes.plate(letter: plateLetter), p.id, p.name, t, r?.iso ?? ""]) }
    }

    private func writeVehicle(_ p: Person, _ type: String, _ r: inout DemoRNG) throws {
        let d = LocalDate(dayNumber: LocalDate.d(2008, 1, 1).dayNumber + r.below(LocalDate.d(2025, 11, 30).dayNumber - LocalDate.d(2008, 1, 1).dayNumber))
        let reg = max(d, p.birth.adding(months: 12 * 18))
        try output.write(.vehicles, [codes.plate(letter: plateLetter), p.id, p.name, type, reg.iso])
    }

    /// A generic household of a village: a family of one to three generations.
    func genericHousehold(_ v: Int, _ r: inout DemoRNG) -> Household {
        let community = villages[v].isCommunity
        let poorShare = min(0.4, (community ? 0.045 : 0.085) * profile.benefitRate)
        let poor = r.chance(poorShare)
        let kind = r.weighted([(0, 30), (1, 28), (2, 16), (3, 15), (4, 11)])
        var members: [Member] = []
        let headMale = r.chance(kind == 4 ? 0.45 : 0.82)
        func person(_ ages: ClosedRange<Int>, _ male: Bool, _ surname: String? = nil) -> Person {
            people.person(region: region, ages: ages, on: asOf, male: male, surname: surname, rng: &r)
        }
        let headAges: ClosedRange<Int> = [24...44, 45...64, 36...56, 66...90, 64...97][kind]
        let head = person(headAges, headMale)
        members.append(Member(person: head, relation: "户主"))
        let a = head.birth.completedYears(on: asOf)
        if kind != 4 && r.chance(0.9) {
            let sp = person(max(20, a - 5)...(a + 3), !headMale)
            members.append(Member(person: sp, relation: "配偶"))
        }
        let sn = headMale ? head.surname : Names.surname(&r)
        if kind == 0 || kind == 2 || (kind == 1 && r.chance(0.6)) {
            for _ in 0..<r.weighted([(1, 45), (2, 40), (3, 15)]) {
                let ck = r.chance(0.52)
                let lo = max(0, a - 36), hi = max(0, a - 21)
                members.append(Member(person: person(lo...hi, ck, sn), relation: ck ? "子" : "女"))
            }
        }
        if kind == 2 {
            let f = person((a + 22)...min(99, a + 34), true, headMale ? head.surname : nil)
            members.append(Member(person: f, relation: "父亲"))
            if r.chance(0.6) { members.append(Member(person: person((a + 20)...min(99, a + 32), false), relation: "母亲")) }
        }
        if kind == 3 && r.chance(0.2) {
            let ck = r.chance(0.5)
            members.append(Member(person: person(max(0, a - 70)...max(0, a - 46), ck, sn), relation: ck ? "孙子" : "孙女"))
        }
        villages[v].householdSerial += 1
        let s = String(villages[v].householdSerial)
        let id = villages[v].code + String(repeating: "0", count: 4 - s.count) + s
        return Household(id: id, villageCode: villages[v].code, members: members, eligibility: poor ? .all : .nonMeansTested,
                         account: codes.personalAccount())
    }

    /// Background spells: 低保/特困 for low-income households, 高龄津贴 from the month the
    /// person is 80 on its first day, 残疾人两项补贴, 耕地地力保护补贴 (May) for rural households.
    private func backgroundSpells(_ hh: Household, _ v: Int, _ deathMonth: [String: YearMonth], _ r: inout DemoRNG) {
        guard !hh.planted, hh.eligibility != .none else { return }
        let community = villages[v].isCommunity
        func add(_ p: Person, _ program: String, from: YearMonth, to: YearMonth, amount: Int64, months: Set<Int>? = nil) {
            var to = to
            // Nobody is paid for the months before they were born.
            let from = max(from, p.birth.yearMonth.adding(months: 1))
            if let dm = deathMonth[p.id] {
                // Payments stop with the death: the last roll is the month of death or the one before.
                let stop = r.chance(0.5) ? dm : dm.adding(months: -1)
                if stop < to { to = stop }
            }
            guard from <= to else { return }
            spells.append(BenefitSpell(person: p, idText: p.id, program: program, householdID: hh.id, villageCode: hh.villageCode,
                                       account: hh.account, from: from, to: to, amount: amount, months: months))
        }
        func spellRange() -> (YearMonth, YearMonth) {
            let from = r.chance(0.75) ? Period.first : Period.first.adding(months: r.below(20))
            let to = r.chance(0.8) ? Period.last : from.adding(months: r.int(3...(Period.first.months(until: Period.last) - Period.first.months(until: from))))
            return (from, min(to, Period.last))
        }
        if hh.eligibility == .all {
            let head = hh.members[0].person
            if hh.members.count == 1 && head.birth.completedYears(on: asOf) >= 62 && r.chance(0.55) {
                let (f, t) = spellRange()
                add(head, BenefitProgram.tekun, from: f, to: t, amount: monthlyAmount(BenefitProgram.tekun))
            } else {
                let program = community ? BenefitProgram.urbanDibao : BenefitProgram.ruralDibao
                let (f, t) = spellRange()
                let per = monthlyAmount(program)
                for (k, m) in hh.members.enumerated() where k == 0 || r.chance(k == 1 ? 0.6 : 0.35) {
                    add(m.person, program, from: f, to: t, amount: per)
                }
            }
        }
        for m in hh.members {
            let p = m.person
            // 高龄津贴: from the first period whose first day is on or after the 80th birthday.
            let b80 = p.birth.adding(months: 80 * 12)
            var start = b80.yearMonth
            if b80.day != 1 { start = start.adding(months: 1) }
            if start <= Period.last && r.chance(0.9) {
                let age = p.birth.completedYears(on: max(start, Period.first).firstDay)
                add(p, BenefitProgram.elderly, from: max(start, Period.first), to: Period.last, amount: monthlyAmount(BenefitProgram.elderly, age: age))
            }
            if r.chance(0.011 * profile.benefitRate) && p.birth.completedYears(on: Period.first.firstDay) >= 6 {
                let (f, t) = spellRange()
                add(p, BenefitProgram.disability, from: f, to: t, amount: monthlyAmount(BenefitProgram.disability))
            }
        }
        if !community && r.chance(0.55) {
            let mu = r.int(2...14)
            let amount = Int64(mu) * 10_500 + Int64(r.below(100))
            add(hh.members[0].person, BenefitProgram.farmland, from: Period.first, to: Period.last, amount: amount, months: [5])
        }
    }

    /// Writes the 24 monthly rolls, period by period, program by program.
    func writeBenefits() throws {
        var byProgram: [[Int]] = Array(repeating: [], count: BenefitProgram.all.count)
        for (i, s) in spells.enumerated() {
            byProgram[BenefitProgram.all.firstIndex { $0.name == s.program }!].append(i)
        }
        var extraByPeriod: [YearMonth: [ExtraBenefitRow]] = [:]
        for e in extraBenefitRows { extraByPeriod[e.period, default: []].append(e) }
        for period in Period.all {
            for (pi, program) in BenefitProgram.all.enumerated() {
                let paid = nextWorking(LocalDate.d(period.year, period.month, 8 + pi * 2))
                for i in byProgram[pi] {
                    let s = spells[i]
                    guard s.from <= period, period <= s.to else { continue }
                    if let months = s.months, !months.contains(period.month) { continue }
                    try writeBenefitRow(s, period, paid)
                }
                for e in extraByPeriod[period] ?? [] where e.spell.program == program.name {
                    try writeBenefitRow(e.spell, period, paid)
                }
            }
        }
    }

    private func writeBenefitRow(_ s: BenefitSpell, _ period: YearMonth, _ paid: LocalDate) throws {
        try output.write(.benefits, [s.program, period.text, s.idText, s.person.name, s.householdID, s.villageCode,
                                     Money.formatYuan(s.amount), s.account, paid.iso])
    }
}
