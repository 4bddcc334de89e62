import Foundation
import SQLKit
import SunlightLedger

/// The tamper-evident ledger of one Sunlight database: entries with their leaf hashes in
/// `ledger_entries`, the stored perfect subtrees of the RFC 9162 Merkle tree (from level 4 up,
/// see `LowerNodes`) in `ledger_nodes`, signed checkpoints in
/// `ledger_checkpoints`, and the keys in a file outside the database.
public struct Ledger: Sendable {
    public let database: SunlightDatabase
    public let keys: LedgerKeys

    public init(database: SunlightDatabase, keys: LedgerKeys) {
        self.database = database
        self.keys = keys
    }

    /// The checkpoint origin: names this log, stable for the life of the database.
    public func origin() async throws -> String {
        try await database.withConnection { db in
            try await db.select().column("origin").from("ledger_state").where("id", .equal, 1).first()!
                .decode(column: "origin", as: String.self)
        }
    }

    public func size() async throws -> Int {
        try await database.withConnection { db in try await Self.size(on: db, lock: false) }
    }

    static func size(on db: any SQLDatabase, lock: Bool) async throws -> Int {
        let lockClause = lock && db.dialect.name == "postgresql" ? " FOR UPDATE" : ""
        return try await db.raw(SQLQueryString("SELECT size FROM ledger_state WHERE id = 1\(unsafeRaw: lockClause)")).first()!
            .decode(column: "size", as: Int.self)
    }

    /// Reads nodes by address into memory: every tree operation first asks the Merkle module
    /// which O(log n) nodes it will read, fetches exactly those, then runs in memory. Nodes below
    /// the stored levels are folded from their entries' leaves (`LowerNodes`), read in the same
    /// query: a proof costs one round trip to the database for its nodes, as it did when every
    /// level was stored.
    static func nodes(_ addresses: [NodeAddress], on db: any SQLDatabase) async throws -> MemoryNodeStore {
        var store = MemoryNodeStore()
        let stored = addresses.filter(LowerNodes.isStored).map(NodeKey.id)
        var leafRanges = LowerNodes.leafRanges(for: addresses)
        var leaves: [Int: TreeHash] = [:]
        var start = 0
        while start < stored.count || !leafRanges.isEmpty {
            let ids = stored[start..<min(start + 200, stored.count)]
            start += ids.count
            var parts: [SQLQueryString] = []
            if !ids.isEmpty {
                parts.append("SELECT id, hash FROM ledger_nodes WHERE id IN (\(binds: Array(ids)))")
            }
            // Leaves come back under negative ids (-1 - seq): node ids are never negative.
            for range in leafRanges {
                parts.append("""
                    SELECT -1 - seq AS id, leaf_hash AS hash FROM ledger_entries WHERE seq >= \(bind: range.lowerBound) AND seq < \(bind: range.upperBound)
                    """)
            }
            leafRanges = []
            for row in try await db.raw(parts.joined(separator: " UNION ALL ")).all() {
                let id = try row.decode(column: "id", as: Int64.self)
                guard let hex = try row.decode(column: "hash", as: String?.self), let hash = TreeHash(hex: hex) else { continue }
                if id < 0 {
                    leaves[Int(-1 - id)] = hash
                } else {
                    let address = NodeKey.address(id)
                    try store.put(level: address.level, index: address.index, hash: hash)
                }
            }
        }
        for (address, hash) in LowerNodes.fold(addresses, leaves: leaves) {
            try store.put(level: address.level, index: address.index, hash: hash)
        }
        return store
    }

    /// The root of the tree at `size` (the current size when nil).
    public func rootHash(size: Int? = nil) async throws -> (size: Int, root: TreeHash) {
        try await database.withConnection { db in
            let current = try await Self.size(on: db, lock: false)
            let size = size ?? current
            guard size <= current else { throw LedgerFailure.sizeBeyondLog(size, current) }
            let store = try await Self.nodes(MerkleTreeView.nodesRead(forRootOfSize: size), on: db)
            return (size, try MerkleTreeView(size: size, reader: store).rootHash())
        }
    }

    /// Signs a checkpoint of the current tree, stores it, and returns its text.
    @discardableResult
    public func checkpoint() async throws -> String {
        let origin = try await origin()
        let (size, root) = try await rootHash()
        let text = try Checkpoint(origin: origin, size: size, rootHash: root).sign(with: keys.signing)
        try await database.withConnection { db in
            if try await db.select().column("size").from("ledger_checkpoints").where("size", .equal, size).first() == nil {
                try await db.insert(into: "ledger_checkpoints").columns("size", "root", "note", "created_at")
                    .values(SQLBind(size), SQLBind(root.hex), SQLBind(text), SQLBind(Timestamps.now())).run()
            }
        }
        return text
    }

    /// The newest stored checkpoint, if any.
    public func latestCheckpoint() async throws -> (size: Int, text: String, createdAt: String)? {
        try await database.withConnection { db in
            guard let row = try await db.select().columns("size", "note", "created_at").from("ledger_checkpoints")
                .orderBy("size", .descending).limit(1).first() else { return nil }
            return (try row.decode(column: "size", as: Int.self), try row.decode(column: "note", as: String.self),
                    try row.decode(column: "created_at", as: String.self))
        }
    }

