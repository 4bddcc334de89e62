import Crypto
import Foundation
import SQLKit
import SunlightContract
import SunlightDomain
import SunlightImport
import SunlightLedger
@testable import SunlightStorage
import SunlightTestSupport
import Testing

/// The SQLite bulk write path (prepared statements, ledger hashed on its own thread) against
/// the generic SQLKit path: the same rows, the same ledger, the same Merkle tree.
@Suite("Bulk write path")
struct BulkWriteTests {
    /// The ledger, but not as a `BulkChangeSink`: makes a SQLite transaction take the generic path.
    struct GenericLedgerSink: ChangeSink {
        let inner: LedgerSink
        func append(_ changes: [Change], on db: any SQLDatabase) async throws { try await inner.append(changes, on: db) }
    }

    /// A `people` file of `rows` valid rows; `variant` renames every seventh person and adds
    /// `variant * 100` rows at the end, so a second import updates, keeps and inserts.
    static func peopleFile(rows: Int, variant: Int = 0, in directory: URL) throws -> URL {
        var text = "身份证号,姓名,单位编码,职务,人员类别,是否领导干部,任职日期,备注\n"
        for i in 0..<(rows + variant * 100) {
            let birth = LocalDate(dayNumber: -7300 + (i % 9000))
            let first17 = String(format: "360426%04d%02d%02d%03d", birth.year, birth.month, birth.day, (i / 9000) % 1000)
            let check = ResidentID.checkCharacter(for: first17)!
            let name = (variant > 0 && i % 7 == 0 ? "改" : "王") + String(i % 97)
            let note = i % 5 == 0 ? "note \(i)" : ""
            text += "\(first17)\(check),\(name),U\(i % 13),科员,\(i % 2 == 0 ? "公务员" : "other"),\(i % 3 == 0 ? "是" : "否"),2020-01-0\(1 + i % 9),\(note)\n"
        }
        let url = directory.appendingPathComponent("people-\(rows)-\(variant).csv")
        try Data(text.utf8).write(to: url)
        return url
    }

    /// Every row of `table` as text (`quote()` of each column but the timestamps), in `order`.
    static func rows(_ table: String, except: Set<String>, order: String, in database: SunlightDatabase) async throws -> [String] {
        try await database.withConnection { db in
            let columns = try await db.raw(SQLQueryString("SELECT name FROM pragma_table_info(\(literal: table))")).all()
                .map { try $0.decode(column: "name", as: String.self) }.filter { !except.contains($0) }
            let expression = columns.map { "quote(\($0))" }.joined(separator: " || '|' || ")
            return try await db.raw(SQLQueryString("SELECT \(unsafeRaw: expression) AS row FROM \(unsafeRaw: table) ORDER BY \(unsafeRaw: order)"))
                .all().map { try $0.decode(column: "row", as: String.self) }
        }
    }

    static func snapshot(_ database: SunlightDatabase) async throws -> [String] {
        try await rows("people", except: ["created_at", "updated_at"], order: "id", in: database)
            // Leaves and node hashes cover the entries' times, which differ; `verify` checks them.
            + rows("ledger_entries", except: ["at", "leaf_hash"], order: "seq", in: database)
            + rows("sqlite_sequence", except: [], order: "name", in: database)
            + rows("ledger_state", except: ["origin"], order: "id", in: database)
            + [String(try await rows("ledger_nodes", except: ["hash"], order: "id", in: database).count)]
    }

    @Test func bulkAndGenericPathsWriteTheSameRowsAndLedger() async throws {
        try await TestDatabase.with { bulk async throws in
            try await TestDatabase.with { generic async throws in
                let keys = bulk.ledger.keys
                let genericLedger = Ledger(database: generic.database, keys: keys)
                let genericRecorder = Recorder(database: generic.database, sink: GenericLedgerSink(inner: LedgerSink(keys: keys)))
                let first = try Self.peopleFile(rows: 2_345, in: bulk.directory)
                let second = try Self.peopleFile(rows: 2_345, variant: 3, in: bulk.directory)
                // Small batches, several queued for the writer at once (`writesAhead`): the bulk
                // side's order of writes must not depend on how far the reader runs ahead.
                let queued = ImportOptions(batchSize: 97, writesAhead: 4)
                for file in [first, second, second] {
                    let a = try await Importer(recorder: bulk.recorder).run(Registry.people, file: file, options: queued, by: .system())
                    let b = try await Importer(recorder: genericRecorder).run(Registry.people, file: file, by: .system())
                    #expect(a.status == .committed, "\(a.errors.map(\.reportLine))")
                    let counts: [Int] = [a.inserted, a.updated, a.unchanged]
                    let genericCounts: [Int] = [b.inserted, b.updated, b.unchanged]
                    #expect(counts == genericCounts)
                }
                let snapshot = try await Self.snapshot(bulk.database)
                #expect(snapshot.count > 2 * 2_645)
                let genericSnapshot = try await Self.snapshot(generic.database)
                #expect(snapshot == genericSnapshot)
                let checked = try await LedgerVerifier(ledger: bulk.ledger).verify()
                #expect(checked.isValid, "\(checked.problems)")
                #expect(try await LedgerVerifier(ledger: genericLedger).verify().isValid)
            }
        }
    }

