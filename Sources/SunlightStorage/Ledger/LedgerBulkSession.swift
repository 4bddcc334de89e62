import Foundation
import SunlightLedger

/// The ledger on the SQLite bulk path of one transaction (an import).
///
/// Encoding entries and hashing them into the tree is pure computation, so it need not hold up
/// the one thread that writes to SQLite: each batch of changes is turned into a `LedgerBatch`
/// on a queue of its own while the writer goes on with the next batch of records, and written
/// (entries, completed subtrees, new size) when the next batch arrives or at `flush`. The tree's
/// tip is carried from batch to batch in memory; it is read from the database at the start and
/// again after a `flush`, since other writes may append to the ledger in between.
///
/// The entries, their sequence numbers and the stored nodes are those `LedgerSink.append`
/// writes for the same changes: both build them with `LedgerBatch`.
final class LedgerBulkSession: BulkChangeSession, @unchecked Sendable {
    private let keyedHasher: KeyedHasher
    /// A thread at a helper's priority (`ThreadPriority`), shared by all sessions: SQLite has
    /// one writer at a time, so one bulk session at a time has batches to hash.
    private static let hashing = HelperThread(name: "sunlight.ledger.bulk")
    private var queue: HelperThread { Self.hashing }
    /// The tip after every batch appended so far, or nil to read it from the database.
    private var tip: LedgerTip?
    /// The last batch appended, being computed on `queue`.
    private var pending: PendingBatch?

    init(keyedHasher: KeyedHasher) { self.keyedHasher = keyedHasher }

    func append(_ changes: [Change], keyHashes: [String?], on connection: SQLiteBulkConnection) throws {
        guard !changes.isEmpty else { return }
        try writePending(on: connection)
        let start = try tip ?? Self.readTip(on: connection)
        let job = PendingBatch()
        let hasher = keyedHasher
        queue.async { job.finish { try LedgerBatch(changes, keyHashes: keyHashes, from: start, keyedHash: hasher) } }
        pending = job
    }

    func flush(on connection: SQLiteBulkConnection) throws {
        try writePending(on: connection)
        tip = nil
    }

    /// Waits for the batch being computed, if any, and writes it.
    private func writePending(on connection: SQLiteBulkConnection) throws {
        guard let job = pending else { return }
        pending = nil
        // Only `written` holds the batch once it is written, and it is freed on the ledger's
        // queue: tens of thousands of strings the writer need not spend time releasing.
        let written = Written(try job.wait())
        try Self.write(written.batch!, on: connection)
        tip = written.batch!.end
        queue.async { written.batch = nil }
    }

    /// The tree's size and right edge as stored (inside `BEGIN IMMEDIATE`: no lock to take),
    /// edge nodes below the stored levels folded from their leaves (`LowerNodes`).
    static func readTip(on connection: SQLiteBulkConnection) throws -> LedgerTip {
        var size = 0
        try connection.statement("SELECT size FROM ledger_state WHERE id = 1").query { size = Int($0.integer(0)) }
        let addresses = MerkleTreeView.nodesRead(forRootOfSize: size)
        var leaves: [Int: TreeHash] = [:]
        let leafRows = try connection.statement("SELECT seq, leaf_hash FROM ledger_entries WHERE seq >= ? AND seq < ?")
        for range in LowerNodes.leafRanges(for: addresses) {
            try leafRows.bind(1, Int64(range.lowerBound))
            try leafRows.bind(2, Int64(range.upperBound))
            try leafRows.query { row in leaves[Int(row.integer(0))] = row.text(1).flatMap(TreeHash.init(hex:)) }
        }
        var hashes: [NodeAddress: TreeHash] = [:]
        for (address, hash) in LowerNodes.fold(addresses, leaves: leaves) { hashes[address] = hash }
        let node = try connection.statement("SELECT hash FROM ledger_nodes WHERE id = ?")
        for address in addresses where LowerNodes.isStored(address) {
            try node.bind(1, NodeKey.id(address))
            try node.query { row in hashes[address] = row.text(0).flatMap(TreeHash.init(hex:)) }
        }
        return LedgerTip(size: size, edge: addresses.map { ($0, hashes[$0]) })
    }

