import Foundation
import SunlightDomain
import SunlightTabular
import Testing
import SunlightDemo

/// The demo data set: deterministic, shaped like the data contract, valid identifiers except the
/// planted ones, and a truth file whose every planted subject exists and behaves as announced.
@Suite(.serialized)
struct DemoGeneratorTests {
    static let asOf = LocalDate(year: 2026, month: 3, day: 31)!

    /// The canonical columns of `data-contract.md`, written out independently of the generator.
    static let contract: [String: [String]] = [
        "units": ["unit_code", "name", "parent_code", "kind", "region_code"],
        "people": ["id_number", "name", "unit_code", "post", "rank", "category", "is_leader", "since", "until"],
        "relatives": ["id_number", "relative_id_number", "relative_name", "relation"],
        "households": ["household_id", "id_number", "name", "relation_to_head", "village_code"],
        "deaths": ["id_number", "name", "death_date"],
        "companies": ["uscc", "name", "legal_rep_id_number", "legal_rep_name", "established", "address", "phone", "status", "status_date"],
        "company_roles": ["uscc", "holder_id_number", "holder_uscc", "holder_name", "role", "share_pct"],
        "vehicles": ["plate", "owner_id_number", "owner_name", "vehicle_type", "registered"],
        "programs": ["program", "means_tested", "exclusive_with", "min_age"],
        "benefits": ["program", "period", "id_number", "name", "household_id", "village_code", "amount", "account", "paid_date"],
        "budgets": ["year", "unit_code", "category", "project_code", "amount"],
        "payments": ["voucher_no", "unit_code", "date", "payee_name", "payee_code", "payee_account", "amount", "category", "project_code", "purpose", "approver_id_number"],
        "projects": ["project_code", "name", "unit_code", "approved_budget", "funding_source", "approved_date", "tender_id", "contract_amount", "final_amount", "approved_scale", "actual_scale", "status", "accepted_date", "closed_date"],
        "tenders": ["tender_id", "title", "buyer_unit_code", "method", "ceiling", "published_date", "deadline", "award_date", "winner_uscc", "award_amount"],
        "bids": ["tender_id", "bidder_uscc", "bidder_name", "amount", "submitted_at", "status", "file_hash", "device_id", "ip", "bond_account", "contact_name", "contact_phone"],
        "service_cases": ["case_no", "matter", "unit_code", "received_at", "completed_at", "time_limit_days", "handler_id_number", "status"],
    ]

    static let plantedRules = [
        "benefit.deceased", "benefit.official", "benefit.vehicle", "benefit.company", "benefit.duplicate", "benefit.cadre_relative",
        "benefit.shared_account", "benefit.ineligible_age", "benefit.invalid_id",
        "payment.duplicate", "payment.split", "payment.threshold_edge", "payment.holiday", "payment.new_company",
        "payment.deregistered_payee", "payment.benford", "payment.sequence_gap",
        "budget.unbudgeted", "budget.overrun", "budget.three_public_increase", "conflict.payee",
        "project.no_funding", "project.overrun", "project.scale_increase", "project.no_tender", "project.unclosed",
        "bid.few_bidders", "bid.short_period", "bid.same_device", "bid.same_bond_account", "bid.same_contact", "bid.common_owner",
        "bid.identical_prices", "bid.regular_prices", "bid.near_ceiling", "bid.perennial_loser", "bid.loyal_winner", "bid.rotation",
        "bid.conflict", "service.overdue", "service.stalled",
    ]

    struct Truth { let rule: String; let subject: String; let flag: Bool }

    static func tempDir(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("sunlight-demo-\(name)-\(UUID().uuidString)")
    }

    /// One small data set shared by the read-only tests (generated once, left in the temp folder).
    static let shared: Result<(URL, DemoSummary), any Error> = Result { try generateSmall(seed: 21) }

    static func generateSmall(seed: UInt64) throws -> (URL, DemoSummary) {
        let dir = tempDir("small\(seed)")
        let summary = try DemoGenerator.generate(size: .small, seed: seed, to: dir, progress: nil)
        return (dir, summary)
    }

    static func read(_ dir: URL, _ name: String) throws -> (header: [String], rows: [[String: String]]) {
        var header: [String] = []
        var rows: [[String: String]] = []
        try CSVSource(url: dir.appendingPathComponent(name + ".csv")).read(header: { header = $0 }, row: { r in
            var d: [String: String] = [:]
            for (i, h) in header.enumerated() where i < r.fields.count { d[h] = r.fields[i] }
            rows.append(d)
        })
        return (header, rows)
    }

