import Foundation
import SQLKit
import SunlightContract
@testable import SunlightStorage
import SunlightTestSupport
import Testing

/// A bulk transaction of a sequential process writes the file through a rollback journal when
/// it has the file to itself, and otherwise keeps the write-ahead log (`BulkJournal`).
@Suite("Bulk journal")
struct BulkJournalTests {
    static func mode(_ db: any SQLDatabase) async throws -> (journal: String, synchronous: Int) {
        let journal = try await db.raw("PRAGMA journal_mode").first()?.decode(column: "journal_mode", as: String.self)
        let synchronous = try await db.raw("PRAGMA synchronous").first()?.decode(column: "synchronous", as: Int.self)
        return (journal ?? "?", synchronous ?? -1)
    }

    static func units(_ prefix: String, _ count: Int) -> [Record] {
        (0..<count).map { BulkWriteTests.unit("\(prefix)\($0)", "部门\($0)") }
    }

    static func count(_ table: String, in database: SunlightDatabase) async throws -> Int {
        try await database.withConnection { db in
            try await db.raw(SQLQueryString("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)")).first()!.decode(column: "n", as: Int.self)
        }
    }

    /// Alone on the file: a rollback journal with full sync during the transaction, the
    /// write-ahead log with normal sync after it, and what it wrote is there, ledger and all.
    @Test func aSequentialBulkTransactionWritesTheFileDirectly() async throws {
        try await TestDatabase.with(sharing: .sequential) { test async throws in
            let inside = try await test.recorder.write(by: .system(), bulk: true) { tx in
                try await tx.save(tx.prepare(Self.units("B", 500), distinctKeys: true, in: Registry.units))
                return try await Self.mode(tx.sql)
            }
            #expect(inside.journal == "delete")
            #expect(inside.synchronous == 2, "FULL while the journal is used")
            let after = try await test.database.withConnection { try await Self.mode($0) }
            #expect(after.journal == "wal")
            #expect(after.synchronous == 1, "NORMAL again, as the connection was opened")
            #expect(try await Self.count("units", in: test.database) == 500)
            #expect(!FileManager.default.fileExists(atPath: test.sqlitePath! + "-journal"))

            // A transaction not marked bulk keeps the log.
            let ordinary = try await test.recorder.write(by: .system()) { tx in
                try await tx.save(tx.prepare(Self.units("O", 3), in: Registry.units))
                return try await Self.mode(tx.sql)
            }
            #expect(ordinary.journal == "wal")
            #expect(try await LedgerVerifier(ledger: test.ledger).verify().isValid)
        }
    }

    /// A bulk transaction that fails is rolled back from the journal: nothing of it stays, and
    /// the connection is back in WAL mode.
    @Test func aFailedBulkTransactionLeavesNothing() async throws {
        try await TestDatabase.with(sharing: .sequential) { test async throws in
            try await test.recorder.write(by: .system()) { tx in
                try await tx.save(tx.prepare(Self.units("K", 2), in: Registry.units))
            }
            await #expect(throws: Failure.self) {
                try await test.recorder.write(by: .system(), bulk: true) { tx in
                    try await tx.save(tx.prepare(Self.units("R", 2_000), distinctKeys: true, in: Registry.units))
                    #expect(try await Self.mode(tx.sql).journal == "delete")
                    throw Failure()
                }
            }
            #expect(try await Self.count("units", in: test.database) == 2)
            #expect(try await Self.count("ledger_entries", in: test.database) == 2)
            #expect(try await test.database.withConnection { try await Self.mode($0) }.journal == "wal")
            #expect(try await LedgerVerifier(ledger: test.ledger).verify().isValid)
        }
    }

    /// Another connection open on the file (here this process's own; a server's does the
    /// same): the bulk transaction keeps the write-ahead log, without waiting, and commits.
    @Test func anotherConnectionKeepsTheLog() async throws {
        try await TestDatabase.with(sharing: .sequential) { test async throws in
            let inside = try await test.database.withConnection { other in
                _ = try await other.raw("SELECT COUNT(*) FROM units").all()
                return try await test.recorder.write(by: .system(), bulk: true) { tx in
                    try await tx.save(tx.prepare(Self.units("S", 10), distinctKeys: true, in: Registry.units))
                    return try await Self.mode(tx.sql)
                }
            }
            #expect(inside.journal == "wal")
            #expect(inside.synchronous == 1)
            #expect(try await Self.count("units", in: test.database) == 10)
        }
    }

    /// The server's database (`.concurrent`) never leaves the log: its readers read beside the writer.
    @Test func aServersBulkTransactionKeepsTheLog() async throws {
        try await TestDatabase.with { test async throws in
            let inside = try await test.recorder.write(by: .system(), bulk: true) { tx in
                try await tx.save(tx.prepare(Self.units("C", 10), distinctKeys: true, in: Registry.units))
                return try await Self.mode(tx.sql)
            }
            #expect(inside.journal == "wal")
        }
    }

    struct Failure: Error {}
}
