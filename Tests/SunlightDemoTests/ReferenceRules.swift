import Foundation
import SunlightDomain
import SunlightTabular

/// A compact, independent reading of `rules.md` used to check the demo data set: every planted
/// flag fires, no near-miss fires, and the background stays quiet. Not the product's rule engine.
struct ReferenceRules {
    typealias Row = [String: String]
    let dir: URL
    let asOf: LocalDate
    let cal = WorkingDayCalendar.shipped
    var data: [String: [Row]] = [:]

    init(directory: URL, asOf: LocalDate) throws {
        self.dir = directory
        self.asOf = asOf
        for name in ["units", "people", "relatives", "households", "deaths", "companies", "company_roles", "vehicles", "programs",
                     "benefits", "budgets", "payments", "projects", "tenders", "bids", "service_cases"] {
            var header: [String] = []
            var rows: [Row] = []
            try CSVSource(url: directory.appendingPathComponent(name + ".csv")).read(header: { header = $0 }, row: { r in
                var d: Row = [:]
                for (i, h) in header.enumerated() where i < r.fields.count { d[h] = r.fields[i] }
                rows.append(d)
            })
            data[name] = rows
        }
    }

    // MARK: Values

    func canon(_ raw: String) -> String? {
        let s = raw.trimmingCharacters(in: .whitespaces)
        guard !s.isEmpty else { return nil }
        return (try? ResidentID.parse(s, asOf: asOf))?.value
    }
    func date(_ s: String?) -> LocalDate? {
        guard let s, !s.isEmpty else { return nil }
        return LocalDate(iso: String(s.prefix(10)))
    }
    func fen(_ s: String?) -> Int64 { (try? Money.parseFen(s ?? "")) ?? 0 }
    func ym(_ s: String) -> YearMonth { YearMonth(text: s)! }
    func norm(_ s: String) -> String { s.filter { !" -()（）".contains($0) } }

    // MARK: Derived tables

    struct Official { let id: String; let unit: String; let category: String; let since: LocalDate?; let until: LocalDate? }
    func activeOn(_ o: Official, _ d: LocalDate) -> Bool {
        (o.since.map { $0 <= d } ?? true) && (o.until.map { $0 >= d } ?? true)
    }
    func activeDuring(_ o: Official, _ p: YearMonth) -> Bool {
        (o.since.map { $0 <= p.lastDay } ?? true) && (o.until.map { $0 >= p.firstDay } ?? true)
    }