    /// The current size and the checkpoint signed at that size, if any: one round trip where a
    /// proof would otherwise spend two before reading its nodes.
    func sizeAndCheckpoint() async throws -> (size: Int, checkpoint: String?) {
        try await database.withConnection { db in
            let row = try await db.raw("""
                SELECT size, (SELECT note FROM ledger_checkpoints WHERE ledger_checkpoints.size = ledger_state.size) AS note
                FROM ledger_state WHERE id = 1
                """).first()!
            return (try row.decode(column: "size", as: Int.self), try row.decode(column: "note", as: String?.self))
        }
    }

    /// A checkpoint for exactly `size`: the stored one, or a fresh one when `size` is current.
    public func checkpointText(size: Int) async throws -> String {
        if let stored = try await database.withConnection({ db in
            try await db.select().column("note").from("ledger_checkpoints").where("size", .equal, size).first()?
                .decode(column: "note", as: String.self)
        }) { return stored }
        guard try await self.size() == size else { throw LedgerFailure.noCheckpoint(size) }
        return try await checkpoint()
    }

    /// An inclusion proof of entry `index` in the tree of `size`, with the entry and a signed
    /// checkpoint: everything an outside witness needs to check it offline.
    public func inclusionProof(index: Int, size: Int? = nil) async throws -> InclusionProofBundle {
        let (current, signed) = try await sizeAndCheckpoint()
        let size = size ?? current
        guard size <= current else { throw LedgerFailure.sizeBeyondLog(size, current) }
        guard index >= 0, index < size else { throw LedgerFailure.indexOutOfRange(index, size) }
        let checkpoint: String
        if let signed, size == current { checkpoint = signed } else { checkpoint = try await checkpointText(size: size) }
        return try await database.withConnection { db in
            // The bundle also carries the leaf and checks the proof against the root.
            let addresses = try MerkleTreeView.nodesRead(forInclusionProofOf: index, size: size) + [NodeAddress(level: 0, index: index)]
                + MerkleTreeView.nodesRead(forRootOfSize: size)
            let store = try await Self.nodes(addresses, on: db)
            let entry = try await db.select().columns(LedgerEntry.columns).from("ledger_entries").where("seq", .equal, index).first()
                .map { row in Array(try LedgerEntry(row: row).encoded(actorHash: keys.keyedHash(try row.decode(column: "actor", as: String.self)))) }
            return try InclusionProofBundle(view: MerkleTreeView(size: size, reader: store), index: index,
                                            entry: entry, checkpoint: checkpoint)
        }
    }

    /// A consistency proof between two tree sizes, with both signed checkpoints.
    public func consistencyProof(from oldSize: Int, to newSize: Int? = nil) async throws -> ConsistencyProofBundle {
        let (current, signed) = try await sizeAndCheckpoint()
        let newSize = newSize ?? current
        guard newSize <= current else { throw LedgerFailure.sizeBeyondLog(newSize, current) }
        guard oldSize >= 1, oldSize <= newSize else { throw LedgerFailure.indexOutOfRange(oldSize, newSize) }
        let checkpoint: String
        if let signed, newSize == current { checkpoint = signed } else { checkpoint = try await checkpointText(size: newSize) }
        let oldCheckpoint = try? await checkpointText(size: oldSize)
        return try await database.withConnection { db in
            var addresses = try MerkleTreeView.nodesRead(forConsistencyProofFrom: oldSize, to: newSize)
            addresses += MerkleTreeView.nodesRead(forRootOfSize: oldSize) + MerkleTreeView.nodesRead(forRootOfSize: newSize)
            let store = try await Self.nodes(addresses, on: db)
            return try ConsistencyProofBundle(view: MerkleTreeView(size: newSize, reader: store), oldSize: oldSize,
                                              checkpoint: checkpoint, oldCheckpoint: oldCheckpoint)
        }
    }
}

/// Ledger requests that cannot be answered, with bilingual messages.
public enum LedgerFailure: Error, Equatable, Sendable {
    case sizeBeyondLog(Int, Int)
    case indexOutOfRange(Int, Int)
    case noCheckpoint(Int)

    public var messageZh: String {
        switch self {
        case .sizeBeyondLog(let size, let current): return "账本只有 \(current) 条，无法使用大小 \(size)"
        case .indexOutOfRange(let index, let size): return "序号 \(index) 超出范围（树大小 \(size)）"
        case .noCheckpoint(let size): return "没有大小为 \(size) 的已签名检查点"
        }
    }

    public var messageEn: String {
        switch self {
        case .sizeBeyondLog(let size, let current): return "the ledger has \(current) entries; size \(size) is beyond it"
        case .indexOutOfRange(let index, let size): return "index \(index) is out of range for tree size \(size)"
        case .noCheckpoint(let size): return "no signed checkpoint of size \(size) was made"
        }
    }
}

/// Stored nodes are keyed by one integer, `level << 40 | index`: a single-column primary key
/// makes fetching the O(log n) nodes of a proof one `IN (…)` lookup.
enum NodeKey {
    static func id(_ address: NodeAddress) -> Int64 { Int64(address.level) << 40 | Int64(address.index) }
    static func id(level: Int, index: Int) -> Int64 { Int64(level) << 40 | Int64(index) }
    static func address(_ id: Int64) -> NodeAddress { NodeAddress(level: Int(id >> 40), index: Int(id & ((1 << 40) - 1))) }
}
