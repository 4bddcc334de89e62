import Foundation
import SunlightDomain

/// A payment to be written. Planted payments are `fixed` (date, payee and amount as given);
/// background ones get their payee assigned under the cleanliness guards.
struct PaymentIntent {
    let unit: String
    var date: LocalDate
    var payeeName: String
    var payeeCode: String
    var payeeAccount: String
    var amount: Int64
    var category: String
    var projectCode: String = ""
    var purpose: String
    var approverID: String? = nil
    /// Truth cases whose subject is `unit|voucher_no` of this payment.
    var voucherTruth: [(rule: String, flag: Bool, note: String)] = []
    var fixed = true
    /// Payee kind for background assignment: 0 company (goods/services), 1 person.
    var payeeKind = 0
    /// An explicit voucher number (a separate `FK2025-` series); nil = the next `JZ<year>-` number.
    var voucher: String? = nil
}

enum BudgetTweakKind { case omit, zero, exact, minusOneFen }

struct BudgetTweak {
    let unit: String
    let year: Int
    let category: String
    let projectCode: String
    let kind: BudgetTweakKind
}

/// Whole unit-years shaped by a plant.
enum UnitYearPlan {
    /// `count` general payments with first digits not following Benford's law (uniform amounts).
    case nonBenford(count: Int)
    /// `count` general payments, log-uniform (Benford-conforming).
    case benford(count: Int)
    /// Voucher numbers skipped (missing integers).
    case skip([Int])
    /// Three-public category: 2025 total above 2024 (`increase`) or equal (`equal`), or only in 2025.
    case threePublic(category: String, mode: Int)
}

struct PlantedUnitYear {
    let unit: String
    let year: Int
    let plan: UnitYearPlan
}

extension CountyBuild {
    static let threePublic = ["travel_abroad", "vehicles", "reception"]

    /// Paying units and their share of the payments.
    func payingUnits() -> [(String, Int)] {
        var out: [(String, Int)] = []
        let weights: [String: Int] = [
            "finance": 14, "education": 10, "health": 8, "housing": 7, "transport": 6, "civil_affairs": 6, "agriculture": 6,
            "water": 4, "hospital": 8, "high_school": 4, "police": 5, "hrss": 4, "natural_resources": 4, "party": 3, "gov": 4,
        ]
        for u in units where u.kind != .village && u.kind != .soe {
            out.append((u.code, weights[u.role] ?? (u.kind == .township ? 2 : 1)))
        }
        return out
    }

    /// Log-uniform amount in [10^lo, 10^hi) yuan, in fen; never in the threshold-edge band.
    func logUniform(_ lo: Double, _ hi: Double) -> Int64 {
        while true {
            let x = pow(10, lo + (hi - lo) * rng.unit())
            let fen = Int64((x * 100).rounded(.down))
            if fen >= 94_900_000 && fen < 100_000_000 { continue }
            if fen >= 1_000 { return fen }
        }
    }

    func randomWorkingDay(in year: Int) -> LocalDate {
        workingDay(from: LocalDate.d(year, 1, 2), to: LocalDate.d(year, 12, 31))
    }