    /// A sink that fails on its `failOn`-th append (counting from 1), like a disk gone full.
    final class FailingSink: ChangeSink, @unchecked Sendable {
        let inner: LedgerSink
        let failOn: Int
        // Guarded by `lock`.
        private let lock = NSLock()
        private var appends = 0
        init(inner: LedgerSink, failOn: Int) { self.inner = inner; self.failOn = failOn }
        struct Failure: Error {}
        var appendsSoFar: Int { lock.withLock { appends } }
        func append(_ changes: [Change], on db: any SQLDatabase) async throws {
            let count = lock.withLock { appends += 1; return appends }
            if count == failOn { throw Failure() }
            try await inner.append(changes, on: db)
        }
    }

    /// A write failing while later batches wait behind it: the import fails whole, no queued
    /// batch writes after it, and the database is free for the next import at once.
    @Test func aFailedWriteStopsTheQueuedOnesAndLeavesNothing() async throws {
        try await TestDatabase.with { test async throws in
            let file = try Self.peopleFile(rows: 2_345, in: test.directory)
            let sink = FailingSink(inner: LedgerSink(keys: test.ledger.keys), failOn: 5)
            let failing = Recorder(database: test.database, sink: sink)
            let queued = ImportOptions(batchSize: 97, writesAhead: 4)
            await #expect(throws: FailingSink.Failure.self) {
                _ = try await Importer(recorder: failing).run(Registry.people, file: file, options: queued, by: .system())
            }
            // The four batches queued behind the failed one never reached the sink, and none was
            // still running when the import returned.
            #expect(sink.appendsSoFar == 5)
            #expect(try await RecordStore(database: test.database).count(Registry.people) == 0)
            #expect(try await test.ledger.size() == 0)
            let report = try await Importer(recorder: test.recorder).run(Registry.people, file: file, options: queued, by: .system())
            #expect(report.status == .committed)
            #expect(report.inserted == 2_345)
            #expect(try await LedgerVerifier(ledger: test.ledger).verify().isValid)
        }
    }

    static func unit(_ code: String, _ name: String) -> Record {
        Record(values: ["unit_code": .text(code), "name": .text(name), "kind": .text("department")])
    }

    /// Bulk saves mixed with the transaction's other writes: the ledger takes every change in
    /// the order it was made, and the tree stays whole.
    @Test func bulkSavesInterleavedWithOtherWritesKeepTheirOrder() async throws {
        try await TestDatabase.with { test async throws in
            try await test.recorder.write(by: .system()) { tx in
                let saved = try await tx.save((0..<70).map { Self.unit("D\($0)", "部门\($0)") }, in: Registry.units)
                try await tx.note(.importFile, objectType: "imports", objectID: "1")
                _ = try await tx.update(id: saved[3].id, with: Self.unit("D3", "改名"), in: Registry.units)
                try await tx.save((70..<75).map { Self.unit("D\($0)", "部门\($0)") } + [Self.unit("D5", "又改")], in: Registry.units)
                try await tx.delete(id: saved[0].id, in: Registry.units)
            }
            let actions = try await test.database.withConnection { db in
                try await db.select().columns("action", "object_id").from("ledger_entries").orderBy("seq").all()
                    .map { "\(try $0.decode(column: "action", as: String.self)) \(try $0.decode(column: "object_id", as: String.self))" }
            }
            #expect(actions.count == 79)
            let expected = ["create 1", "create 70", "import 1", "update 4", "update 6", "create 71", "create 75", "delete 1"]
            let picked: [String] = [0, 69, 70, 71, 72, 73, 77, 78].map { actions[$0] }
            #expect(picked == expected)
            #expect(try await LedgerVerifier(ledger: test.ledger).verify().isValid)
        }
    }

    @Test func aNewKeyTwiceInOneBatchIsRefused() async throws {
        try await TestDatabase.with { test async throws in
            let unit = Record(values: ["unit_code": .text("D1"), "name": .text("部门"), "kind": .text("department")])
            await #expect(throws: DuplicateKeyError.self) {
                try await test.recorder.write(by: .system()) { tx in try await tx.save([unit, unit], in: Registry.units) }
            }
            #expect(try await RecordStore(database: test.database).count(Registry.units) == 0)
            #expect(try await test.ledger.size() == 0)
        }
    }

    @Test func theFastHashesAreTheLedgersHashes() throws {
        let keys = LedgerKeys(signing: try LedgerSigningKey.generate(name: "test"))
        // The keyed hash with its pads hashed once is swift-crypto's HMAC-SHA256.
        for value in ["", "110105194912310021", "system", String(repeating: "王", count: 40)] {
            #expect(keys.keyedHash(value) == Hex.encode(HMAC<SHA256>.authenticationCode(for: Data(value.utf8), using: keys.hmacKey)))
        }
        let entry = Data("{\"a\":1}".utf8)
        let leaf = entry.withUnsafeBytes { MerkleHashing.leafHash(bytes: $0) }
        #expect(leaf == MerkleHashing.leafHash(entry))
        var reference = SHA256()
        reference.update(data: [0x01] + leaf.bytes + MerkleHashing.emptyRoot.bytes)
        #expect(MerkleHashing.nodeHash(leaf, MerkleHashing.emptyRoot) == TreeHash(reference.finalize()))
    }
}

