import Foundation
import SunlightDomain
import Testing
@testable import SunlightRules

/// A deterministic synthetic county/province, for checking that no rule is quadratic.
/// `SUNLIGHT_RULES_SCALE=1` gives province size (3M benefits, 1M payments, 1M people…); the
/// always-on test runs a small slice. Not a benchmark command: timings are only printed.
enum Synthetic {
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    static func data(scale: Double) -> SupervisionData {
        var g = Generator(state: 42)
        var b = SupervisionDataBuilder()
        let people = max(1000, Int(1_000_000 * scale))
        let ids = (0..<people).map { i in
            rid(String(1940 + i % 60) + "0101", i % 1000, region: String(110000 + i / 1000))
        }
        let units = max(10, Int(2000 * scale))
        for u in 0..<units { b.append(UnitRow(code: "U\(u)", name: "单位\(u)", kind: u % 5 == 0 ? "village" : "department")) }
        let categories = ["civil_servant", "institution_staff", "soe_manager", "village_cadre", "other"]
        for i in stride(from: 0, to: people, by: 4) {
            b.append(PersonRow(idNumber: ids[i], name: "人\(i)", unitCode: "U\(g.next(units))", category: categories[g.next(5)],
                               since: day("2015-01-01").adding(days: g.next(3000))))
        }
        for h in 0..<(people * 3 / 10) {
            for k in 0..<3 { b.append(HouseholdRow(householdID: "H\(h)", idNumber: ids[(h * 3 + k) % people], villageCode: "U\((h % (units / 5)) * 5)")) }
        }
        for _ in 0..<(people / 5) {
            b.append(RelativeRow(idNumber: ids[g.next(people)], relativeIDNumber: ids[g.next(people)], relation: "sibling"))
        }
        for _ in 0..<(people * 3 / 100) { b.append(DeathRow(idNumber: ids[g.next(people)], deathDate: day("2023-01-01").adding(days: g.next(700)))) }
        let companies = max(100, people / 10)
        for c in 0..<companies {
            let uscc = "91" + String(1_000_000_000_000_000 + c).suffix(16)
            b.append(CompanyRow(uscc: uscc, name: "公司\(c)", legalRepIDNumber: ids[g.next(people)],
                                established: day("2010-01-01").adding(days: g.next(5000)),
                                status: c % 10 == 0 ? "deregistered" : "active", statusDate: day("2024-01-01").adding(days: g.next(500))))
            b.append(CompanyRoleRow(uscc: uscc, holderIDNumber: ids[g.next(people)], role: "shareholder"))
        }
        for v in 0..<(people / 5) {
            b.append(VehicleRow(plate: "赣A\(v)", ownerIDNumber: ids[g.next(people)], vehicleType: v % 3 == 0 ? "摩托车" : "小型轿车",
                                registered: day("2015-01-01").adding(days: g.next(3000))))
        }
        let programs = ["城市低保", "农村低保", "特困供养", "高龄津贴", "残疾人补贴"]
        let recipients = people * 6 / 10
        for r in 0..<recipients {
            let program = programs[r % 5]
            let start = g.next(12)
            for m in 0..<5 {
                b.append(BenefitRow(program: program, period: YearMonth(year: 2024, month: 1)!.adding(months: start + m),
                                    idNumber: r % 997 == 0 ? "BAD\(r)" : ids[r], name: "人\(r)", householdID: nil,
                                    villageCode: nil, amount: Int64(20000 + g.next(50000)), account: "6222\(r / 2)"))
            }
        }
        let payees = max(100, Int(50_000 * scale))
        for p in 0..<max(1000, Int(1_000_000 * scale)) {
            let payee = g.next(payees)
            // Per-unit voucher sequences, with a gap now and then.
            let sequence = p / units + (p / units) / 500
            b.append(PaymentRow(voucherNo: "记-\(sequence)", unitCode: "U\(p % units)", date: day("2024-01-01").adding(days: g.next(700)),
                                payeeName: "收款方\(payee)", payeeCode: payee < companies ? "91" + String(1_000_000_000_000_000 + payee).suffix(16) : nil,
                                amount: Int64(100 + g.next(200_000_000)), category: ["general", "project", "reception", "vehicles"][g.next(4)],
                                projectCode: "P\(p % units)", approverIDNumber: ids[g.next(people)]))
        }
        for u in 0..<units {
            for cat in ["general", "reception"] { b.append(BudgetRow(year: 2024, unitCode: "U\(u)", category: cat, amount: 100_000_000)) }
        }
        for p in 0..<max(100, Int(50_000 * scale)) {
            b.append(ProjectRow(projectCode: "P\(p)", name: "项目\(p)", unitCode: "U\(p % units)", approvedBudget: 1_000_000_00,
                                fundingSource: p % 7 == 0 ? nil : "财政", contractAmount: Int64(g.next(2_000_000_00)),
                                status: "accepted", acceptedDate: day("2022-01-01").adding(days: g.next(1000))))
        }
        // Tenders of 3–6 bidders from a pool of companies per buyer (so that sets repeat now and then),
        // with devices, bonds and contacts mostly the bidder's own.
        let methods = ["open", "open", "invited", "inquiry", "competitive_negotiation"]
        let statuses = ["valid", "valid", "valid", "valid", "disqualified", "withdrawn", ""]
        func companyUSCC(_ c: Int) -> String { "91" + String(1_000_000_000_000_000 + c).suffix(16) }
        for t in 0..<max(200, Int(100_000 * scale)) {
            let unit = t % units
            let published = day("2024-01-01").adding(days: g.next(700))
            let n = 3 + g.next(4)
            let bidders = (0..<n).map { k in (unit * 37 + g.next(12) * 7 + k * 131) % companies }
            guard Set(bidders).count == n else { continue }
            let ceiling = Int64(1_000_000 + g.next(500_000_000))
            let winner = g.next(8) == 0 ? nil : bidders[g.next(n)]
            b.append(TenderRow(tenderID: "ZB\(t)", title: "招标\(t)", buyerUnitCode: "U\(unit)", method: methods[g.next(methods.count)],
                               ceiling: ceiling, publishedDate: published,
                               deadline: published.adding(days: 10 + g.next(20)).startInstant().addingTimeInterval(9.5 * 3600),
                               awardDate: winner == nil ? nil : published.adding(days: 35), winnerUSCC: winner.map(companyUSCC)))
            for c in bidders {
                b.append(BidRow(tenderID: "ZB\(t)", bidderUSCC: companyUSCC(c), bidderName: "公司\(c)",
                                amount: ceiling * Int64(85 + g.next(15)) / 100, status: statuses[g.next(statuses.count)],
                                fileHash: String(g.next(1_000_000_000), radix: 16), deviceID: "MAC-\(g.next(50) == 0 ? 0 : c)",
                                ip: "10.\(g.next(256)).\(g.next(256)).\(g.next(256))", bondAccount: "6228 \(c)",
                                contactName: "联系人\(c)", contactPhone: "139-\(10_000_000 + c)"))
            }
        }
        for c in 0..<max(100, Int(200_000 * scale)) {
            let received = day("2024-01-01").adding(days: g.next(600)).startInstant()
            b.append(ServiceCaseRow(caseNo: "C\(c)", matter: "事项", unitCode: "U\(c % units)", receivedAt: received,
                                    completedAt: c % 4 == 0 ? nil : received.addingTimeInterval(Double(g.next(40)) * 86_400),
                                    timeLimitDays: 10))
        }
        return b.build()
    }