    /// Generates, checks and writes every unit's payments and budget lines.
    func writePayments(progress: (String) -> Void) throws {
        let paying = payingUnits()
        let totalWeight = paying.reduce(0) { $0 + $1.1 }
        let payeeCompanies = companies.indices.filter {
            let c = companies[$0]
            return (c.pool == .goods || c.pool == .other) && c.status == .active && !c.dedicated
        }
        for (ui, (unit, weight)) in paying.enumerated() {
            var list: [PaymentIntent] = paymentIntents.filter { $0.unit == unit }
            let perYear = max(6, profile.paymentsPerCounty * weight / totalWeight / 2)
            var threePublic2024: [String: [Int64]] = [:]
            for year in [2024, 2025] {
                let plans = plantedUnitYears.filter { $0.unit == unit && $0.year == year }
                var dedicated = false
                for p in plans {
                    switch p.plan {
                    case .nonBenford(let n):
                        dedicated = true
                        for _ in 0..<(n - list.filter { $0.date.year == year }.count) {
                            let fen = Int64(rng.int(100_000...999_999))
                            list.append(background(unit, year, fen, "general", kind: 1))
                        }
                    case .benford(let n):
                        dedicated = true
                        for _ in 0..<(n - list.filter { $0.date.year == year }.count) {
                            list.append(background(unit, year, logUniform(1, 5), "general", kind: rng.chance(0.3) ? 1 : 0))
                        }
                    default: break
                    }
                }
                if dedicated { continue }
                let n = Int(Double(perYear) * (0.9 + 0.2 * rng.unit()))
                for _ in 0..<n {
                    list.append(background(unit, year, logUniform(1, 5), "general", kind: rng.chance(0.3) ? 1 : 0))
                }
                // Three public expenses: 2025 below 2024 unless planted otherwise.
                let u = units.first { $0.code == unit }!
                for cat in Self.threePublic {
                    let plan = plans.compactMap { p -> Int? in
                        if case .threePublic(let c, let mode) = p.plan, c == cat { return mode }
                        return nil
                    }.first
                    if cat == "travel_abroad" && !["party", "gov", "ndrc"].contains(u.role) && plan == nil { continue }
                    if year == 2024 {
                        if plan == 2 { continue }   // planted: only in 2025
                        let k = cat == "travel_abroad" ? rng.int(1...3) : max(2, n / 30)
                        var amounts: [Int64] = []
                        for _ in 0..<k { amounts.append(cat == "travel_abroad" ? logUniform(3, 5) : logUniform(2, 4)) }
                        threePublic2024[cat] = amounts
                        for a in amounts { list.append(background(unit, 2024, a, cat, kind: 0)) }
                    } else {
                        let prev = threePublic2024[cat] ?? []
                        var amounts: [Int64]
                        switch plan {
                        case 0?:   // increase
                            amounts = prev.map { $0 + $0 / 20 } + [logUniform(2, 3)]
                        case 1?:   // equal totals
                            amounts = prev
                        case 2?:   // only 2025
                            amounts = [logUniform(3, 5), logUniform(3, 5)]
                        default:
                            if prev.isEmpty { continue }
                            amounts = prev.filter { _ in rng.chance(0.85) }.map { Int64(Double($0) * (0.7 + 0.25 * rng.unit())) }
                            if amounts.isEmpty { amounts = [prev[0] / 2] }
                        }
                        for a in amounts { list.append(background(unit, 2025, a, cat, kind: 0)) }
                    }
                }
            }
            // Project payments of this unit.
            for p in projects where p.unit == unit {
                for (d, a) in p.installments {
                    let w = companies[p.winner!]
                    list.append(PaymentIntent(unit: unit, date: d, payeeName: w.name, payeeCode: w.uscc, payeeAccount: w.account,
                                              amount: a, category: "project", projectCode: p.code,
                                              purpose: p.name + "工程款", fixed: false, payeeKind: 2))
                }
            }
            keepBenfordQuiet(unit, &list)
            var r = DemoRNG(seed: seed, stream: "payees", index, ui)
            assignPayees(&list, payeeCompanies, &r)
            try numberAndWrite(unit, &list)
            if ui % 10 == 9 { progress("\(name): payments of \(ui + 1)/\(paying.count) units") }
        }
    }

    static let purposes: [String: [String]] = [
            "general": ["办公用品采购", "印刷费", "物业管理费", "水电费", "网络通讯费", "维修维护费", "劳务费", "专家咨询费", "培训费", "会议费", "设备购置", "差旅费报销", "邮电费", "委托业务费"],
            "vehicles": ["公务用车燃油费", "公务用车维修费", "公务用车保险费", "公务用车过路过桥费"],
            "reception": ["公务接待餐费", "公务接待住宿费"],
            "travel_abroad": ["因公出国（境）考察费用", "出访团组国际旅费"],
        ]
    static let personPurposes = ["劳务费", "专家评审费", "临时用工报酬", "补助发放", "课酬"]