    /// Inserts the batch's entries with their leaves and its stored nodes, and stores the new size.
    ///
    /// Neither insert names an `INTEGER PRIMARY KEY` in a multi-row statement. SQLite checks
    /// that such a value is an integer and may abort the statement half-way on it, so it would
    /// keep a statement journal: a copy of every page the statement changes that existed
    /// before it — the log's last leaf page and the edge above it, 32 KiB each, for every 32
    /// entries (a tenth of the writer's time on a million-row import). So entries take the
    /// sequence numbers SQLite gives an append (the largest so far plus one, checked), and
    /// nodes, about one per eight entries, go in one per statement.
    static func write(_ batch: LedgerBatch, on connection: SQLiteBulkConnection) throws {
        // A new ledger (a database's first import) is filled like an empty dataset table.
        try connection.deferredIndexes.deferIfEmpty("ledger_entries", on: connection)
        let entries = batch.entries
        let leaves = batch.leaves
        guard let first = entries.first else { return }
        // The ledger's first entry is numbered 0, which no append is given: it goes alone, numbered.
        let numbered = first.seq == 0 ? 1 : 0
        if numbered == 1 {
            try connection.insert(into: "ledger_entries", columns: LedgerEntry.insertColumns, count: 1) { statement, _, position in
                try statement.bind(position, first.seq)
                try bind(first, leaf: leaves[0], at: position + 1, of: statement)
            }
        }
        try connection.insert(into: "ledger_entries", columns: Array(LedgerEntry.insertColumns.dropFirst()),
                              count: entries.count - numbered, bind: { statement, row, position in
            try bind(entries[numbered + row], leaf: leaves[numbered + row], at: position, of: statement)
        }, inserted: { rows in
            let expected = entries[numbered + rows - 1].seq
            guard connection.lastInsertRowID == expected else {
                throw UnexpectedRowID(table: "ledger_entries", expected: expected, found: connection.lastInsertRowID)
            }
        })
        let nodes = batch.nodes
        try connection.insert(into: "ledger_nodes", columns: ["id", "hash"], count: nodes.count, chunk: 1) { statement, row, first in
            try statement.bind(first, nodes[row].id)
            try statement.bind(first + 1, nodes[row].hash)
        }
        let state = try connection.statement("UPDATE ledger_state SET size = ? WHERE id = 1")
        try state.bind(1, Int64(batch.end.size))
        try state.run()
    }

    /// Binds `entry`'s columns after `seq`, then its leaf hash, from parameter `first` on.
    private static func bind(_ entry: LedgerEntry, leaf: String, at first: Int32, of statement: SQLiteBulkStatement) throws {
        try statement.bind(first, entry.at)
        try statement.bind(first + 1, entry.actor)
        try statement.bind(first + 2, entry.action)
        try statement.bind(first + 3, entry.objectType)
        try statement.bind(first + 4, entry.objectID)
        try statement.bind(first + 5, entry.keyHash)
        try statement.bind(first + 6, entry.hashBefore)
        try statement.bind(first + 7, entry.hashAfter)
        try statement.bind(first + 8, entry.details)
        try statement.bind(first + 9, leaf)
    }
}

/// A `LedgerBatch` computed on another thread, waited for by the writer.
private final class PendingBatch: @unchecked Sendable {
    // `result` is written before `done` is signalled and read after waiting on it.
    private var result: Result<LedgerBatch, any Error>?
    private let done = DispatchSemaphore(value: 0)

    func finish(_ work: () throws -> LedgerBatch) {
        result = Result(catching: work)
        done.signal()
    }

    /// The batch (once: it is not kept here afterwards).
    func wait() throws -> LedgerBatch {
        done.wait()
        defer { result = nil }
        return try result!.get()
    }
}

/// A written batch on its way to be freed (see `LedgerBulkSession.writePending`).
private final class Written: @unchecked Sendable {
    // Set on the writer's thread, cleared on the queue after it: ordered by `queue.async`.
    var batch: LedgerBatch?
    init(_ batch: LedgerBatch) { self.batch = batch }
}