    static func scanAll(scale: Double) -> (build: Double, scan: Double, results: [RuleResult]) {
        let t0 = Date()
        let data = data(scale: scale)
        let t1 = Date()
        let results = scan(data: data, context: RuleContext(asOf: day("2025-12-31")))
        let t2 = Date()
        return (t1.timeIntervalSince(t0), t2.timeIntervalSince(t1), results)
    }
}

struct SyntheticScaleTests {
    @Test func smallSyntheticCountyRunsEveryRule() {
        let (_, _, results) = Synthetic.scanAll(scale: 0.002)
        #expect(results.count == RuleCatalog.all.count)
        for result in results {
            // The synthetic data has no OCDS processes: Cardinal's rules say so.
            let cardinal = RuleCatalog.rule(code: result.code) is CardinalIndicatorRule
            #expect(cardinal ? result.status != .computed : result.status == .computed, "\(result.code)")
            #expect(result.findings.count == result.flagged)
            #expect(Set(result.findings.map(\.subject)).count == result.findings.count, "\(result.code): one finding per subject")
            let subjects = result.findings.map(\.subject)
            #expect(subjects == subjects.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }, "\(result.code): sorted")
        }
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["SUNLIGHT_RULES_SCALE"] != nil))
    func provinceScale() {
        let scale = Double(ProcessInfo.processInfo.environment["SUNLIGHT_RULES_SCALE"] ?? "1") ?? 1
        let (build, scanTime, results) = Synthetic.scanAll(scale: scale)
        print("synthetic scale \(scale): data generated and built in \(build) s; all rules in \(scanTime) s")
        for r in results { print("  \(r.code): flagged \(r.flagged), clear \(r.clear), not computable \(r.notComputable)") }
        let data = Synthetic.data(scale: scale)
        for rule in RuleCatalog.all {
            let start = Date()
            _ = rule.evaluate(data, RuleContext(asOf: day("2025-12-31")))
            print("  \(rule.code): \(Date().timeIntervalSince(start)) s alone")
        }
        #expect(results.count == RuleCatalog.all.count)
    }
}
