import Foundation
import SQLKit
import SunlightLedger

/// Appends changes to the ledger inside the writer's transaction.
///
/// Per batch: lock and read the tree size, fetch the O(log n) frontier nodes, append every
/// entry in memory, then write the entries, the newly completed perfect subtrees and the new
/// size with multi-row statements. On PostgreSQL the `FOR UPDATE` lock on the state row
/// serialises concurrent writers; SQLite's `BEGIN IMMEDIATE` already does.
public struct LedgerSink: ChangeSink {
    public let keys: LedgerKeys

    public init(keys: LedgerKeys) { self.keys = keys }

    public func append(_ changes: [Change], on db: any SQLDatabase) async throws {
        guard !changes.isEmpty else { return }
        let size = try await Ledger.size(on: db, lock: true)
        let frontier = MerkleTreeView.nodesRead(forRootOfSize: size)
        let prefetched = try await Ledger.nodes(frontier, on: db)
        let known = Set(prefetched.nodes.keys)
        var appender = MerkleAppender(size: size, store: prefetched)
        var rows: [[any SQLExpression]] = []
        rows.reserveCapacity(changes.count)
        var actorHashes: [String: String] = [:]
        for change in changes {
            let entry = LedgerEntry(seq: Int64(appender.size), at: change.at, actor: change.actor, action: change.action.rawValue,
                                    objectType: change.objectType, objectID: change.objectID,
                                    keyHash: change.objectKey.map(keys.keyedHash), hashBefore: change.hashBefore,
                                    hashAfter: change.hashAfter, details: change.details)
            let actorHash = actorHashes[change.actor] ?? keys.keyedHash(change.actor)
            actorHashes[change.actor] = actorHash
            let bytes = entry.encoded(actorHash: actorHash)
            let leaf = MerkleHashing.leafHash(bytes)
            _ = try appender.append(leafHash: leaf)
            rows.append([
                SQLBind(entry.seq), SQLBind(entry.at), SQLBind(entry.actor), SQLBind(entry.action), SQLBind(entry.objectType),
                SQLBind(entry.objectID), SQLBind(entry.keyHash), SQLBind(entry.hashBefore), SQLBind(entry.hashAfter),
                SQLBind(entry.details),
            ])
        }
        for chunk in stride(from: 0, to: rows.count, by: 400) {
            var insert = db.insert(into: "ledger_entries").columns(LedgerEntry.columns)
            for row in rows[chunk..<min(chunk + 400, rows.count)] { insert = insert.values(row) }
            try await insert.run()
        }
        guard let store = appender.store as? MemoryNodeStore else { return }
        let fresh = store.nodes.filter { !known.contains($0.key) }.sorted { ($0.key.level, $0.key.index) < ($1.key.level, $1.key.index) }
        for chunk in stride(from: 0, to: fresh.count, by: 1000) {
            var insert = db.insert(into: "ledger_nodes").columns("id", "hash")
            for (address, hash) in fresh[chunk..<min(chunk + 1000, fresh.count)] {
                insert = insert.values(SQLBind(NodeKey.id(address)), SQLBind(hash.hex))
            }
            try await insert.run()
        }
        try await db.update("ledger_state").set("size", to: appender.size).where("id", .equal, 1).run()
    }

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
