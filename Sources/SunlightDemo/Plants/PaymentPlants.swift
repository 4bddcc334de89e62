import SunlightDomain

/// payment.duplicate, .split, .threshold_edge, .holiday, .new_company, .deregistered_payee,
/// .benford, .sequence_gap.
extension CountyBuild {
    /// Units whose payments are only general and three-public (no projects): benford candidates.
    var quietRoles: [String] {
        ["statistics", "audit", "market", "environment", "emergency", "medical_insurance", "veterans", "forestry", "hrss",
         "approval", "police", "discipline", "organisation", "publicity", "ndrc", "civil_affairs", "finance", "hospital",
         "tcm_hospital", "high_school", "primary_school", "cdc", "land_registry", "trading_centre", "service_centre", "party", "gov"]
    }

    /// Paying units for the k-th plant of a family (skipping villages and SOEs).
    func payUnit(_ k: Int, salt: Int) -> String {
        let roles = ["finance", "education", "health", "housing", "transport", "civil_affairs", "agriculture", "water", "hospital",
                     "police", "hrss", "natural_resources", "market", "culture", "high_school", "township0", "township1"]
        return unit(roles[(k * 5 + salt) % roles.count])
    }

    func isBenfordYear(_ unit: String, _ year: Int) -> Bool { reservations.contains("benford|\(unit)|\(year)") }

    private func pay(_ unit: String, _ d: LocalDate, _ c: Int, _ amount: Int64, _ purpose: String, category: String = "general") -> PaymentIntent {
        PaymentIntent(unit: unit, date: d, payeeName: companies[c].name, payeeCode: companies[c].uscc, payeeAccount: companies[c].account,
                      amount: amount, category: category, purpose: purpose)
    }

    private func yuan(_ lo: Int, _ hi: Int) -> Int64 { Int64(rng.int(lo...hi)) * 100 + Int64(rng.below(100)) }