    func findings() -> Set<String> {
        var out = Set<String>()
        let officials = data["people"]!.compactMap { r -> Official? in
            guard let id = canon(r["id_number"]!) else { return nil }
            return Official(id: id, unit: r["unit_code"]!, category: r["category"]!, since: date(r["since"]), until: date(r["until"]))
        }
        var officialsByID: [String: [Official]] = [:]
        var officialsByUnit: [String: [Official]] = [:]
        for o in officials { officialsByID[o.id, default: []].append(o); officialsByUnit[o.unit, default: []].append(o) }
        var close: [String: Set<String>] = [:]
        var allRel: [String: Set<String>] = [:]
        for r in data["relatives"]! {
            guard let a = canon(r["id_number"]!), let b = canon(r["relative_id_number"]!), a != b else { continue }
            allRel[a, default: []].insert(b); allRel[b, default: []].insert(a)
            if ["spouse", "child", "parent", "sibling", "child_spouse"].contains(r["relation"]!) {
                close[a, default: []].insert(b); close[b, default: []].insert(a)
            }
        }
        // Households
        var hhMembers: [String: Set<String>] = [:]
        var personHH: [String: Set<String>] = [:]
        var hhVillage: [String: String] = [:]
        for r in data["households"]! {
            guard let id = canon(r["id_number"]!) else { continue }
            hhMembers[r["household_id"]!, default: []].insert(id)
            personHH[id, default: []].insert(r["household_id"]!)
            hhVillage[r["household_id"]!] = r["village_code"]!
        }
        let benefits = data["benefits"]!
        for r in benefits {
            let h = r["household_id"]!
            guard !h.isEmpty, let id = canon(r["id_number"]!) else { continue }
            hhMembers[h, default: []].insert(id)
            personHH[id, default: []].insert(h)
        }
        func householdOf(_ id: String) -> Set<String> {
            var s = Set<String>()
            for h in personHH[id] ?? [] { s.formUnion(hhMembers[h] ?? []) }
            s.remove(id)
            return s
        }
        // Companies and links
        var company: [String: Row] = [:]
        var links: [String: Set<String>] = [:]          // person → companies
        var ownerLinks: [String: Set<String>] = [:]     // company → persons (shareholder, legal rep, executive)
        for r in data["companies"]! {
            company[r["uscc"]!] = r
            if let l = canon(r["legal_rep_id_number"] ?? "") {
                links[l, default: []].insert(r["uscc"]!)
                ownerLinks[r["uscc"]!, default: []].insert(l)
            }
        }
        for r in data["company_roles"]! {
            guard let h = canon(r["holder_id_number"] ?? "") else { continue }
            links[h, default: []].insert(r["uscc"]!)
            if r["role"]! != "supervisor" { ownerLinks[r["uscc"]!, default: []].insert(h) }
        }
        // Vehicles
        var vehicles: [String: [(String, LocalDate?)]] = [:]
        for r in data["vehicles"]! {
            guard let id = canon(r["owner_id_number"]!) else { continue }
            vehicles[id, default: []].append((r["vehicle_type"] ?? "", date(r["registered"])))
        }
        var deaths: [String: LocalDate] = [:]
        for r in data["deaths"]! {
            guard let id = canon(r["id_number"]!), let d = date(r["death_date"]) else { continue }
            deaths[id] = min(deaths[id] ?? d, d)
        }
        var programs: [String: (Bool, Set<String>, Int?)] = [:]
        for r in data["programs"]! {
            programs[r["program"]!] = (r["means_tested"] == "true", Set((r["exclusive_with"] ?? "").split(separator: "|").map(String.init)), Int(r["min_age"] ?? ""))
        }
        for (p, v) in programs { for e in v.1 { programs[e]?.1.insert(p) } }

        // MARK: benefits
        var rollCount: [String: Int] = [:]
        var programsInPeriod: [String: Set<String>] = [:]
        var accountPeople: [String: Set<String>] = [:]
        var accountHouseholds: [String: Set<String>] = [:]
        for (ri, r) in benefits.enumerated() {
            let program = r["program"]!, P = ym(r["period"]!)
            let raw = ResidentID.stored(r["id_number"]!)
            let (mt, _, minAge) = programs[program] ?? (false, [], nil)
            guard let id = canon(raw) else {
                if !raw.isEmpty { out.insert("benefit.invalid_id|\(raw)|\(program)") }
                rollCount["\(raw)|\(P.text)|\(program)", default: 0] += 1
                programsInPeriod["\(raw)|\(P.text)", default: []].insert(program)
                continue
            }
            if let d = deaths[id], P.months(until: d.yearMonth) < 0 { out.insert("benefit.deceased|\(id)|\(program)") }
            let hh = householdOf(id)
            let circle = hh.union([id])
            if mt {
                if circle.contains(where: { pid in (officialsByID[pid] ?? []).contains { ["civil_servant", "institution_staff", "soe_manager"].contains($0.category) && activeDuring($0, P) } }) {
                    out.insert("benefit.official|\(id)|\(program)")
                }
                let exempt = ["摩托车", "三轮汽车", "低速货车", "残疾人"]
                if circle.contains(where: { pid in (vehicles[pid] ?? []).contains { v in !exempt.contains { v.0.contains($0) } && (v.1.map { $0 <= P.lastDay } ?? true) } }) {
                    out.insert("benefit.vehicle|\(id)|\(program)")
                }
                if circle.contains(where: { pid in (links[pid] ?? []).contains { u in
                    guard let c = company[u] else { return false }
                    if let e = date(c["established"]), e > P.lastDay { return false }
                    if ["deregistered", "revoked"].contains(c["status"] ?? ""), let sd = date(c["status_date"]), sd < P.firstDay { return false }
                    return true } }) {
                    out.insert("benefit.company|\(id)|\(program)")
                }
            }
            rollCount["\(id)|\(P.text)|\(program)", default: 0] += 1
            programsInPeriod["\(id)|\(P.text)", default: []].insert(program)
            // cadre relative
            var village = r["village_code"] ?? ""
            if village.isEmpty, let h = personHH[id]?.first { village = hhVillage[h] ?? "" }
            let cadres = (officialsByUnit[village] ?? []).filter { $0.category == "village_cadre" && activeDuring($0, P) }
            if cadres.contains(where: { c in (close[c.id] ?? []).contains(id) || hh.contains(c.id) }) {
                out.insert("benefit.cadre_relative|\(id)|\(program)")
            }
            if let m = minAge, (try? ResidentID.parse(id))!.age(on: P.firstDay) < m { out.insert("benefit.ineligible_age|\(id)|\(program)") }
            let acct = norm(r["account"] ?? "")
            if !acct.isEmpty {
                accountPeople["\(acct)|\(P.text)", default: []].insert(id)
                let h = r["household_id"]!.isEmpty ? (personHH[id]?.sorted().first ?? "unknown\(ri)") : r["household_id"]!
                accountHouseholds["\(acct)|\(P.text)", default: []].insert(h)
            }
        }
        for (k, n) in rollCount where n >= 2 {
            let parts = k.split(separator: "|")
            out.insert("benefit.duplicate|\(parts[0])|\(parts[1])")
        }
        for (k, ps) in programsInPeriod {
            if ps.contains(where: { p in !(programs[p]?.1 ?? []).isDisjoint(with: ps) }) { out.insert("benefit.duplicate|\(k)") }
        }
        for (k, people) in accountPeople where people.count >= 3 && accountHouseholds[k]!.count >= 2 {
            out.insert("benefit.shared_account|\(k.split(separator: "|")[0])")
        }

        // MARK: payments
        struct Pay { let voucher: String; let unit: String; let date: LocalDate; let payee: String; let code: String; let amount: Int64
                     let category: String; let project: String; let approver: String }
        let pays = data["payments"]!.map { r -> Pay in
            let code = (r["payee_code"] ?? "").uppercased()
            let payee = !code.isEmpty ? code : !(r["payee_account"] ?? "").isEmpty ? norm(r["payee_account"]!) : r["payee_name"]!.trimmingCharacters(in: .whitespaces)
            return Pay(voucher: r["voucher_no"]!, unit: r["unit_code"]!, date: date(r["date"])!, payee: payee, code: code, amount: fen(r["amount"]),
                       category: r["category"] ?? "", project: r["project_code"] ?? "", approver: r["approver_id_number"] ?? "")
        }
        func vnum(_ v: String) -> (String, Int) {
            let digits = v.reversed().prefix { $0.isNumber }
            return (String(v.dropLast(digits.count)), Int(String(digits.reversed())) ?? 0)
        }
        var byUnitPayee: [String: [Pay]] = [:]
        for p in pays { byUnitPayee[p.unit + "|" + p.payee, default: []].append(p) }
        for (_, list) in byUnitPayee {
            let s = list.sorted { ($0.date, vnum($0.voucher).1) < ($1.date, vnum($1.voucher).1) }
            for j in s.indices {
                for i in 0..<j where s[i].amount == s[j].amount && s[i].date.days(until: s[j].date) <= 30 && s[i].voucher != s[j].voucher {
                    out.insert("payment.duplicate|\(s[j].unit)|\(s[j].voucher)")
                }
            }
            var chain: [Pay] = []
            func close() {
                if chain.count >= 2 && chain.reduce(0, { $0 + $1.amount }) >= 100_000_000 {
                    out.insert("payment.split|\(chain[0].unit)|\(chain[0].payee)|\(chain[0].date.iso)")
                }
                chain = []
            }
            for p in s where p.amount < 100_000_000 {
                if let last = chain.last, last.date.days(until: p.date) > 30 { close() }
                chain.append(p)
            }
            close()
        }
        var unitYear: [String: [Pay]] = [:]
        for p in pays {
            if p.amount >= 95_000_000 && p.amount < 100_000_000 && (p.category == "general" || p.category == "project") {
                out.insert("payment.threshold_edge|\(p.unit)|\(p.voucher)")
            }
            if cal.isWorkingDay(p.date) == false { out.insert("payment.holiday|\(p.unit)|\(p.voucher)") }
            if let c = company[p.code] {
                if let e = date(c["established"]), e.days(until: p.date) <= 180, p.amount >= 10_000_000 { out.insert("payment.new_company|\(p.unit)|\(p.voucher)") }
                if ["deregistered", "revoked"].contains(c["status"] ?? ""), let sd = date(c["status_date"]), sd < p.date {
                    out.insert("payment.deregistered_payee|\(p.unit)|\(p.voucher)")
                }
            }
            unitYear["\(p.unit)|\(p.date.year)", default: []].append(p)
        }
        let benford = (1...9).map { log10(1 + 1 / Double($0)) }
        for (k, list) in unitYear {
            let amounts = list.map(\.amount).filter { $0 >= 1_000 }
            if amounts.count >= 1_000 {
                var counts = Array(repeating: 0.0, count: 10)
                for a in amounts { counts[Int(String(String(a).first!))!] += 1 }
                let mad = (1...9).map { abs(counts[$0] / Double(amounts.count) - benford[$0 - 1]) }.reduce(0, +) / 9
                if mad > 0.015 { out.insert("payment.benford|\(k)") }
            }
            var prefixes: [String: [Int]] = [:]
            for p in list { let (pre, n) = vnum(p.voucher); prefixes[pre, default: []].append(n) }
            for (pre, nums) in prefixes where nums.count >= 10 {
                let s = Set(nums)
                var n = nums.min()!
                while n < nums.max()! {
                    if !s.contains(n) {
                        out.insert("payment.sequence_gap|\(k.split(separator: "|")[0])|\(pre)|\(n)")
                        while !s.contains(n) { n += 1 }
                    }
                    n += 1
                }
            }
        }
        var totals: [String: Int64] = [:]
        for p in pays where !p.category.isEmpty {
            totals["\(p.unit)|\(p.date.year)|\(p.category)" + (p.category == "project" ? "|\(p.project)" : ""), default: 0] += p.amount
        }
        var budgets: [String: Int64] = [:]
        for r in data["budgets"]! {
            let cat = r["category"]!
            budgets["\(r["unit_code"]!)|\(r["year"]!)|\(cat)" + (cat == "project" ? "|\(r["project_code"] ?? "")" : ""), default: 0] += fen(r["amount"])
        }
        for (k, t) in totals {
            if let b = budgets[k] { if t > b { out.insert("budget.overrun|\(k)") } } else { out.insert("budget.unbudgeted|\(k)") }
            let parts = k.split(separator: "|").map(String.init)
            if ["travel_abroad", "vehicles", "reception"].contains(parts[2]), let prev = totals["\(parts[0])|\(Int(parts[1])! - 1)|\(parts[2])"], t > prev {
                out.insert("budget.three_public_increase|\(k)")
            }
        }
        // conflict.payee
        for p in pays {
            var candidates = (officialsByUnit[p.unit] ?? []).filter { $0.category != "other" && activeOn($0, p.date) }
            if let a = canon(p.approver) { candidates += (officialsByID[a] ?? []).filter { $0.category != "other" && activeOn($0, p.date) } }
            for o in candidates {
                let circle = (close[o.id] ?? []).union([o.id])
                let linked = circle.contains { (links[$0] ?? []).contains(p.code) }
                let inPerson = circle.contains(canon(p.code) ?? "-")
                if linked || inPerson { out.insert("conflict.payee|\(o.id)|\(p.payee)") }
            }
        }
        // MARK: projects
        for r in data["projects"]! {
            let code = r["project_code"]!, status = r["status"] ?? ""
            if (r["funding_source"] ?? "").isEmpty && (!(r["tender_id"] ?? "").isEmpty || !(r["contract_amount"] ?? "").isEmpty || !["", "planned"].contains(status)) {
                out.insert("project.no_funding|\(code)")
            }
            let budget = fen(r["approved_budget"])
            if max(fen(r["contract_amount"]), fen(r["final_amount"])) * 10 > budget * 11 { out.insert("project.overrun|\(code)") }
            func lead(_ s: String) -> (Double, String)? {
                let num = s.prefix { $0.isNumber || $0 == "." }
                guard let v = Double(num) else { return nil }
                return (v, String(s.dropFirst(num.count)))
            }
            if let a = lead(r["approved_scale"] ?? ""), let b = lead(r["actual_scale"] ?? ""), a.1 == b.1, b.0 > a.0 { out.insert("project.scale_increase|\(code)") }
            if fen(r["contract_amount"]) >= 400_000_000 && (r["tender_id"] ?? "").isEmpty { out.insert("project.no_tender|\(code)") }
            if status == "accepted", (r["closed_date"] ?? "").isEmpty, let a = date(r["accepted_date"]), a.adding(days: 365) < asOf {
                out.insert("project.unclosed|\(code)")
            }
        }
        // MARK: bids
        var bidsOf: [String: [Row]] = [:]
        for b in data["bids"]! { bidsOf[b["tender_id"]!, default: []].append(b) }
        var bidderBids: [String: Int] = [:], bidderWins: [String: Int] = [:], bidderBuyers: [String: Set<String>] = [:]
        var sets: [String: [String]] = [:]   // buyer|set → winners
        for t in data["tenders"]! {
            let id = t["tender_id"]!, method = t["method"] ?? ""
            let bids = bidsOf[id] ?? []
            let counted = bids.filter { $0["status"] != "withdrawn" }
            let priced = bids.filter { ($0["status"] ?? "") == "valid" || ($0["status"] ?? "").isEmpty }
            let awarded = !(t["winner_uscc"] ?? "").isEmpty || !(t["award_date"] ?? "").isEmpty || !(t["award_amount"] ?? "").isEmpty
            let open = method == "open" || method == "invited"
            if open && awarded && counted.count < 3 { out.insert("bid.few_bidders|\(id)") }
            if open, let p = date(t["published_date"]), let d = date(t["deadline"]), p.days(until: d) < 20 { out.insert("bid.short_period|\(id)") }
            func shared(_ f: (Row) -> [String]) -> Bool {
                var seen: [String: String] = [:]
                for b in bids { for v in f(b) where !v.isEmpty {
                    if let o = seen[v], o != b["bidder_uscc"]! { return true }
                    seen[v] = b["bidder_uscc"]!
                } }
                return false
            }
            if shared({ [($0["device_id"] ?? "").uppercased(), "ip:" + ($0["ip"] ?? ""), "h:" + ($0["file_hash"] ?? "").lowercased()].filter { $0 != "ip:" && $0 != "h:" } }) { out.insert("bid.same_device|\(id)") }
            if shared({ [self.norm($0["bond_account"] ?? "")] }) { out.insert("bid.same_bond_account|\(id)") }
            if shared({ [self.norm($0["contact_phone"] ?? ""), "n:" + ($0["contact_name"] ?? "").trimmingCharacters(in: .whitespaces)].filter { $0 != "n:" } }) { out.insert("bid.same_contact|\(id)") }
            if shared({ Array(ownerLinks[$0["bidder_uscc"]!] ?? []) }) { out.insert("bid.common_owner|\(id)") }
            if shared({ [Money.formatYuan(self.fen($0["amount"]))] }) && counted.count >= 2 {
                var seen: [Int64: String] = [:]
                for b in counted { let a = fen(b["amount"]); if let o = seen[a], o != b["bidder_uscc"]! { out.insert("bid.identical_prices|\(id)") }; seen[a] = b["bidder_uscc"]! }
            }
            let amounts = priced.map { fen($0["amount"]) }.sorted()
            if amounts.count >= 3 {
                let gaps = (1..<amounts.count).map { Double(amounts[$0] - amounts[$0 - 1]) }
                let mg = gaps.reduce(0, +) / Double(gaps.count)
                let steps = (1..<amounts.count).map { Double(amounts[$0]) / Double(amounts[$0 - 1]) - 1 }
                let ms = steps.reduce(0, +) / Double(steps.count)
                if gaps.allSatisfy({ abs($0 - mg) <= max(100, 0.01 * mg) }) || steps.allSatisfy({ abs($0 - ms) <= 0.01 * ms }) {
                    out.insert("bid.regular_prices|\(id)")
                }
            }
            if let c = t["ceiling"], !c.isEmpty, amounts.count >= 2, amounts.allSatisfy({ $0 * 100 >= fen(c) * 98 }) { out.insert("bid.near_ceiling|\(id)") }
            let buyer = t["buyer_unit_code"]!
            for b in counted {
                let u = b["bidder_uscc"]!
                bidderBids[u, default: 0] += 1
                bidderBuyers[u, default: []].insert(buyer)
                if t["winner_uscc"] == u { bidderWins[u, default: 0] += 1 }
            }
            if counted.count >= 3 {
                sets[buyer + "|" + counted.map { $0["bidder_uscc"]! }.sorted().joined(separator: "+"), default: []].append(t["winner_uscc"] ?? "")
            }
            // bid.conflict
            let officialsOfBuyer = (officialsByUnit[buyer] ?? []).filter { $0.category != "other" }
            for b in bids {
                let day = date(b["submitted_at"]) ?? date(t["published_date"])!
                for o in officialsOfBuyer where activeOn(o, day) {
                    let circle = (close[o.id] ?? []).union([o.id])
                    if circle.contains(where: { (links[$0] ?? []).contains(b["bidder_uscc"]!) }) { out.insert("bid.conflict|\(id)") }
                }
            }
        }
        for (u, n) in bidderBids {
            let w = bidderWins[u] ?? 0
            if n >= 10 && w == 0 { out.insert("bid.perennial_loser|\(u)") }
            if n >= 5 && bidderBuyers[u]!.count == 1 && Double(w) / Double(n) >= 0.8 { out.insert("bid.loyal_winner|\(u)") }
        }
        for (k, winners) in sets where winners.count >= 3 && Set(winners.filter { !$0.isEmpty }).count >= 2 { out.insert("bid.rotation|\(k)") }
        // MARK: service
        for r in data["service_cases"]! {
            guard let rec = date(r["received_at"]), let limit = Int(r["time_limit_days"]!) else { continue }
            if let done = date(r["completed_at"]), let n = cal.workingDays(after: rec, through: done), n > limit { out.insert("service.overdue|\(r["case_no"]!)") }
            let open = r["status"] == "open" || ((r["status"] ?? "").isEmpty && (r["completed_at"] ?? "").isEmpty)
            if open, let n = cal.workingDays(after: rec, through: asOf), n > limit { out.insert("service.stalled|\(r["case_no"]!)") }
        }
        return out
    }
}