extension BulkWriteTests {
    /// Records promised distinct skip the lookup only while the table holds nothing but them:
    /// a later save without the promise, or any other write, brings the lookups back.
    @Test func distinctKeysSkipLookupsOnlyWhileTheyCan() async throws {
        try await TestDatabase.with { test async throws in
            try await test.recorder.write(by: .system()) { tx in
                let first = try await tx.save(tx.prepare([Self.unit("A", "甲"), Self.unit("B", "乙")], distinctKeys: true, in: Registry.units))
                #expect(first == [.inserted(id: 1), .inserted(id: 2)])
                let again = try await tx.save([Self.unit("A", "甲"), Self.unit("C", "丙")], in: Registry.units)
                #expect(again == [.unchanged(id: 1), .inserted(id: 3)])
                let promised = try await tx.save(tx.prepare([Self.unit("B", "乙二"), Self.unit("D", "丁")], distinctKeys: true, in: Registry.units))
                #expect(promised == [.updated(id: 2), .inserted(id: 4)])
            }
            #expect(try await LedgerVerifier(ledger: test.ledger).verify().isValid)
        }
    }
}

extension BulkWriteTests {
    /// Every index of the database, as SQLite keeps its definition.
    static func indexes(_ database: SunlightDatabase) async throws -> [String] {
        try await database.withConnection { db in
            try await db.raw("SELECT name, tbl_name, sql FROM sqlite_schema WHERE type = 'index' ORDER BY name").all().map {
                "\(try $0.decode(column: "name", as: String.self)) \(try $0.decode(column: "tbl_name", as: String.self)) "
                    + (try $0.decode(column: "sql", as: String?.self) ?? "-")
            }
        }
    }

    /// Indexes the bulk path drops while it fills an empty table (`DeferredIndexes`) are all
    /// there again, as they were, after the import commits, after it rolls back, and for the
    /// transaction's own reads after `settle`.
    @Test func deferredIndexesComeBackAfterCommitAndRollback() async throws {
        try await TestDatabase.with { test async throws in
            let before = try await Self.indexes(test.database)
            #expect(before.contains { $0.hasPrefix("people_name people ") })
            #expect(before.contains { $0.hasPrefix("ledger_entries_object ledger_entries ") })
            let bad = test.directory.appendingPathComponent("bad.csv")
            var text = try String(contentsOf: try Self.peopleFile(rows: 1_500, in: test.directory), encoding: .utf8)
            text += "110105194912310021X,错,U1,科员,other,否,2020-01-01,\n"
            try Data(text.utf8).write(to: bad)
            let rejected = try await Importer(recorder: test.recorder).run(Registry.people, file: bad, by: .system())
            #expect(rejected.status == .rejected)
            #expect(try await Self.indexes(test.database) == before)
            let file = try Self.peopleFile(rows: 1_500, in: test.directory)
            let report = try await Importer(recorder: test.recorder).run(Registry.people, file: file, by: .system())
            #expect(report.status == .committed && report.inserted == 1_500)
            #expect(try await Self.indexes(test.database) == before)
            #expect(try await LedgerVerifier(ledger: test.ledger).verify().isValid)
            try await test.recorder.write(by: .system()) { tx in
                try await tx.save(tx.prepare((0..<40).map { Self.unit("E\($0)", "部门\($0)") }, distinctKeys: true, in: Registry.units))
                let during = try await tx.sql.raw("SELECT name FROM sqlite_schema WHERE name = 'units_parent_code'").all()
                #expect(during.isEmpty, "deferred while the empty table is filled")
                try await tx.settle()
                let plan = try await tx.sql.raw("EXPLAIN QUERY PLAN SELECT id FROM units WHERE parent_code = 'E1'").all()
                    .map { try $0.decode(column: "detail", as: String.self) }
                #expect(plan.contains { $0.contains("units_parent_code") }, "\(plan)")
                // The index builds ran with a smaller cache and sort threads: both are back.
                let cache = try await tx.sql.raw("PRAGMA cache_size").first()?.decode(column: "cache_size", as: Int64.self)
                #expect(cache == -SQLiteBulkConnection.cacheKiB)
                let threads = try await tx.sql.raw("PRAGMA threads").first()?.decode(column: "threads", as: Int64.self)
                #expect(threads == 0)
            }
        }
    }
}
