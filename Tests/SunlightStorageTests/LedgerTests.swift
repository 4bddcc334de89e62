import Foundation
import SQLKit
import SunlightContract
@testable import SunlightStorage
import SunlightImport
import SunlightLedger
import SunlightTestSupport
import Testing

/// The ledger under the write path: tamper with a real database by raw SQL and `verify` must
/// say so, naming the record or entry.
@Suite("Tamper-evident ledger")
struct LedgerTests {
    static func seeded(_ test: TestDatabase) async throws {
        for dataset in Registry.all {
            let report = try await Importer(recorder: test.recorder).run(dataset, file: Fixtures.registry("\(dataset.name).csv"), by: .system())
            precondition(report.isWritten)
        }
    }

    static func raw(_ test: TestDatabase, _ sql: String) async throws {
        try await test.database.withConnection { try await $0.raw(SQLQueryString(sql)).run() }
    }

    static func verify(_ test: TestDatabase, checkpoints: [String] = []) async throws -> VerificationReport {
        try await LedgerVerifier(ledger: test.ledger).verify(checkpoints: checkpoints)
    }

    /// Indexes SQLite keeps beside the table for its primary key (none when the key is the row id).
    static func primaryKeyIndexes(_ table: String, in database: SunlightDatabase) async throws -> Int {
        try await database.withConnection { db in
            try await db.raw("SELECT COUNT(*) AS n FROM pragma_index_list(\(bind: table)) WHERE origin = 'pk'").first()?
                .decode(column: "n", as: Int.self) ?? -1
        }
    }

