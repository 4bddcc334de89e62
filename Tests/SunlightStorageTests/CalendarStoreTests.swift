import Foundation
import SQLKit
import SunlightDomain
import SunlightRegime
import SunlightStorage
import SunlightTestSupport
import Testing

@Suite("The working-day calendar in force: notices entered over provisional years; calculations leave nothing behind")
struct CalendarStoreTests {
    static func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sunlight-calendar-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test func aCalculationWithoutADatabaseCreatesNoFile() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("sunlight.sqlite").path
        let calendar = try await CalendarStore.calendar(forCalculationAt: .sqlite(path: path)).withProvisionalYears()
        // Shipped notices and the provisional 2027: 15 working days from 2026-12-20 = 2027-01-11.
        #expect(calendar.years.map(\.year) == [2023, 2024, 2025, 2026])
        #expect(calendar.addingWorkingDays(15, to: LocalDate(year: 2026, month: 12, day: 20)!) == LocalDate(year: 2027, month: 1, day: 11))
        #expect(calendar.isProvisional(LocalDate(year: 2027, month: 1, day: 11)!))
        // Nothing was created: no database, no ledger key, no directory.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
        let nested = directory.appendingPathComponent("data/sunlight.sqlite").path
        _ = try await CalendarStore.calendar(forCalculationAt: .sqlite(path: nested))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    @Test func aCalculationReadsAnUnmigratedDatabaseWithoutMigratingIt() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let location = DatabaseLocation.sqlite(path: directory.appendingPathComponent("old.sqlite").path)
        let created = try await SunlightDatabase.open(location, sharing: .sequential)
        try await created.withConnection { try await $0.raw("CREATE TABLE unrelated (id INTEGER)").run() }
        await created.shutdown()

        let calendar = try await CalendarStore.calendar(forCalculationAt: location)
        #expect(calendar.years.map(\.year) == [2023, 2024, 2025, 2026])
        let reopened = try await SunlightDatabase.open(location, sharing: .sequential)
        let tables = try await reopened.withConnection { db in
            try await db.raw("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all()
                .map { try $0.decode(column: "name", as: String.self) }
        }
        await reopened.shutdown()
        #expect(tables == ["unrelated"])   // no schema_migrations, no calendar_years: nothing migrated
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("old.sqlite.ledger-key").path))
    }

    @Test(arguments: TestBackend.available)
    func anEnteredNoticeReplacesTheProvisionalYear(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { test async throws in
            let store = CalendarStore(recorder: test.recorder)
            let december = LocalDate(year: 2026, month: 12, day: 7)!
            let before = try await store.calendar()
            #expect(before.withProvisionalYears().provisionalYear(2027) != nil)
            #expect(try await store.missingNotice(today: december)?.year == 2027)
            let rule = try #require(Regime.shipped.deadlines.rule("report.acceptance_notice"))
            let start = LocalDate(year: 2027, month: 1, day: 25)!
            let provisional = try DeadlineEngine(calendar: before).due(rule, from: start)
            #expect(provisional.date == LocalDate(year: 2027, month: 2, day: 19))
            #expect(provisional.provisional)

            // A notice for 2027 as it might be published (made up for the test).
            try await store.add(year: 2027, holidays: "01-01…01-03, 02-05…02-13", makeUpWorkdays: "01-31, 02-20", by: .system())
            let after = try await store.calendar()
            #expect(after.hasNotice(for: 2027))
            #expect(after.withProvisionalYears().provisionalYear(2027) == nil)
            #expect(try await store.missingNotice(today: december) == nil)
            let exact = try DeadlineEngine(calendar: after).due(rule, from: start)
            #expect(exact.date == LocalDate(year: 2027, month: 2, day: 20))
            #expect(!exact.provisional)
            // Read as the calculator reads it: the same entered year, without the ledger.
            let readOnly = try await CalendarStore.calendar(readingOnly: test.database)
            #expect(readOnly.hasNotice(for: 2027))
            if let path = test.sqlitePath {
                let calculated = try await CalendarStore.calendar(forCalculationAt: .sqlite(path: path))
                #expect(calculated.isWorkingDay(LocalDate(year: 2027, month: 2, day: 20)!) == true)
            }
        }
    }
}