    func plantPayments() {
        let F = flagCount, C = clearCount
        plantBenford(F, C)
        // payment.duplicate
        for k in 0..<(F + C) {
            let rule = "payment.duplicate"
            let u = payUnit(k, salt: 1)
            let c = plantCompany()
            let amt = yuan(20_000, 300_000)
            if k < F || (k - F) % 2 == 0 {
                let gap = k < F ? [30, 5, 14][k % 3] : 31
                let (d1, d2) = workingPair(near: plantDate(k, salt: 41), gap: gap)
                paymentIntents.append(pay(u, d1, c, amt, "设备维护费"))
                var second = pay(u, d2, c, amt, "设备维护费")
                second.voucherTruth = [(rule, k < F, k < F ? "same payee and amount \(gap) days after \(d1.iso)" : "same payee and amount 31 days apart")]
                paymentIntents.append(second)
            } else {
                let c2 = plantCompany()
                let d = plantDate(k, salt: 41)
                var a = pay(u, d, c, amt, "办公用品采购"), b = pay(u, d, c2, amt, "办公用品采购")
                a.voucherTruth = [(rule, false, "same amount and day as another payment, different payee")]
                b.voucherTruth = [(rule, false, "same amount and day as another payment, different payee")]
                paymentIntents += [a, b]
            }
        }
        // payment.split
        for k in 0..<(F + C) {
            let rule = "payment.split"
            let u = payUnit(k, salt: 2)
            let c = plantCompany()
            let d1 = plantDate(k, salt: 42)
            let subject = u + "|" + companies[c].uscc + "|" + d1.iso
            if k < F {
                let a1 = yuan(320_000, 450_000), a2 = yuan(320_000, 450_000)
                let a3 = max(100_000_000 - a1 - a2 + yuan(0, 60_000), 10_000_000)
                let d2 = nextWorking(d1.adding(days: 9 + k % 7))
                var d3 = d2.adding(days: k % 2 == 0 ? 30 : 17)
                while calendar.isWorkingDay(d3) != true { d3 = d3.adding(days: -1) }
                for (d, a) in [(d1, a1), (d2, a2), (d3, a3)] { paymentIntents.append(pay(u, d, c, a, "设备采购")) }
                truth.flag(rule, subject, "three payments within \(d1.days(until: d3)) days totalling \(Money.formatYuan(a1 + a2 + a3))")
            } else if (k - F) % 2 == 0 {
                let d2 = nextWorking(d1.adding(days: 12)), d3 = nextWorking(d2.adding(days: 12))
                for (d, a) in [(d1, Int64(33_333_333)), (d2, 33_333_334), (d3, 33_333_332)] { paymentIntents.append(pay(u, d, c, a, "设备采购")) }
                truth.clear(rule, subject, "chain totalling exactly 999999.99")
            } else {
                let (_, d2) = workingPair(near: d1, gap: 31)
                paymentIntents.append(pay(u, d1, c, 60_000_000, "设备采购"))
                paymentIntents.append(pay(u, d2, c, 50_000_000, "设备采购"))
                truth.clear(rule, subject, "600000.00 and 500000.00 are 31 days apart (two chains)")
            }
        }
        // payment.threshold_edge
        for k in 0..<(F + C) {
            let rule = "payment.threshold_edge"
            let u = payUnit(k, salt: 3)
            let c = plantCompany()
            let d = plantDate(k, salt: 43)
            var p: PaymentIntent
            if k < F {
                let amt: Int64 = [99_999_999, 95_000_000, yuan(951_000, 998_000)][k % 3]
                p = pay(u, d, c, amt, "设备采购")
                p.voucherTruth = [(rule, true, "\(Money.formatYuan(amt)), just under the 1,000,000 threshold")]
            } else if (k - F) % 3 == 0 {
                p = pay(u, d, c, 100_000_000, "设备采购")
                p.voucherTruth = [(rule, false, "exactly 1000000.00 (not below the threshold)")]
            } else if (k - F) % 3 == 1 {
                p = pay(u, d, c, 94_999_999, "设备采购")
                p.voucherTruth = [(rule, false, "949999.99, just below the 5 % band")]
            } else {
                let u2 = unit("police")
                reservations.insert("3p|" + u2)
                p = pay(u2, nextWorking(LocalDate.d(2024, 3, 12).adding(days: k * 9)), c, 96_500_000, "执法执勤用车购置", category: "vehicles")
                p.voucherTruth = [(rule, false, "965000.00 but category vehicles (only general/project count)")]
            }
            paymentIntents.append(p)
        }
        // payment.holiday
        let payee = plantCompany(pool: .goods, industry: "物业管理")
        var offDays: [LocalDate] = []
        var day = LocalDate.d(2024, 1, 1)
        while day <= LocalDate.d(2025, 12, 31) {
            if calendar.isWorkingDay(day) == false { offDays.append(day) }
            day = day.adding(days: 1)
        }
        let named = [LocalDate.d(2024, 10, 3), LocalDate.d(2025, 1, 29), LocalDate.d(2025, 3, 8), LocalDate.d(2024, 5, 2), LocalDate.d(2025, 10, 6), LocalDate.d(2024, 6, 16)]
        let makeUp = calendar.years.filter { $0.year == 2024 || $0.year == 2025 }.flatMap(\.makeUpWorkdays).sorted()
        let favourites = [LocalDate.d(2024, 2, 4), LocalDate.d(2025, 9, 28)]
        let clearDays = favourites + makeUp.filter { !favourites.contains($0) }
        for k in 0..<(F + C) {
            let rule = "payment.holiday"
            let u = payUnit(k, salt: 4)
            let amt = yuan(3_000, 60_000)
            if k < F {
                let d = k < named.count ? named[k] : offDays[(k * 37) % offDays.count]
                var p = pay(u, d, payee, amt, "物业管理费")
                p.voucherTruth = [(rule, true, "paid on \(d.iso), a \(d.isWeekend ? "weekend day" : "public holiday")")]
                paymentIntents.append(p)
            } else {
                let d = clearDays[(k - F) % clearDays.count]
                var p = pay(u, d, payee, amt, "物业管理费")
                p.voucherTruth = [(rule, false, "paid on \(d.iso), a \(d.isWeekend ? "weekend" : "") make-up working day")]
                paymentIntents.append(p)
            }
        }
        // payment.new_company
        for k in 0..<(F + C) {
            let rule = "payment.new_company"
            let u = payUnit(k, salt: 5)
            let d = plantDate(k, salt: 45)
            var est: LocalDate, amt: Int64, note: String, flag = true
            if k < F && k % 4 != 3 {
                let age = [180, 95, 21][k % 4]
                est = d.adding(days: -age)
                amt = k % 4 == 0 ? 10_000_000 : yuan(150_000, 800_000)
                note = "payee established \(age) days before, \(Money.formatYuan(amt))"
            } else if k < F {
                est = d.adding(days: 12)
                amt = yuan(120_000, 300_000)
                note = "paid 12 days before the payee was established"
            } else if (k - F) % 2 == 0 {
                est = d.adding(days: -181); amt = 20_000_000; flag = false
                note = "payee established 181 days before"
            } else {
                est = d.adding(days: -30); amt = 9_999_999; flag = false
                note = "payee 30 days old but amount 99999.99 (below 100000)"
            }
            let c = plantCompany(pool: .other, industry: rng.pick(["信息技术", "商贸", "建材"]), established: est)
            var p = pay(u, d, c, amt, "服务采购")
            p.voucherTruth = [(rule, flag, note)]
            paymentIntents.append(p)
        }
        // payment.deregistered_payee
        for k in 0..<(F + C) {
            let rule = "payment.deregistered_payee"
            let u = payUnit(k, salt: 6)
            let d = plantDate(k, salt: 46)
            let c = plantCompany(pool: .other)
            var note: String, flag = true
            if k < F {
                let before = [1, 20, 45][k % 3]
                companies[c].status = k % 2 == 0 ? .deregistered : .revoked
                companies[c].statusDate = d.adding(days: -before)
                note = "payee \(companies[c].status.rawValue) \(before) days before the payment"
            } else if (k - F) % 2 == 0 {
                companies[c].status = .deregistered
                companies[c].statusDate = d
                note = "payee deregistered on the payment date (not before)"; flag = false
            } else {
                companies[c].status = .revoked
                companies[c].statusDate = d.adding(days: 10)
                note = "payee revoked 10 days after the payment"; flag = false
            }
            var p = pay(u, d, c, yuan(5_000, 80_000), "维修费")
            p.voucherTruth = [(rule, flag, note)]
            paymentIntents.append(p)
        }
        plantSequenceGaps(F, C)
    }