    /// A ledger written before migrations 9 and 10 (`LegacyLedger`) is migrated whole: the same
    /// root, still verifying, still proving, still growing.
    @Test(arguments: [9, 10])
    func aLedgerWrittenBeforeAMigrationMigratesWhole(_ version: Int) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sunlight-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = try await SunlightDatabase.open(.sqlite(path: directory.appendingPathComponent("old.sqlite").path))
        do {
            try await Migrator(database: database, migrations: SchemaMigrations.all.filter { $0.version < version }).migrate()
            let keys = try LedgerKeys.loadOrCreate(at: directory.appendingPathComponent("ledger.key"))
            let ledger = Ledger(database: database, keys: keys)
            let (size, root) = try await LegacyLedger.write(into: database, keys: keys, directory: directory)
            #expect(size == 35)
            let nodes = { try await Self.count("SELECT COUNT(*) AS n FROM ledger_nodes", in: database) }
            // 35 leaves: 35 + 17 + 8 + 4 perfect subtrees below level 4, 2 + 1 above.
            #expect(try await nodes() == 67)
            if version == 9 {
                #expect(try await Self.primaryKeyIndexes("ledger_entries", in: database) == 1)
            }

            let applied = try await Migrator(database: database).migrate().map(\.version)
            #expect(applied == Array(version...SchemaMigrations.all.map(\.version).max()!))
            #expect(try await Self.primaryKeyIndexes("ledger_entries", in: database) == 0)
            #expect(try await Self.primaryKeyIndexes("ledger_nodes", in: database) == 0)
            // The leaves moved into the entries' rows; only levels 4 and 5 are still nodes.
            #expect(try await nodes() == 3)
            #expect(try await Self.count("SELECT COUNT(*) AS n FROM ledger_entries WHERE leaf_hash IS NOT NULL", in: database) == 35)
            let after = try await LedgerVerifier(ledger: ledger).verify()
            #expect(after.isValid, "\(after.problems)")
            #expect(after.entries == 35 && after.rootHash == root)
            #expect(try await ledger.rootHash().root == root)
            let proof = try await ledger.inclusionProof(index: 33)
            #expect(try proof.verify(verifiers: [keys.signing.verifier]).rootHash == root)
            // The ledger goes on growing after the migration, on the same tree.
            let more = try await Importer(recorder: Recorder(ledger: ledger)).run(Registry.units, file: Fixtures.registry("units.csv"), by: .system())
            #expect(more.isWritten)
            let grown = try await LedgerVerifier(ledger: ledger).verify()
            #expect(grown.isValid && grown.entries == 36, "\(grown.problems)")
            await database.shutdown()
        } catch {
            await database.shutdown()
            throw error
        }
    }

    static func count(_ sql: String, in database: SunlightDatabase) async throws -> Int {
        try await database.withConnection { db in
            try await db.raw(SQLQueryString(sql)).first()!.decode(column: "n", as: Int.self)
        }
    }

    @Test(arguments: TestBackend.available)
    func everyChangeIsAnEntryAndAnUntouchedDatabaseVerifies(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { test async throws in
            try await Self.seeded(test)
            // 29 records + 6 import entries.
            #expect(try await test.ledger.size() == 35)
            let report = try await Self.verify(test)
            #expect(report.isValid, "\(report.problems)")
            #expect(report.entries == 35 && report.records == 29)
            let (size, root) = try await test.ledger.rootHash()
            #expect(size == 35 && report.rootHash == root)
            // Entries carry no personal identifiers in clear.
            let texts: [String] = try await test.database.withConnection { db in
                try await db.select().columns("actor", "key_hash", "details").from("ledger_entries").all().map {
                    (try $0.decode(column: "key_hash", as: String?.self) ?? "") + (try $0.decode(column: "details", as: String?.self) ?? "")
                }
            }
            #expect(!texts.contains { $0.contains("36042619") || $0.contains("王建国") })
            // …and the proof's entry bytes, what a witness sees, carry the actor only as a keyed hash.
            let entry = String(decoding: try await test.ledger.inclusionProof(index: 7).entry ?? [], as: UTF8.self)
            #expect(entry.contains("\"seq\":7") && !entry.contains("system") && !entry.contains("36042619"))
        }
    }

    /// A ledger longer than one batch of `verify`'s reading thread: entries edited in the second
    /// and third batches are named, in log order, and the root is the ledger's own.
    @Test func verifyNamesEditsAcrossItsBatches() async throws {
        try await TestDatabase.with(.sqlite) { test async throws in
            let file = try BulkWriteTests.peopleFile(rows: 9_000, in: test.directory)
            let report = try await Importer(recorder: test.recorder).run(Registry.people, file: file, by: .system())
            #expect(report.isWritten && report.inserted == 9_000)
            let clean = try await Self.verify(test)
            #expect(clean.isValid && clean.entries == 9_001, "\(clean.problems)")
            #expect(clean.rootHash == (try await test.ledger.rootHash().1))
            try await Self.raw(test, "UPDATE ledger_entries SET actor = 'mallory' WHERE seq IN (8500, 5000)")
            let edited = try await Self.verify(test)
            let named = edited.problems.filter { $0.contains("does not match its leaf") }
            #expect(named.count == 2 && named[0].hasPrefix("entry 5000:") && named[1].hasPrefix("entry 8500:"), "\(edited.problems)")
        }
    }

    @Test(arguments: TestBackend.available)
    func editedDeletedAndInsertedRowsAreNamed(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { test async throws in
            try await Self.seeded(test)
            try await Self.raw(test, "UPDATE people SET name = '改' WHERE id = 2")
            try await Self.raw(test, "DELETE FROM units WHERE unit_code = '360426100202'")
            try await Self.raw(test, "INSERT INTO companies (row_key, uscc, name, attributes, record_hash, created_at, updated_at) VALUES ('X', 'X', '幽灵公司', '{}', 'x', 'now', 'now')")
            let report = try await Self.verify(test)
            #expect(!report.isValid)
            #expect(report.problems.contains { $0.hasPrefix("people #2:") && $0.contains("edited outside Sunlight") })
            #expect(report.problems.contains { $0.hasPrefix("units #7:") && $0.contains("deleted outside Sunlight") })
            #expect(report.problems.contains { $0.hasPrefix("companies #4:") && $0.contains("inserted outside Sunlight") })
        }
    }

    @Test(arguments: TestBackend.available)
    func editedDeletedSwappedAndTruncatedEntriesAreCaught(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { test async throws in
            try await Self.seeded(test)
            let checkpoint = try await test.ledger.checkpoint()
            // An entry's column edited to hide who did it.
            try await Self.raw(test, "UPDATE ledger_entries SET actor = 'someone' WHERE seq = 5")
            #expect(try await Self.verify(test).problems.contains { $0.hasPrefix("entry 5:") })
            try await Self.raw(test, "UPDATE ledger_entries SET actor = 'system' WHERE seq = 5")
            #expect(try await Self.verify(test).isValid)

            // Two entries swapped (all their columns).
            try await Self.raw(test, "UPDATE ledger_entries SET seq = -1 WHERE seq = 3")
            try await Self.raw(test, "UPDATE ledger_entries SET seq = 3 WHERE seq = 4")
            try await Self.raw(test, "UPDATE ledger_entries SET seq = 4 WHERE seq = -1")
            let swapped = try await Self.verify(test, checkpoints: [checkpoint])
            #expect(swapped.problems.contains { $0.hasPrefix("entry 3:") && $0.contains("edited or reordered") })
            #expect(swapped.problems.contains { $0.contains("history was rewritten") })
            try await Self.raw(test, "UPDATE ledger_entries SET seq = -1 WHERE seq = 3")
            try await Self.raw(test, "UPDATE ledger_entries SET seq = 3 WHERE seq = 4")
            try await Self.raw(test, "UPDATE ledger_entries SET seq = 4 WHERE seq = -1")
            #expect(try await Self.verify(test, checkpoints: [checkpoint]).isValid)

            // An entry deleted from the middle.
            try await Self.raw(test, "DELETE FROM ledger_entries WHERE seq = 10")
            #expect(try await Self.verify(test).problems.contains { $0.contains("deleted or reordered") })
        }
    }

    @Test(arguments: TestBackend.available)
    func truncationIsCaughtByAnOlderCheckpoint(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { test async throws in
            try await Self.seeded(test)
            let checkpoint = try await test.ledger.checkpoint()
            // Truncate the log and make it self-consistent again, as a careful attacker would.
            try await Self.raw(test, "DELETE FROM ledger_entries WHERE seq >= 30")
            try await Self.raw(test, "DELETE FROM ledger_checkpoints")
            try await Self.raw(test, "UPDATE ledger_state SET size = 30")
            let report = try await Self.verify(test, checkpoints: [checkpoint])
            #expect(report.problems.contains { $0.contains("checkpoint file 1") && $0.contains("truncated") })
        }
    }

    @Test(arguments: TestBackend.available)
    func proofsVerifyOfflineAgainstThePublicKey(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { test async throws in
            try await Self.seeded(test)
            let old = try await test.ledger.checkpoint()
            let recorder = test.recorder
            var unit = Record()
            unit["unit_code"] = .text("360426999")
            unit["name"] = .text("新单位")
            unit["kind"] = .text("department")
            let newUnit = unit
            try await recorder.write(by: .system()) { tx in try await tx.save([newUnit], in: Registry.units) }
            let vkey = test.ledger.keys.verifierKey
            for index in [0, 17, 35] {
                let bundle = try await test.ledger.inclusionProof(index: index)
                let json = try JSONEncoder().encode(bundle)
                let decoded = try JSONDecoder().decode(InclusionProofBundle.self, from: json)
                let checkpoint = try decoded.verify(vkey: vkey)
                #expect(checkpoint.size == 36)
                var forged = decoded
                forged.index = (index + 1) % 36
                #expect(throws: (any Error).self) { try forged.verify(vkey: vkey) }
            }
            // At every size, the root and the proofs agree with the tree folded from the leaves in
            // the entries' rows: the nodes below the stored levels are folded right (`LowerNodes`).
            let leaves: [TreeHash] = try await test.database.withConnection { db in
                try await db.select().column("leaf_hash").from("ledger_entries").orderBy("seq").all()
                    .map { TreeHash(hex: try $0.decode(column: "leaf_hash", as: String.self))! }
            }
            #expect(leaves.count == 36)
            let root = try await test.ledger.rootHash().root
            var folded = StreamingRoot()
            for (size, leaf) in zip(1..., leaves) {
                folded.append(leaf)
                #expect(try await test.ledger.rootHash(size: size).root == folded.root(), "size \(size)")
                #expect(try await test.ledger.inclusionProof(index: size - 1).verify(vkey: vkey).rootHash == root)
                if size < 36 {
                    #expect(try await test.ledger.consistencyProof(from: size).verify(vkey: vkey, trustedOldRoot: folded.root()).size == 36)
                }
            }
            let consistency = try await test.ledger.consistencyProof(from: 35)
            let oldRoot = try Checkpoint.open(signedText: old, verifiers: [NoteVerifierKey(vkey: vkey)]).rootHash
            #expect(try consistency.verify(vkey: vkey, trustedOldRoot: oldRoot).size == 36)
            #expect(throws: (any Error).self) { try consistency.verify(vkey: vkey, trustedOldRoot: MerkleHashing.emptyRoot) }
            await #expect(throws: LedgerFailure.self) { try await test.ledger.inclusionProof(index: 40) }
            await #expect(throws: LedgerFailure.self) { try await test.ledger.consistencyProof(from: 10, to: 99) }
        }
    }
}