    /// First-digit MAD against Benford's law (Nigrini), over amounts of at least 10 yuan.
    static func benfordMAD(_ amounts: [Int64]) -> (Int, Double) {
        var counts = Array(repeating: 0, count: 10)
        var n = 0
        for a in amounts where a >= 1_000 {
            var x = a
            while x >= 10 { x /= 10 }
            counts[Int(x)] += 1
            n += 1
        }
        guard n > 0 else { return (0, 0) }
        var mad = 0.0
        for d in 1...9 { mad += abs(Double(counts[d]) / Double(n) - log10(1 + 1 / Double(d))) }
        return (n, mad / 9)
    }

    /// A unit-year with enough payments for `payment.benford` is redrawn until it conforms
    /// comfortably (MAD ≤ 0.010, the rule fires above 0.015), unless a plant wants it otherwise.
    private func keepBenfordQuiet(_ unit: String, _ list: inout [PaymentIntent]) {
        for year in [2024, 2025] {
            let nonConforming = plantedUnitYears.contains {
                if $0.unit == unit && $0.year == year, case .nonBenford = $0.plan { return true }
                return false
            }
            if nonConforming { continue }
            let idx = list.indices.filter { list[$0].date.year == year }
            let redrawable = idx.filter { !list[$0].fixed && list[$0].category == "general" && list[$0].payeeKind != 2 }
            for _ in 0..<40 {
                let (n, mad) = Self.benfordMAD(idx.map { list[$0].amount })
                if n < 900 || mad <= 0.010 { break }
                for i in redrawable { list[i].amount = logUniform(1, 5) }
            }
        }
    }

    private func background(_ unit: String, _ year: Int, _ fen: Int64, _ category: String, kind: Int) -> PaymentIntent {
        var p = PaymentIntent(unit: unit, date: randomWorkingDay(in: year), payeeName: "", payeeCode: "", payeeAccount: "",
                              amount: fen, category: category, purpose: rng.pick(Self.purposes[category]!), fixed: false, payeeKind: kind)
        if kind == 1 { p.purpose = rng.pick(Self.personPurposes) }
        return p
    }

    /// Assigns payees to background payments in date order so that no chain of sub-threshold
    /// payments to one payee (gaps ≤ 30 days) sums to 900,000 yuan or more, no payee gets the
    /// same amount twice within 31 days, and no young company gets ≥ 100,000 within 181 days of
    /// its establishment. Project payments (payee fixed) are moved later instead when needed.
    private func assignPayees(_ list: inout [PaymentIntent], _ pool: [Int], _ r: inout DemoRNG) {
        spaceProjectPayments(&list)
        list.sort { $0.date < $1.date }
        struct ChainState { var last: LocalDate; var sum: Int64; var recent: [(LocalDate, Int64)] }
        var state: [String: ChainState] = [:]
        let persons = payeePersons
        func ok(_ key: String, _ p: PaymentIntent) -> Bool {
            guard let s = state[key] else { return true }
            if p.amount < 100_000_000 && s.last.days(until: p.date) <= 30 && s.sum + p.amount >= 90_000_000 { return false }
            if s.recent.contains(where: { $0.1 == p.amount && $0.0.days(until: p.date) <= 31 }) { return false }
            return true
        }
        func record(_ key: String, _ p: PaymentIntent) {
            var s = state[key] ?? ChainState(last: p.date, sum: 0, recent: [])
            if p.amount < 100_000_000 {
                if s.last.days(until: p.date) <= 30 && s.sum > 0 { s.sum += p.amount } else { s.sum = p.amount }
                s.last = p.date
            }
            s.recent = s.recent.filter { $0.0.days(until: p.date) <= 31 } + [(p.date, p.amount)]
            state[key] = s
        }
        var i = 0
        while i < list.count {
            var p = list[i]
            if p.fixed {
                // Planted payments use dedicated payees: record them but leave them alone.
                record(p.payeeCode, p)
                i += 1
                continue
            }
            if p.payeeKind == 2 {
                record(p.payeeCode, p)
                i += 1
                continue
            }
            var assigned = false
            for _ in 0..<60 {
                if p.payeeKind == 1 && !persons.isEmpty {
                    let q = persons[r.below(persons.count)]
                    if !ok(q.person.id, p) { continue }
                    p.payeeName = q.person.name; p.payeeCode = q.person.id; p.payeeAccount = q.account
                } else {
                    let c = companies[pool[r.below(pool.count)]]
                    if !ok(c.uscc, p) { continue }
                    if c.established >= p.date { continue }
                    if c.established.days(until: p.date) <= 181 && p.amount >= 10_000_000 { continue }
                    p.payeeName = c.name; p.payeeCode = c.uscc; p.payeeAccount = c.account
                }
                assigned = true
                break
            }
            precondition(assigned, "no payee found")
            record(p.payeeCode, p)
            list[i] = p
            i += 1
        }
    }

