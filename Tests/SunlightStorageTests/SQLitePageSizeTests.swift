import Foundation
import Logging
import SQLKit
import SunlightContract
import SunlightImport
import SunlightStorage
import SunlightTestSupport
import Testing

/// New SQLite files get large pages; files made before keep theirs and work as before.
@Suite("SQLite page size")
struct SQLitePageSizeTests {
    static func pragma(_ name: String, on database: SunlightDatabase) async throws -> String {
        try await database.withConnection { sql in
            let row = try await sql.raw(SQLQueryString("PRAGMA \(unsafeRaw: name)")).first()
            let column = try #require(row?.allColumns.first)
            if let number = try? row!.decode(column: column, as: Int.self) { return String(number) }
            return try row!.decode(column: column, as: String.self)
        }
    }

    @Test func aNewDatabaseHasLargePagesInWALMode() async throws {
        try await TestDatabase.with { test async throws in
            #expect(try await Self.pragma("page_size", on: test.database) == "32768")
            #expect(try await Self.pragma("journal_mode", on: test.database) == "wal")
        }
    }

    /// A database made with SQLite's default 4 KiB pages (every Sunlight database before this
    /// change) is opened, migrated and bulk-imported into without its page size changing.
    @Test func anExistingSmallPageDatabaseKeepsItsPages() async throws {
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sunlight-pages-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("old.sqlite").path

        // Made as an older Sunlight made it: 4 KiB pages (rewritten by VACUUM, which only a
        // rollback-journal database may do), then WAL mode.
        let old = try await SunlightDatabase.open(.sqlite(path: path), logger: logger)
        try await old.withConnection { sql in
            for statement in ["PRAGMA journal_mode = DELETE", "PRAGMA page_size = 4096", "VACUUM", "PRAGMA journal_mode = WAL"] {
                _ = try await sql.raw(SQLQueryString(statement)).all()
            }
        }
        try await Migrator(database: old).migrate()
        #expect(try await Self.pragma("page_size", on: old) == "4096")
        await old.shutdown()

        let database = try await SunlightDatabase.open(.sqlite(path: path), logger: logger)
        try await Migrator(database: database).migrate()
        let ledger = Ledger(database: database, keys: try LedgerKeys.loadOrCreate(at: directory.appendingPathComponent("ledger.key")))
        let file = try BulkWriteTests.peopleFile(rows: 1_234, in: directory)
        let report = try await Importer(recorder: Recorder(ledger: ledger)).run(Registry.people, file: file, by: .system())
        #expect(report.status == .committed)
        #expect(report.inserted == 1_234)
        #expect(try await LedgerVerifier(ledger: ledger).verify().isValid)
        #expect(try await Self.pragma("page_size", on: database) == "4096")
        #expect(try await Self.pragma("journal_mode", on: database) == "wal")
        #expect(try await Self.pragma("integrity_check", on: database) == "ok")
        await database.shutdown()
    }
}