    private func plantBenford(_ F: Int, _ C: Int) {
        var slots: [(String, Int)] = []
        for (i, r) in quietRoles.enumerated() {
            slots.append((unit(r), i % 2 == 0 ? 2024 : 2025))
            slots.append((unit(r), i % 2 == 0 ? 2025 : 2024))
        }
        precondition(slots.count >= F + C)
        for k in 0..<(F + C) {
            let (u, y) = slots[k]
            reservations.insert("benford|\(u)|\(y)")
            let rule = "payment.benford"
            if k < F {
                let n = 1_020 + k * 3
                plantedUnitYears.append(PlantedUnitYear(unit: u, year: y, plan: .nonBenford(count: n)))
                truth.flag(rule, "\(u)|\(y)", "\(n) payments with amounts spread evenly over 1000–9999.99 yuan (first digits uniform)")
            } else if (k - F) % 2 == 0 {
                plantedUnitYears.append(PlantedUnitYear(unit: u, year: y, plan: .benford(count: 1_100)))
                truth.clear(rule, "\(u)|\(y)", "1100 payments with log-uniform amounts (Benford-conforming)")
            } else {
                plantedUnitYears.append(PlantedUnitYear(unit: u, year: y, plan: .nonBenford(count: 999)))
                truth.clear(rule, "\(u)|\(y)", "999 non-conforming payments: below min_n = 1000")
            }
        }
    }

    private func plantSequenceGaps(_ F: Int, _ C: Int) {
        let rule = "payment.sequence_gap"
        let big = ["finance", "education", "health", "hospital", "police", "housing", "transport", "civil_affairs", "agriculture", "hrss", "water", "natural_resources"]
        let more = ["township0", "township1", "township2", "party", "gov", "market", "culture", "audit", "statistics", "forestry"]
        var slots: [(String, Int)] = []
        for y in [2024, 2025] { for r in big where !isBenfordYear(unit(r), y) { slots.append((unit(r), y)) } }
        for y in [2024, 2025] { for r in more where unitByRole[r] != nil && !isBenfordYear(unit(r), y) { slots.append((unit(r), y)) } }
        let fkPayee = plantCompany(pool: .goods, industry: "印务")
        var next = 0
        for k in 0..<(F + C) {
            if k < F && k % 3 != 2 {
                let (u, y) = slots[next]
                next += 1
                precondition(!reservations.contains("seq|\(u)|\(y)"), "too many sequence-gap plants")
                reservations.insert("seq|\(u)|\(y)")
                let m = 3 + k % 5
                let skip = k % 3 == 0 ? [m] : [m, m + 1, m + 2]
                plantedUnitYears.append(PlantedUnitYear(unit: u, year: y, plan: .skip(skip)))
                truth.flag(rule, "\(u)|JZ\(y)-|\(m)", skip.count == 1 ? "voucher JZ\(y)-\(pad6(m)) missing" : "vouchers JZ\(y)-\(pad6(m))…\(pad6(m + 2)) missing")
            } else {
                // A separate series (FK) of 10 vouchers (flag) or 9 (clear, below the 10 needed) with one gap.
                let flag = k < F
                let n = flag ? 10 : 9
                let missing = flag ? 6 : 5
                let fu = payUnit(k, salt: 7)
                let fy = 2024 + k % 2
                var num = 0
                for j in 0..<n {
                    num += 1
                    if num == missing { num += 1 }
                    let d = nextWorking(LocalDate.d(fy, 1 + j, 10 + k % 10))
                    var p = pay(fu, d, fkPayee, yuan(800, 9_000) + Int64(j), "印刷费")
                    p.voucher = "FK\(fy)-" + pad6(num)
                    paymentIntents.append(p)
                }
                let subject = "\(fu)|FK\(fy)-|\(missing)"
                if flag { truth.flag(rule, subject, "series FK\(fy)- has 10 vouchers and misses \(missing)") }
                else { truth.clear(rule, subject, "series FK\(fy)- has only 9 vouchers (a prefix needs 10)") }
            }
        }
    }

    func pad6(_ n: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, 6 - s.count)) + s
    }
}