@Suite("Ledger entry encoding")
struct LedgerEntryEncodingTests {
    @Test func theDirectEncoderIsCanonicalJSON() throws {
        // The entry writer spells out the key order by hand; it must equal the generic encoder.
        let details = #"{"file_sha256":"ab","rows_read":"3"}"#
        let changes = [
            Change(at: "2026-01-01T00:00:00.000Z", actor: "a", action: .importFile, objectType: "imports", objectID: "1", details: details),
            Change(at: "t", actor: "b", action: .update, objectType: "people", objectID: "9", objectKey: "K", hashBefore: "x", hashAfter: "y"),
        ]
        for (seq, change) in changes.enumerated() {
            var object: [String: CanonicalJSON] = [
                "v": .integer(1), "seq": .integer(Int64(seq)), "at": .string(change.at), "actor": .string("H"),
                "action": .string(change.action.rawValue), "object_type": .string(change.objectType), "object_id": .string(change.objectID),
                "key": change.objectKey.map { .string("k:" + $0) } ?? .null,
                "before": change.hashBefore.map(CanonicalJSON.string) ?? .null, "after": change.hashAfter.map(CanonicalJSON.string) ?? .null,
                "details": .null,
            ]
            if change.details != nil { object["details"] = .object(["file_sha256": .string("ab"), "rows_read": .string("3")]) }
            let expected = CanonicalJSON.object(object).bytes
            let actual = LedgerEntryProbe.encode(change, seq: Int64(seq), keyHash: change.objectKey.map { "k:" + $0 }, actorHash: "H")
            #expect(actual == expected, "\(String(decoding: actual, as: UTF8.self))")
        }
    }
}
