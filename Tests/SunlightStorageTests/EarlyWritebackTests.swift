import Foundation
import SunlightContract
@testable import SunlightStorage
import SunlightTestSupport
import Testing

@Suite("Early writeback")
struct EarlyWritebackTests {
    /// The timer runs only for a file that opens, starts once, and stays stopped after `stop`.
    @Test func startsForRealFilesOnceAndStopsForGood() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("writeback-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("county.sqlite").path
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))

        let none = EarlyWriteback()
        none.start(path: "")
        #expect(!none.isRunning, "an in-memory database has no file")
        none.start(path: directory.appendingPathComponent("missing.sqlite").path)
        #expect(!none.isRunning, "no file to write back")

        let writeback = EarlyWriteback()
        writeback.start(path: file)
        #if os(Linux)
        #expect(writeback.isRunning)
        #else
        #expect(!writeback.isRunning, "sync_file_range is Linux's")
        #endif
        writeback.start(path: file)
        writeback.stop()
        #expect(!writeback.isRunning)
        writeback.start(path: file)
        #expect(!writeback.isRunning, "stopped for good")
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
