import Foundation
import SQLKit
import SunlightContract
@testable import SunlightStorage
import SunlightTestSupport
import Testing

@Suite("Early writeback")
struct EarlyWritebackTests {
    /// The writeback borrows SQLite's own descriptors of the database and its WAL: it opens none
    /// (so it can never close one), starts once and stays stopped after `stop`.
    @Test func usesSQLitesOwnDescriptorsAndOpensNone() async throws {
        try await TestDatabase.with { test async throws in
            let path = try #require(test.sqlitePath)
            try await test.recorder.write(by: .system()) { tx in
                try await tx.save(tx.prepare([BulkWriteTests.unit("D0", "部门")], in: Registry.units))
                let connection = try #require(await tx.bulk.connection(on: tx.sql))
                let before = Self.descriptors(of: path)
                let writeback = EarlyWriteback()
                writeback.start(connection: connection.handle)
                #expect(Self.descriptors(of: path) == before, "no descriptor of its own")
                #if os(Linux)
                #expect(writeback.isRunning)
                let used = writeback.descriptorsInUse
                #expect(used.count == 2, "the database and its WAL")
                #expect(used.allSatisfy { SQLiteFileDescriptors.isDescriptor($0, of: path) || SQLiteFileDescriptors.isDescriptor($0, of: path + "-wal") })
                #endif
                writeback.stop()
                #expect(!writeback.isRunning)
                writeback.start(connection: connection.handle)
                #expect(!writeback.isRunning, "stopped for good")
            }
        }
    }

    /// The regression of issue 18: after an import, the process must still hold SQLite's locks on
    /// the database file. Closing a descriptor of our own dropped them all (POSIX locks are the
    /// process's), and another client then took the live WAL for abandoned and deleted it.
    @Test func anImportLeavesTheProcesssLocksOnTheDatabase() async throws {
        #if os(Linux)
        try await TestDatabase.with { test async throws in
            let path = try #require(test.sqlitePath)
            let recorder = test.recorder
            // A connection that has read the WAL database holds its SHARED lock until it closes;
            // this one stays open (checked out) through the import.
            try await test.database.withConnection { db in
                _ = try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("units").first()
                let held = try Self.posixLocks(on: path)
                #expect(held > 0, "SQLite holds a lock on a WAL database it has open")
                let units = (1..<50).map { BulkWriteTests.unit("L\($0)", "部门\($0)") }
                try await recorder.write(by: .system()) { tx in
                    try await tx.save(tx.prepare(units, distinctKeys: true, in: Registry.units))
                    #expect(tx.bulk.isWritingBack)
                    try await Task.sleep(for: .milliseconds(250))
                }
                #expect(try Self.posixLocks(on: path) >= held, "the import's writeback dropped no lock")
            }
        }
        #endif
    }

    /// This process's open descriptors of the database at `path` and its WAL (other tests run
    /// beside this one, so only these are counted).
    static func descriptors(of path: String) -> Set<String> {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return Set(names.filter { name in
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/" + name) else { return false }
            return target == path || target == path + "-wal"
        })
    }

    /// The POSIX locks this process holds on the file at `path` (from `/proc/locks`).
    static func posixLocks(on path: String) throws -> Int {
        var info = stat()
        guard stat(path, &info) == 0 else { return 0 }
        let inode = ":\(info.st_ino)"
        let pid = String(getpid())
        // Read to the end: a /proc file reports size 0, and many tests' locks fill more than a page.
        guard let handle = FileHandle(forReadingAtPath: "/proc/locks") else { return 0 }
        defer { try? handle.close() }
        let table = String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
        return table.split(separator: "\n").filter { line in
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            return fields.contains("POSIX") && fields.contains(Substring(pid)) && fields.contains { $0.hasSuffix(inode) && $0.contains(":") }
        }.count
    }

    /// An import's write transaction on SQLite's bulk path starts the writeback of its database
    /// and stops it once the transaction (with its commit and checkpoint) is over; so does one
    /// that fails. A form's save (no promise of distinct keys) does not start it.
    @Test func runsWhileAnImportTransactionDoesAndStopsAfterIt() async throws {
        try await TestDatabase.with { test async throws in
            let units = (0..<20).map { BulkWriteTests.unit("W\($0)", "部门\($0)") }
            let bulk = try await test.recorder.write(by: .system()) { tx in
                try await tx.save(tx.prepare([BulkWriteTests.unit("F1", "表单")], in: Registry.units))
                #expect(!tx.bulk.isWritingBack, "a form's record")
                try await tx.save(tx.prepare(units, distinctKeys: true, in: Registry.units))
                #if os(Linux)
                #expect(tx.bulk.isWritingBack)
                #endif
                return tx.bulk
            }
            #expect(!bulk.isWritingBack)

            let failed = LockedValue<BulkPath?>(nil)
            await #expect(throws: TestFailure.self) {
                try await test.recorder.write(by: .system()) { tx in
                    try await tx.save(tx.prepare([BulkWriteTests.unit("W99", "部门")], distinctKeys: true, in: Registry.units))
                    #if os(Linux)
                    #expect(tx.bulk.isWritingBack)
                    #endif
                    failed.mutate { $0 = tx.bulk }
                    throw TestFailure()
                }
            }
            let rolledBack = try #require(failed.value)
            #expect(!rolledBack.isWritingBack)
        }
    }

    struct TestFailure: Error {}
}

