import Foundation
import SQLKit
import SunlightLedger

/// Appends changes to the ledger inside the writer's transaction.
///
/// Per batch: lock and read the tree size, fetch the O(log n) frontier nodes, append every
/// entry in memory (`LedgerBatch`), then write the entries with their leaves, the newly
/// completed perfect subtrees that are stored and the new size. On PostgreSQL the `FOR UPDATE`
/// lock on the state row serialises concurrent writers; SQLite's `BEGIN IMMEDIATE` already does. The generic path writes with multi-row
/// SQLKit statements; the SQLite bulk path (imports) with the transaction's prepared statements.
/// Both write the same rows from the same `LedgerBatch`.
public struct LedgerSink: ChangeSink, BulkChangeSink {
    public let keys: LedgerKeys

    public init(keys: LedgerKeys) { self.keys = keys }

    public func append(_ changes: [Change], on db: any SQLDatabase) async throws {
        guard !changes.isEmpty else { return }
        let size = try await Ledger.size(on: db, lock: true)
        let addresses = MerkleTreeView.nodesRead(forRootOfSize: size)
        let stored = try await Ledger.nodes(addresses, on: db)
        let tip = LedgerTip(size: size, edge: addresses.map { ($0, stored.nodes[$0]) })
        let batch = try LedgerBatch(changes, keyHashes: nil, from: tip, keyedHash: keys.keyedHasher)
        for chunk in stride(from: 0, to: batch.entries.count, by: 400) {
            var insert = db.insert(into: "ledger_entries").columns(LedgerEntry.insertColumns)
            for (entry, leaf) in zip(batch.entries[chunk..<min(chunk + 400, batch.entries.count)], batch.leaves[chunk...]) {
                insert = insert.values([
                    SQLBind(entry.seq), SQLBind(entry.at), SQLBind(entry.actor), SQLBind(entry.action), SQLBind(entry.objectType),
                    SQLBind(entry.objectID), SQLBind(entry.keyHash), SQLBind(entry.hashBefore), SQLBind(entry.hashAfter),
                    SQLBind(entry.details), SQLBind(leaf),
                ])
            }
            try await insert.run()
        }
        for chunk in stride(from: 0, to: batch.nodes.count, by: 1000) {
            var insert = db.insert(into: "ledger_nodes").columns("id", "hash")
            for node in batch.nodes[chunk..<min(chunk + 1000, batch.nodes.count)] {
                insert = insert.values(SQLBind(node.id), SQLBind(node.hash))
            }
            try await insert.run()
        }
        try await db.update("ledger_state").set("size", to: batch.end.size).where("id", .equal, 1).run()
    }

    func keyHash(_ objectKey: String) -> String { keys.keyedHash(objectKey) }

    func bulkSession() -> any BulkChangeSession { LedgerBulkSession(keyedHasher: keys.keyedHasher) }

    static func change(_ row: any SQLRow) throws -> Change {
        Change(at: try row.decode(column: "at", as: String.self), actor: try row.decode(column: "actor", as: String.self),
               action: Change.Action(rawValue: try row.decode(column: "action", as: String.self)) ?? .update,
               objectType: try row.decode(column: "object_type", as: String.self),
               objectID: try row.decode(column: "object_id", as: String.self),
               hashBefore: try row.decode(column: "hash_before", as: String?.self),
               hashAfter: try row.decode(column: "hash_after", as: String?.self),
               details: try row.decode(column: "details", as: String?.self))
    }
}
