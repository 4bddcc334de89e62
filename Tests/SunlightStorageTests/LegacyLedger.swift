import Foundation
import SQLKit
import SunlightContract
@testable import SunlightStorage
import SunlightImport
import SunlightLedger
import SunlightTestSupport

/// A ledger as Sunlight wrote it before migration 10: every perfect subtree down to the leaves
/// in `ledger_nodes`, no leaf hash in the entries' rows.
///
/// Today's code cannot write that layout, so the registry fixtures are imported into a current
/// database with the same keys, and its records and entries copied into `old`, a database
/// migrated only below `version`, with every node recomputed from the leaves.
enum LegacyLedger {
    /// Fills `old` and returns the ledger's size and root as the current database has them.
    static func write(into old: SunlightDatabase, keys: LedgerKeys, directory: URL) async throws -> (size: Int, root: TreeHash) {
        let current = try await SunlightDatabase.open(.sqlite(path: directory.appendingPathComponent("current.sqlite").path))
        do {
            try await Migrator(database: current).migrate()
            let ledger = Ledger(database: current, keys: keys)
            for dataset in Registry.all {
                let report = try await Importer(recorder: Recorder(ledger: ledger)).run(dataset, file: Fixtures.registry("\(dataset.name).csv"), by: .system())
                precondition(report.isWritten)
            }
            let tree = try await ledger.rootHash()
            let leaves: [TreeHash] = try await current.withConnection { db in
                try await db.select().column("leaf_hash").from("ledger_entries").orderBy("seq").all()
                    .map { TreeHash(hex: try $0.decode(column: "leaf_hash", as: String.self))! }
            }
            await current.shutdown()
            let path = directory.appendingPathComponent("current.sqlite").path
            try await old.withConnection { db in
                try await db.raw("ATTACH DATABASE \(bind: path) AS current").run()
                for table in Registry.all.map(\.table) {
                    try await db.raw("INSERT INTO \(ident: table) SELECT * FROM current.\(ident: table)").run()
                }
                let columns = LedgerEntry.columns.joined(separator: ", ")
                try await db.raw("INSERT INTO ledger_entries (\(unsafeRaw: columns)) SELECT \(unsafeRaw: columns) FROM current.ledger_entries").run()
                try await db.raw("UPDATE ledger_state SET size = (SELECT size FROM current.ledger_state), origin = (SELECT origin FROM current.ledger_state)").run()
                try await db.raw("DETACH DATABASE current").run()
                // Every perfect subtree, the leaves included, as migration 4's code stored them.
                var level = 0
                while leaves.count >> level > 0 {
                    for index in 0..<(leaves.count >> level) {
                        let hash = MerkleHashing.perfectSubtreeHash(leaves: leaves[(index << level)..<((index + 1) << level)])
                        try await db.insert(into: "ledger_nodes").columns("id", "hash")
                            .values(SQLBind(NodeKey.id(level: level, index: index)), SQLBind(hash.hex)).run()
                    }
                    level += 1
                }
            }
            return tree
        } catch {
            await current.shutdown()
            throw error
        }
    }
}
