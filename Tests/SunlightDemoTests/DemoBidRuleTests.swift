import Foundation
import SunlightDomain
import SunlightRules
import SunlightTabular
import Testing
import SunlightDemo

/// The engine's `bid.*` rules on the small demo county: every planted case fires, no near-miss
/// does, and nothing in the background does.
@Suite(.serialized)
struct DemoBidRuleTests {
    /// The demo's CSVs as the storage adapter would hand them to the builder: already-parsed
    /// values (dates, instants, fen), empty cells as nil.
    enum Loader {
        typealias Row = [String: String]

        static func rows(_ dir: URL, _ name: String) throws -> [Row] {
            var header: [String] = []
            var rows: [Row] = []
            try CSVSource(url: dir.appendingPathComponent(name + ".csv")).read(header: { header = $0 }, row: { r in
                var d: Row = [:]
                for (i, h) in header.enumerated() where i < r.fields.count { d[h] = r.fields[i] }
                rows.append(d)
            })
            return rows
        }

        static func text(_ r: Row, _ column: String) -> String { r[column] ?? "" }

        static func optional(_ r: Row, _ column: String) -> String? {
            guard let v = r[column], !v.isEmpty else { return nil }
            return v
        }

        static func date(_ r: Row, _ column: String) throws -> LocalDate? {
            try optional(r, column).map { try DateParsing.date($0) }
        }

        static func instant(_ r: Row, _ column: String) throws -> Date? {
            try optional(r, column).map { try DateParsing.instant($0) }
        }

        static func fen(_ r: Row, _ column: String) throws -> Int64? {
            try optional(r, column).map { try Money.parseFen($0) }
        }

        /// Units, people, relatives, companies, company roles, tenders and bids.
        static func data(_ dir: URL) throws -> SupervisionData {
            var b = SupervisionDataBuilder()
            for r in try rows(dir, "units") {
                b.append(UnitRow(code: text(r, "unit_code"), name: text(r, "name"), parentCode: optional(r, "parent_code"), kind: text(r, "kind")))
            }
            for r in try rows(dir, "people") {
                b.append(PersonRow(idNumber: text(r, "id_number"), name: text(r, "name"), unitCode: text(r, "unit_code"),
                                   category: text(r, "category"), since: try date(r, "since"), until: try date(r, "until")))
            }
            for r in try rows(dir, "relatives") {
                b.append(RelativeRow(idNumber: text(r, "id_number"), relativeIDNumber: text(r, "relative_id_number"), relation: text(r, "relation")))
            }
            for r in try rows(dir, "companies") {
                b.append(CompanyRow(uscc: text(r, "uscc"), name: text(r, "name"), legalRepIDNumber: optional(r, "legal_rep_id_number"),
                                    established: try date(r, "established"), status: optional(r, "status"), statusDate: try date(r, "status_date")))
            }
            for r in try rows(dir, "company_roles") {
                b.append(CompanyRoleRow(uscc: text(r, "uscc"), holderIDNumber: optional(r, "holder_id_number"),
                                        holderUSCC: optional(r, "holder_uscc"), role: text(r, "role")))
            }
            for r in try rows(dir, "tenders") {
                b.append(TenderRow(tenderID: text(r, "tender_id"), title: optional(r, "title"), buyerUnitCode: text(r, "buyer_unit_code"),
                                   method: optional(r, "method"), ceiling: try fen(r, "ceiling"), publishedDate: try date(r, "published_date"),
                                   deadline: try instant(r, "deadline"), awardDate: try date(r, "award_date"),
                                   winnerUSCC: optional(r, "winner_uscc"), awardAmount: try fen(r, "award_amount")))
            }
            for r in try rows(dir, "bids") {
                b.append(BidRow(tenderID: text(r, "tender_id"), bidderUSCC: text(r, "bidder_uscc"), bidderName: optional(r, "bidder_name"),
                                amount: try fen(r, "amount") ?? 0, submittedAt: try instant(r, "submitted_at"), status: optional(r, "status"),
                                fileHash: optional(r, "file_hash"), deviceID: optional(r, "device_id"), ip: optional(r, "ip"),
                                bondAccount: optional(r, "bond_account"), contactName: optional(r, "contact_name"),
                                contactPhone: optional(r, "contact_phone")))
            }
            return b.build()
        }
    }

    static let bidRules: [any SupervisionRule] = RuleCatalog.all.filter { $0.code.hasPrefix("bid.") }

    struct Truth { let rule: String; let subject: String; let flag: Bool; let note: String }

    static func truth(_ dir: URL) throws -> [Truth] {
        let text = try String(contentsOf: dir.appendingPathComponent("truth.jsonl"), encoding: .utf8)
        return try text.split(separator: "\n").dropFirst().map { line in
            let o = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: String]
            return Truth(rule: o["rule"]!, subject: o["subject"]!, flag: o["expect"]! == "flag", note: o["note"] ?? "")
        }
    }

    @Test(arguments: [UInt64(7), 21])
    func plantedBidCasesFireAndNearMissesDoNot(seed: UInt64) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sunlight-demo-bids\(seed)-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try DemoGenerator.generate(size: .small, seed: seed, to: dir)
        let data = try Loader.data(dir)
        #expect(Self.bidRules.count == 13)
        let results = scan(data: data, rules: Self.bidRules, context: RuleContext(asOf: DemoGenerator.asOf))
        var found: Set<String> = []
        for result in results {
            #expect(result.status == .computed, "\(result.code): \(result.status)")
            #expect(result.notComputable == 0, "\(result.code): \(result.notComputableReasons.map(\.reasonEn))")
            #expect(result.clear > 0, "\(result.code): nothing judged clear")
            for f in result.findings { found.insert(f.rule + " " + f.subject) }
        }
        let cases = try Self.truth(dir).filter { $0.rule.hasPrefix("bid.") }
        #expect(Set(cases.map(\.rule)) == Set(Self.bidRules.map(\.code)))
        for rule in Self.bidRules.map(\.code) {
            #expect(cases.filter { $0.rule == rule && $0.flag }.count >= 2, "\(rule): fewer than 2 planted cases")
            #expect(cases.contains { $0.rule == rule && !$0.flag }, "\(rule): no near-miss")
        }
        for c in cases {
            let hit = found.contains(c.rule + " " + c.subject)
            if c.flag {
                #expect(hit, "planted case missed: \(c.rule) \(c.subject) (\(c.note))")
            } else {
                #expect(!hit, "near-miss flagged: \(c.rule) \(c.subject) (\(c.note))")
            }
        }
        let planted = Set(cases.filter(\.flag).map { $0.rule + " " + $0.subject })
        let background = found.subtracting(planted).sorted()
        #expect(background.isEmpty, "background findings: \(background.prefix(10))")
    }
}