    /// Installments below the split threshold to one contractor are kept more than 30 days apart,
    /// so they never form a chain; one that would run past 2025 is dropped.
    private func spaceProjectPayments(_ list: inout [PaymentIntent]) {
        var idx = list.indices.filter { list[$0].payeeKind == 2 }
        idx.sort { (list[$0].payeeCode, list[$0].date) < (list[$1].payeeCode, list[$1].date) }
        var lastSmall: [String: LocalDate] = [:]
        var drop = Set<Int>()
        for i in idx {
            let p = list[i]
            guard p.amount < 100_000_000 else { continue }
            if let last = lastSmall[p.payeeCode], last.days(until: p.date) <= 30 {
                let moved = nextWorking(last.adding(days: 31 + rng.below(20)))
                if moved.year > 2025 { drop.insert(i); continue }
                list[i].date = moved
            }
            lastSmall[p.payeeCode] = list[i].date
        }
        if !drop.isEmpty { list = list.indices.filter { !drop.contains($0) }.map { list[$0] } }
    }

    /// Numbers vouchers per unit-year in date order (skipping planted gaps), writes payments,
    /// records voucher-based truth, and writes the budget lines.
    private func numberAndWrite(_ unit: String, _ list: inout [PaymentIntent]) throws {
        list.sort { $0.date < $1.date }
        var totals: [String: Int64] = [:]
        var keys: [(Int, String, String)] = []
        var approverCache: (LocalDate, String)? = nil
        for year in [2024, 2025] {
            var skip = Set<Int>()
            for p in plantedUnitYears where p.unit == unit && p.year == year {
                if case .skip(let s) = p.plan { skip.formUnion(s) }
            }
            var serial = 0
            for i in list.indices where list[i].date.year == year {
                let voucher: String
                if let v = list[i].voucher {
                    voucher = v
                } else {
                    serial += 1
                    while skip.contains(serial) { serial += 1 }
                    let s = String(serial)
                    voucher = "JZ\(year)-" + String(repeating: "0", count: max(0, 6 - s.count)) + s
                }
                let p = list[i]
                let approver: String
                if let a = p.approverID { approver = a }
                else if let c = approverCache, c.0 == p.date { approver = c.1 }
                else { approver = self.approver(for: unit, on: p.date).person.id; approverCache = (p.date, approver) }
                try output.write(.payments, [voucher, unit, p.date.iso, p.payeeName, p.payeeCode, p.payeeAccount,
                                             Money.formatYuan(p.amount), p.category, p.projectCode, p.purpose, approver])
                for t in p.voucherTruth {
                    truth.add(TruthCase(rule: t.rule, subject: unit + "|" + voucher, flag: t.flag, note: t.note))
                }
                if !p.category.isEmpty {
                    let key = "\(year)|\(p.category)|\(p.category == "project" ? p.projectCode : "")"
                    if totals[key] == nil { keys.append((year, p.category, p.category == "project" ? p.projectCode : "")) }
                    totals[key, default: 0] += p.amount
                }
            }
        }
        // Budget lines: every paid key, with headroom, unless a plant says otherwise.
        for (year, cat, code) in keys {
            let total = totals["\(year)|\(cat)|\(code)"]!
            let tweak = budgetTweaks.first { $0.unit == unit && $0.year == year && $0.category == cat && $0.projectCode == code }
            var amount: Int64
            switch tweak?.kind {
            case .omit?: continue
            case .zero?: amount = 0
            case .exact?: amount = total
            case .minusOneFen?: amount = total - 1
            case nil:
                let headroom = Double(total) * (0.03 + 0.3 * rng.unit())
                amount = ((total + Int64(headroom)) / 100_000 + 1) * 100_000
            }
            try output.write(.budgets, [String(year), unit, cat, code, Money.formatYuan(amount)])
        }
    }
}
