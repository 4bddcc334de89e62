import Foundation
import Hummingbird
import HummingbirdTesting
import SQLKit
import SunlightDemo
import SunlightImport
import SunlightRules
import SunlightStorage
import SunlightTestSupport
import SunlightWeb
import Testing

@Suite("Findings over the web")
struct FindingsWebTests {
    /// The web fixture with the small demo county imported and scanned.
    static func fixture() async throws -> WebFixture {
        let fixture = try await WebFixture.make()
        let directory = fixture.test.directory.appendingPathComponent("demo")
        try DemoGenerator.generate(size: .small, seed: 3, to: directory)
        let reports = try await DirectoryImport(importer: Importer(recorder: fixture.test.recorder)).run(directory, by: .system())
        precondition(reports.allSatisfy(\.isWritten), "demo county did not import")
        _ = try await ScanService(recorder: fixture.test.recorder).run(ScanRequest(asOf: DemoGenerator.asOf), by: .system())
        return fixture
    }

    static func firstFinding(_ fixture: WebFixture, rule: String) async throws -> StoredFinding {
        let page = try await FindingStore(recorder: fixture.test.recorder).list(FindingQuery(rule: rule), reach: .everywhere)
        return try #require(page.items.first)
    }

    /// Issue 19, finding 6: scans started from the web ran their rules on the cooperative pool,
    /// and three at once held enough connections to keep `/healthz` waiting 2.6 s. Rules now run
    /// on threads of their own (`BackgroundWorkTests`) and one scan runs at a time (the others
    /// are told so): `/healthz` answers at once throughout.
    ///
    /// A timed test: it runs only with `SUNLIGHT_TIMING_TESTS=1`, alone (`.ci/run` does so after
    /// the suite), because the suite's own parallel tests would load the machine it measures.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["SUNLIGHT_TIMING_TESTS"] == "1"))
    func healthzAnswersWhileScansRun() async throws {
        let fixture = try await Self.fixture()
        try await fixture.run { client in
            var browser = Browser(client)
            try await browser.login("admin")
            try await browser.get("/rules")
            let scanner = browser
            let clock = ContinuousClock()
            let running = ManagedAtomicFlag()
            async let scans: [HTTPResponse.Status] = withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<3 {
                    group.addTask {
                        var own = scanner
                        return try await own.post("/rules/scan", form: ["as_of": DemoGenerator.asOf.iso]).status
                    }
                }
                var statuses: [HTTPResponse.Status] = []
                for try await status in group { statuses.append(status) }
                running.clear()
                return statuses
            }
            var worst: Duration = .zero
            var polls = 0
            try await Task.sleep(for: .milliseconds(50))
            while running.isSet {
                let start = clock.now
                let health = try await client.execute(uri: "/healthz", method: .get)
                #expect(health.status == .ok)
                worst = max(worst, clock.now - start)
                polls += 1
                try await Task.sleep(for: .milliseconds(20))
            }
            let statuses = try await scans
            #expect(statuses.contains(.ok) && statuses.allSatisfy { $0 == .ok || $0 == .conflict })
            #expect(polls > 0)
            #expect(worst < .milliseconds(200), "worst /healthz during the scans: \(worst) over \(polls) polls")
        }
    }

    @Test func inspectorsFilterExplainReviewAndExport() async throws {
        let fixture = try await Self.fixture()
        let deceased = try await Self.firstFinding(fixture, rule: "benefit.deceased")
        let split = try await Self.firstFinding(fixture, rule: "payment.split")
        let test = fixture.test
        try await fixture.run { client in
            var browser = Browser(client)
            try await browser.login("inspector")
            let list = try await browser.get("/findings?rule=benefit.deceased")
            #expect(list.status == .ok)
            #expect(list.text.contains("/findings/\(deceased.id)"))
            #expect(!list.text.contains("/findings/\(split.id)\""))

            // The detail explains the finding, shows its evidence and draws the periods after the death.
            let detail = try await browser.get("/findings/\(deceased.id)")
            #expect(detail.status == .ok)
            #expect(detail.text.contains(deceased.summaryZh))
            #expect(detail.text.contains("<svg") && detail.text.contains("role=\"img\""))
            #expect(detail.text.contains("/registry/people?q="))
            let timeline = try await browser.get("/findings/\(split.id)")
            #expect(timeline.text.contains("<polyline"))

            // Dismissing needs a reason; with one it is recorded, in the trail and the ledger.
            let refused = try await browser.post("/findings/\(deceased.id)/review", form: ["action": "dismiss", "reason": " "])
            #expect(refused.status == .unprocessableContent)
            let dismissed = try await browser.post("/findings/\(deceased.id)/review", form: ["action": "dismiss", "reason": "已核实为代领后退回"])
            #expect(dismissed.status == .ok && dismissed.text.contains("已核实为代领后退回"))
            let again = try await browser.post("/findings/\(deceased.id)/review", form: ["action": "confirm"])
            // Confirming a dismissed (closed) finding: the state does not allow it now (409).
            #expect(again.status == .conflict)
            let reopened = try await browser.post("/findings/\(deceased.id)/review", form: ["action": "reopen", "reason": "复查"])
            #expect(reopened.status == .ok)
            // Assignment takes an account from the picker: a name that is no account (or one
            // that does not review findings) is refused and changes nothing.
            #expect(reopened.text.contains("<option value=\"auditor\">") && !reopened.text.contains("<option value=\"leader\">"))
            for nobody in ["李四", "leader"] {
                let refusedAssignee = try await browser.post("/findings/\(deceased.id)/review", form: ["action": "assign", "assignee": nobody])
                #expect(refusedAssignee.status == .unprocessableContent && refusedAssignee.text.contains("不是可承办此线索的在用账号"))
            }
            let assigned = try await browser.post("/findings/\(deceased.id)/review", form: ["action": "assign", "assignee": "auditor"])
            #expect(assigned.status == .ok && assigned.text.contains("<option value=\"auditor\" selected>"))
            let confirmed = try await browser.post("/findings/\(deceased.id)/review", form: ["action": "confirm", "reason": "属实"])
            #expect(confirmed.status == .ok)

            let rules = try await browser.get("/rules")
            #expect(rules.status == .ok && rules.text.contains("benefit.deceased") && rules.text.contains("100%"))

            let csv = try await browser.get("/findings/export.csv?rule=payment.split")
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(csv.text.contains("payment.split") && !csv.text.contains("benefit.deceased"))
            let xlsx = try await browser.get("/findings/export.xlsx")
            #expect(xlsx.status == .ok && xlsx.body.readableBytes > 1000)
            let reviews = try await test.database.withConnection { db in
                try await db.select().column("seq").from("ledger_entries").where("action", .equal, "review").all().count
            }
            #expect(reviews == 4)   // dismiss, reopen, assign, confirm: the refused steps left no trace
        }
    }

    @Test func accessFollowsRoleAndUnit() async throws {
        let fixture = try await Self.fixture()
        let finding = try await Self.firstFinding(fixture, rule: "payment.duplicate")
        try await fixture.run { client in
            var witness = Browser(client)
            try await witness.login("witness")
            #expect(try await witness.get("/findings").status == .forbidden)

            // The officer's unit (from the registry fixture) holds none of the demo county's findings.
            var officer = Browser(client)
            try await officer.login("officer")
            #expect(try await officer.get("/findings/\(finding.id)").status == .notFound)

            var leader = Browser(client)
            try await leader.login("leader")
            #expect(try await leader.get("/findings/\(finding.id)").status == .ok)
            let attempt = try await leader.post("/findings/\(finding.id)/review", form: ["action": "confirm"])
            #expect(attempt.status == .forbidden)
            #expect(try await leader.get("/rules/settings").status == .forbidden)
        }
    }

    @Test func parametersAreValidatedAndSavedByAdmins() async throws {
        let fixture = try await WebFixture.make()
        let test = fixture.test
        try await fixture.run { client in
            var admin = Browser(client)
            try await admin.login("admin")
            #expect(try await admin.get("/rules/settings").status == .ok)
            let bad = try await admin.post("/rules/settings", form: ["payment.duplicate:window_days": "-3"])
            #expect(bad.status == .unprocessableContent && bad.text.contains("aria-invalid=\"true\""))
            let good = try await admin.post("/rules/settings", form: ["payment.duplicate:window_days": "45"])
            #expect(good.status == .ok)
            // The scan reads the saved value.
            let saved = try await RuleSettingsStore(recorder: test.recorder).current()
            #expect(saved.value(rule: "payment.duplicate", name: "window_days") == "45")

            // Cardinal's sections: kept with the form's values, shown again, errors with their line.
            let cardinal = "currency = CNY\n[R024]\nthreshold = 0.1\n"
            let both = try await admin.post("/rules/settings", form: ["payment.duplicate:window_days": "45", "cardinal": cardinal])
            #expect(both.status == .ok && both.text.contains("[R024]"))
            let kept = try await RuleSettingsStore(recorder: test.recorder).current()
            #expect(kept.cardinal.currency == "CNY" && kept.cardinal.r024?.threshold == 0.1)
            #expect(kept.value(rule: "payment.duplicate", name: "window_days") == "45")
            #expect(try await admin.get("/rules/settings").text.contains("threshold = 0.1"))
            let badCardinal = try await admin.post("/rules/settings", form: ["cardinal": "[R003]\nthreshold = ten\n"])
            #expect(badCardinal.status == .unprocessableContent && badCardinal.text.contains("id=\"cardinal-error\""))
            #expect(badCardinal.text.contains("第 2 行") || badCardinal.text.contains("line 2"))
            let ownRule = try await admin.post("/rules/settings", form: ["cardinal": "[payment.split]\nwindow_days = 40\n"])
            #expect(ownRule.status == .unprocessableContent)
            // Nothing of the refused posts was saved.
            #expect(try await RuleSettingsStore(recorder: test.recorder).current() == kept)
        }
    }
}

/// A flag set until the scans finish (the poller reads it from another task).
private final class ManagedAtomicFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = true
    var isSet: Bool { lock.withLock { value } }
    func clear() { lock.withLock { value = false } }
}