    static func truth(_ dir: URL) throws -> (meta: [String: Any], cases: [Truth]) {
        let text = try String(contentsOf: dir.appendingPathComponent("truth.jsonl"), encoding: .utf8)
        let lines = text.split(separator: "\n")
        let meta = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as! [String: Any]
        let cases = try lines.dropFirst().map { line -> Truth in
            let o = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: String]
            return Truth(rule: o["rule"]!, subject: o["subject"]!, flag: o["expect"]! == "flag")
        }
        return (meta, cases)
    }

    // MARK: Tests

    @Test func smallGeneratesEveryFile() throws {
        let (dir, summary) = try Self.generateSmall(seed: 11)
        defer { try? FileManager.default.removeItem(at: dir) }
        // (How fast is a benchmark's question: `sunlight bench scan` prints it.)
        for f in summary.files {
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(f).path), "\(f) missing")
        }
        #expect(summary.files.count == 19)
        // The OCDS feed publishes every tender once, as a process with the tender_id as ocid.
        let ocdsLines = try String(contentsOf: dir.appendingPathComponent("ocds.jsonl"), encoding: .utf8).split(separator: "\n")
        let (_, tenderRows) = try Self.read(dir, "tenders")
        #expect(ocdsLines.count == tenderRows.count)
        #expect(summary.asOf == Self.asOf)
        for (name, _) in Self.contract {
            let (_, rows) = try Self.read(dir, name)
            #expect(summary.rowCounts[name + ".csv"] == rows.count, "\(name): summary \(summary.rowCounts[name + ".csv"] ?? -1) vs \(rows.count)")
            #expect(!rows.isEmpty, "\(name) is empty")
        }
        #expect((2_000...5_000).contains(summary.rowCounts["households.csv"]!))
        #expect(summary.rowCounts["benefits.csv"]! > 10_000)
        #expect(summary.rowCounts["payments.csv"]! > 3_000)
        let readme = try String(contentsOf: dir.appendingPathComponent("README.txt"), encoding: .utf8)
        #expect(readme.contains("清源县"))
    }

    @Test func sameSeedSameBytesDifferentSeedDifferentData() throws {
        let (a, _) = try Self.generateSmall(seed: 42)
        let (b, _) = try Self.generateSmall(seed: 42)
        let (c, _) = try Self.generateSmall(seed: 43)
        defer { for d in [a, b, c] { try? FileManager.default.removeItem(at: d) } }
        let files = Array(Self.contract.keys).map { $0 + ".csv" } + ["truth.jsonl", "README.txt"]
        for f in files.sorted() {
            let x = try Data(contentsOf: a.appendingPathComponent(f)), y = try Data(contentsOf: b.appendingPathComponent(f))
            #expect(x == y, "\(f) differs between two runs with the same seed")
        }
        for f in ["households.csv", "benefits.csv", "payments.csv", "bids.csv", "truth.jsonl"] {
            let x = try Data(contentsOf: a.appendingPathComponent(f)), z = try Data(contentsOf: c.appendingPathComponent(f))
            #expect(x != z, "\(f) is the same for seeds 42 and 43")
        }
    }

    @Test func headersAreTheContractsCanonicalColumns() throws {
        let (dir, _) = try Self.shared.get()
        for (name, columns) in Self.contract {
            let (header, _) = try Self.read(dir, name)
            #expect(header == columns, "\(name) header")
            let raw = try Data(contentsOf: dir.appendingPathComponent(name + ".csv"))
            #expect(raw.prefix(3) != Data([0xEF, 0xBB, 0xBF]), "\(name) has a BOM")
            #expect(String(data: raw, encoding: .utf8) != nil, "\(name) is not UTF-8")
        }
    }

    @Test func identifiersAreValidExceptThePlantedOnes() throws {
        let (dir, _) = try Self.shared.get()
        let (_, cases) = try Self.truth(dir)
        let truthText = cases.map(\.subject).joined(separator: "\n")
        let idColumns: [String: [String]] = [
            "people": ["id_number"], "relatives": ["id_number", "relative_id_number"], "households": ["id_number"],
            "deaths": ["id_number"], "companies": ["legal_rep_id_number"], "company_roles": ["holder_id_number"],
            "vehicles": ["owner_id_number"], "service_cases": ["handler_id_number"],
            "benefits": ["id_number"], "payments": ["approver_id_number"],
        ]
        let usccColumns: [String: [String]] = [
            "companies": ["uscc"], "company_roles": ["uscc", "holder_uscc"], "tenders": ["winner_uscc"], "bids": ["bidder_uscc"],
        ]
        var invalid: [(String, String)] = []
        for (name, cols) in idColumns {
            for r in try Self.read(dir, name).rows {
                for c in cols {
                    let v = r[c] ?? ""
                    if v.isEmpty { continue }
                    if (try? ResidentID.parse(v, asOf: Self.asOf)) == nil { invalid.append((name, v)) }
                }
            }
        }
        for (name, cols) in usccColumns {
            for r in try Self.read(dir, name).rows {
                for c in cols where !(r[c] ?? "").isEmpty {
                    #expect((try? USCC.parse(r[c]!)) != nil, "\(name).\(c) \(r[c]!) is not a valid USCC")
                }
            }
        }
        for r in try Self.read(dir, "payments").rows {
            let code = r["payee_code"] ?? ""
            if code.isEmpty { continue }
            if code.count == 18 && code.hasPrefix("91") {
                #expect((try? USCC.parse(code)) != nil, "payee USCC \(code)")
            } else if (try? ResidentID.parse(code, asOf: Self.asOf)) == nil {
                invalid.append(("payments", code))
            }
        }
        #expect(invalid.contains { $0.0 == "benefits" }, "no planted invalid ID in benefits")
        #expect(invalid.contains { $0.0 == "payments" }, "no planted invalid ID in payments")
        for (name, v) in invalid {
            #expect(name == "benefits" || name == "payments", "invalid ID \(v) in \(name)")
            #expect(truthText.contains(v), "invalid ID \(v) in \(name) is not in the truth file")
        }
        // Every person ID is unique in households; plates are unique.
        let hh = try Self.read(dir, "households").rows.map { $0["id_number"]! }
        #expect(Set(hh).count == hh.count)
        let plates = try Self.read(dir, "vehicles").rows.map { $0["plate"]! }
        #expect(Set(plates).count == plates.count)
    }

    @Test func truthCoversEveryRuleBothWays() throws {
        let (dir, summary) = try Self.shared.get()
        let (meta, cases) = try Self.truth(dir)
        #expect(meta["as_of"] as? String == "2026-03-31")
        #expect(meta["seed"] as? Int == 21)
        #expect(meta["size"] as? String == "small")
        for rule in Self.plantedRules {
            #expect(cases.filter { $0.rule == rule && $0.flag }.count >= 2, "\(rule): fewer than 2 flags")
            #expect(cases.contains { $0.rule == rule && !$0.flag }, "\(rule): no near-miss")
        }
        #expect(Set(cases.map(\.rule)).isSubset(of: Set(Self.plantedRules)))
        let keys = cases.map { $0.rule + "|" + $0.subject }
        #expect(Set(keys).count == keys.count, "duplicate truth subjects")
        #expect(summary.plantedFlags == cases.filter(\.flag).count)
        #expect(summary.plantedClears == cases.filter { !$0.flag }.count)
    }

    @Test func everyPlantedSubjectHasItsRows() throws {
        let (dir, _) = try Self.shared.get()
        let (_, cases) = try Self.truth(dir)
        let benefits = try Self.read(dir, "benefits").rows
        let payments = try Self.read(dir, "payments").rows
        let people = Set(try Self.read(dir, "people").rows.map { $0["id_number"]! })
        let projects = Set(try Self.read(dir, "projects").rows.map { $0["project_code"]! })
        let tenders = try Self.read(dir, "tenders").rows
        let tenderIDs = Set(tenders.map { $0["tender_id"]! })
        let bids = try Self.read(dir, "bids").rows
        let cases_ = Set(try Self.read(dir, "service_cases").rows.map { $0["case_no"]! })
        let benefitKeys = Set(benefits.map { $0["id_number"]! + "|" + $0["program"]! })
        let benefitPeriods = Set(benefits.map { $0["id_number"]! + "|" + $0["period"]! })
        let accounts = Set(benefits.map { $0["account"]! })
        let vouchers = Set(payments.map { $0["unit_code"]! + "|" + $0["voucher_no"]! })
        for c in cases {
            let parts = c.subject.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            switch c.rule {
            case "benefit.duplicate":
                #expect(benefitPeriods.contains(c.subject), "\(c.rule) \(c.subject)")
            case "benefit.shared_account":
                #expect(accounts.contains(c.subject), "\(c.rule) \(c.subject)")
            case let r where r.hasPrefix("benefit."):
                #expect(benefitKeys.contains(c.subject), "\(c.rule) \(c.subject)")
            case "payment.split":
                #expect(payments.contains { $0["unit_code"] == parts[0] && ($0["payee_code"] ?? "").uppercased() == parts[1] && $0["date"] == parts[2] }, "\(c.rule) \(c.subject)")
            case "payment.benford":
                #expect(payments.filter { $0["unit_code"] == parts[0] && $0["date"]!.hasPrefix(parts[1]) }.count >= 999, "\(c.rule) \(c.subject)")
            case "payment.sequence_gap":
                #expect(payments.contains { $0["unit_code"] == parts[0] && $0["voucher_no"]!.hasPrefix(parts[1]) }, "\(c.rule) \(c.subject)")
            case let r where r.hasPrefix("payment."):
                #expect(vouchers.contains(c.subject), "\(c.rule) \(c.subject)")
            case let r where r.hasPrefix("budget."):
                #expect(payments.contains { $0["unit_code"] == parts[0] && $0["date"]!.hasPrefix(parts[1]) && $0["category"] == parts[2] }, "\(c.rule) \(c.subject)")
            case "conflict.payee":
                #expect(people.contains(parts[0]), "\(c.rule) official \(parts[0])")
                #expect(payments.contains { ($0["payee_code"] ?? "").uppercased() == parts[1] }, "\(c.rule) payee \(parts[1])")
            case let r where r.hasPrefix("project."):
                #expect(projects.contains(c.subject), "\(c.rule) \(c.subject)")
            case "bid.perennial_loser", "bid.loyal_winner":
                #expect(bids.contains { $0["bidder_uscc"] == c.subject }, "\(c.rule) \(c.subject)")
            case "bid.rotation":
                let usccs = Set(parts[1].split(separator: "+").map(String.init))
                let ids = Set(tenders.filter { $0["buyer_unit_code"] == parts[0] }.map { $0["tender_id"]! })
                let hits = ids.filter { t in Set(bids.filter { $0["tender_id"] == t }.map { $0["bidder_uscc"]! }) == usccs }
                #expect(hits.count >= 2, "\(c.rule) \(c.subject)")
            case let r where r.hasPrefix("bid."):
                #expect(tenderIDs.contains(c.subject), "\(c.rule) \(c.subject)")
            case let r where r.hasPrefix("service."):
                #expect(cases_.contains(c.subject), "\(c.rule) \(c.subject)")
            default:
                Issue.record("unexpected rule \(c.rule)")
            }
        }
    }

    /// An independent reading of rules.md finds exactly the planted flags: every flag fires, no
    /// near-miss fires, and nothing in the background fires.
    @Test func referenceRulesFindExactlyThePlantedFlags() throws {
        let (dir, _) = try Self.shared.get()
        let (_, cases) = try Self.truth(dir)
        let found = try ReferenceRules(directory: dir, asOf: Self.asOf).findings()
        let flags = Set(cases.filter(\.flag).map { $0.rule + "|" + $0.subject })
        for c in cases {
            let key = c.rule + "|" + c.subject
            if c.flag { #expect(found.contains(key), "planted flag did not fire: \(key)") }
            else { #expect(!found.contains(key), "near-miss fired: \(key)") }
        }
        let background = found.subtracting(flags).sorted()
        #expect(background.isEmpty, "background findings: \(background.prefix(10))")
    }

    @Test func backgroundInvariants() throws {
        let (dir, _) = try Self.shared.get()
        let cal = WorkingDayCalendar.shipped
        let payments = try Self.read(dir, "payments").rows
        let (_, cases) = try Self.truth(dir)
        let holidayVouchers = Set(cases.filter { $0.rule == "payment.holiday" && $0.flag }.map(\.subject))
        for p in payments {
            let d = LocalDate(iso: p["date"]!)!
            if cal.isWorkingDay(d) == false {
                #expect(holidayVouchers.contains(p["unit_code"]! + "|" + p["voucher_no"]!), "unplanted payment on a day off: \(p["voucher_no"]!)")
            }
            #expect(p["amount"]!.range(of: #"^\d+\.\d\d$"#, options: .regularExpression) != nil)
        }
        // Periods cover 2024-01 … 2025-12, and every roll is a valid month.
        let periods = Set(try Self.read(dir, "benefits").rows.map { $0["period"]! })
        #expect(periods.count == 24)
        #expect(periods.contains("2024-01") && periods.contains("2025-12"))
        // Datetimes are China local time "YYYY-MM-DD HH:MM:SS".
        for r in try Self.read(dir, "service_cases").rows {
            #expect(r["received_at"]!.range(of: #"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$"#, options: .regularExpression) != nil)
        }
    }
}
