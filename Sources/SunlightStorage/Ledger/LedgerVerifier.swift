import Foundation
import SQLKit
import SunlightContract
import SunlightLedger

/// What `sunlight verify` found.
public struct VerificationReport: Sendable {
    /// What was checked, one line each, for the operator.
    public var checked: [String] = []
    /// Problems, in the order found (the first ones matter most).
    public var problems: [String] = []
    public var entries = 0
    public var records = 0
    public var rootHash: TreeHash?

    public var isValid: Bool { problems.isEmpty }
}

/// Checks a database against its ledger, independently of everything the database says about
/// itself: the entries are re-encoded from their columns and re-hashed, the whole tree is
/// recomputed from the entries (never trusting the stored nodes), every signed checkpoint must
/// match the recomputed tree at its size, and every current record must match the hash in its
/// latest entry.
public struct LedgerVerifier: Sendable {
    public let ledger: Ledger
    /// Stop listing problems after this many (all are counted in the last line).
    public var maxProblems = 50

    public init(ledger: Ledger) { self.ledger = ledger }

    public func verify(checkpoints extra: [String] = []) async throws -> VerificationReport {
        var report = VerificationReport()
        let database = ledger.database
        let keys = ledger.keys
        let origin = try await ledger.origin()
        let verifier = keys.signing.verifier

        // Checkpoints to hold the tree to: the stored ones and those given by witnesses.
        var targets: [Int: [(TreeHash, String)]] = [:]
        let stored: [(Int, String)] = try await database.withConnection { db in
            try await db.select().columns("size", "note").from("ledger_checkpoints").orderBy("size").all().map {
                (try $0.decode(column: "size", as: Int.self), try $0.decode(column: "note", as: String.self))
            }
        }
        var checkpointCount = 0
        for (label, text) in stored.map({ ("stored checkpoint of size \($0.0)", $0.1) }) + extra.enumerated().map({ ("checkpoint file \($0.offset + 1)", $0.element) }) {
            do {
                let checkpoint = try Checkpoint.open(signedText: text, verifiers: [verifier], expectedOrigin: origin)
                targets[checkpoint.size, default: []].append((checkpoint.rootHash, label))
                checkpointCount += 1
            } catch {
                report.problems.append("\(label): signature or format invalid (\(error))")
            }
        }

        // Pass 1: every entry, in order.
        let scan = EntryScan(keys: keys, targets: targets)
        // Each entry with the leaf hash stored in its row (`LowerNodes`).
        let query = """
            SELECT seq, at, actor, action, object_type, object_id, key_hash, hash_before, hash_after, details,
                   leaf_hash AS leaf FROM ledger_entries ORDER BY seq
            """
        let raw: Void? = try await database.withSQLiteConnection { connection in
            // The connection's own handle, rows read in place; SQLiteNIO's rows if unavailable.
            guard let handle = await SQLiteHandle.of(connection.sql()) else {
                return try await connection.query(query, []) { row in scan.consume(SQLiteColumns(row: row)) }
            }
            let direct = SQLiteBulkConnection(handle: handle)
            defer { direct.close() }
            try await direct.run { direct in
                let statement = try direct.statement(query)
                let columns = SQLiteRawColumns(statement: statement)
                // Rows are read on this thread and re-hashed on another: two cores, not one.
                let pipeline = EntryPipeline(scan: scan)
                try statement.query { _ in pipeline.add(columns) }
                pipeline.finish()
            }
        }
        if raw == nil {
            try await database.withConnection { db in
                try await db.raw(SQLQueryString(query)).run { row in scan.consume(SQLKitColumns(row: row)) }
            }
        }
        report.entries = scan.count
        report.problems += scan.problems
        let root = scan.frontier.root()
        report.rootHash = root
        report.checked.append("\(scan.count) ledger entries re-encoded from their columns, re-hashed, checked in sequence and against their stored leaves")
        report.checked.append("Merkle tree recomputed from all entries: size \(scan.count), root \(root.hex)")

        for (size, expected) in targets where size > scan.count {
            for (_, label) in expected {
                report.problems.append("\(label): size \(size) is larger than the log (\(scan.count) entries): the log was truncated")
            }
        }
        report.checked.append("\(checkpointCount) signed checkpoints verified against the recomputed tree at their sizes")

        // The stored tree must agree with the recomputed one.
        let (storedSize, storedRoot): (Int, TreeHash?) = try await database.withConnection { db in
            let size = try await Ledger.size(on: db, lock: false)
            let store = try await Ledger.nodes(MerkleTreeView.nodesRead(forRootOfSize: size), on: db)
            return (size, try? MerkleTreeView(size: size, reader: store).rootHash())
        }
        if storedSize != scan.count {
            report.problems.append("ledger state says \(storedSize) entries, the log holds \(scan.count)")
        } else if storedRoot != root {
            report.problems.append("stored Merkle nodes give a root different from the entries' (nodes edited or missing)")
        } else {
            report.checked.append("stored Merkle nodes agree with the recomputed root")
        }

        // Pass 2: every current record against its latest entry.
        for dataset in Contract.datasets {
            let records = RecordScan(dataset: dataset, latest: scan.latest[dataset.name] ?? [:])
            try await database.withConnection { db in
                try await db.select().column(SQLLiteral.all).from(dataset.table).orderBy("id").run { row in records.consume(row) }
            }
            report.records += records.count
            report.problems += records.problems
            for (id, state) in records.unvisited.sorted(by: { $0.key < $1.key }) where state.action != "delete" {
                report.problems.append("\(dataset.name) #\(id): in the ledger (last \(state.action) at entry \(state.seq)) but missing from the table: deleted outside Sunlight")
            }
        }
        let processes = ProcessScan(latest: scan.latest[OCDSProcessStore.table] ?? [:])
        try await database.withConnection { db in
            try await db.select().columns("id", "ocid", "process", "record_hash").from(OCDSProcessStore.table).orderBy("id")
                .run { row in processes.consume(row) }
        }
        report.records += processes.count
        report.problems += processes.problems + processes.missing
        report.checked.append("\(report.records) current records re-hashed and matched to their latest ledger entry"
                              + " (\(processes.count) of them OCDS processes)")
        if report.problems.count > maxProblems {
            let extraCount = report.problems.count - maxProblems
            report.problems = Array(report.problems.prefix(maxProblems)) + ["… and \(extraCount) more problems"]
        }
        return report
    }
}

/// The latest ledger state of one record.
struct LatestEntry: Sendable {
    let seq: Int
    let action: String
    let hashAfter: String?
}

/// Pass 1 state. Rows arrive one at a time on SQLKit's callback; nothing runs concurrently.
private final class EntryScan: @unchecked Sendable {
    let keys: LedgerKeys
    let targets: [Int: [(TreeHash, String)]]
    var frontier = StreamingRoot()
    var count = 0
    var problems: [String] = []
    var latest: [String: [String: LatestEntry]] = [:]
    private var actorHashes: [String: String] = [:]

    init(keys: LedgerKeys, targets: [Int: [(TreeHash, String)]]) {
        self.keys = keys
        self.targets = targets
    }

    /// An entry as read from its columns, with its stored leaf; or why it could not be read.
    enum Read {
        case entry(LedgerEntry, leaf: String?)
        case unreadable(String)
    }

    /// Reads a row; touches none of the scan's state (see `EntryPipeline`).
    func read(_ row: some LedgerColumns) -> Read {
        do {
            return .entry(try LedgerEntry(columns: row), leaf: try row.text("leaf"))
        } catch {
            return .unreadable("\(error)")
        }
    }

    func consume(_ row: some LedgerColumns) {
        check(read(row))
    }

    /// Checks entries in log order.
    func check(_ read: Read) {
        switch read {
        case .unreadable(let error):
            problems.append("entry \(count): unreadable (\(error))")
            count += 1
        case .entry(let entry, let stored):
            check(entry, stored: stored)
        }
    }

    private func check(_ entry: LedgerEntry, stored: String?) {
        let seq = entry.seq
        if seq != Int64(count) {
            problems.append("entry \(count): found sequence number \(seq) in its place: entries deleted or reordered")
        }
        let actorHash: String
        if let cached = actorHashes[entry.actor] { actorHash = cached } else {
            actorHash = keys.keyedHash(entry.actor)
            actorHashes[entry.actor] = actorHash
        }
        // The tree is rebuilt from the entries as their columns say: any edit changes a leaf.
        let leaf = entry.encoded(actorHash: actorHash).withUnsafeBytes { MerkleHashing.leafHash(bytes: $0) }
        if stored == nil {
            problems.append("entry \(seq): has no stored leaf hash")
        } else if stored != leaf.hex {
            problems.append("entry \(seq): does not match its leaf in the stored tree: edited or reordered")
        }
        frontier.append(leaf)
        count += 1
        for (root, label) in targets[count] ?? [] where frontier.root() != root {
            problems.append("\(label): the log's first \(count) entries no longer give its root: history was rewritten")
        }
        latest[entry.objectType, default: [:]][entry.objectID] = LatestEntry(seq: Int(seq), action: entry.action, hashAfter: entry.hashAfter)
    }
}

/// Pass 1 on two threads: the reader turns rows into entries (`EntryScan.read`) in batches, a
/// serial queue checks them in order (`EntryScan.check`), at most two batches ahead of it.
private final class EntryPipeline: @unchecked Sendable {
    // `batch` belongs to the reader's thread; `scan` is mutated only on `queue`.
    private let scan: EntryScan
    private let queue = DispatchQueue(label: "sunlight.verify")
    private let slots = DispatchSemaphore(value: 2)
    private var batch: [EntryScan.Read] = []
    private static let batchSize = 4096

    init(scan: EntryScan) { self.scan = scan }

    func add(_ row: some LedgerColumns) {
        batch.append(scan.read(row))
        if batch.count >= Self.batchSize { send() }
    }

    /// Sends what is left and waits until every entry is checked.
    func finish() {
        if !batch.isEmpty { send() }
        queue.sync {}
    }

    private func send() {
        let items = batch
        batch = []
        batch.reserveCapacity(Self.batchSize)
        slots.wait()
        queue.async { [scan, slots] in
            for item in items { scan.check(item) }
            slots.signal()
        }
    }
}

/// Pass 2 state for one dataset.
private final class RecordScan: @unchecked Sendable {
    let dataset: Dataset
    var unvisited: [String: LatestEntry]
    var count = 0
    var problems: [String] = []

    init(dataset: Dataset, latest: [String: LatestEntry]) {
        self.dataset = dataset
        self.unvisited = latest
    }

    func consume(_ row: any SQLRow) {
        count += 1
        do {
            let id = String(try row.decode(column: "id", as: Int64.self))
            let record = try RecordCodec.decode(row, dataset: dataset)
            let hash = RecordCodec.hash(record, in: dataset)
            guard let latest = unvisited.removeValue(forKey: id) else {
                problems.append("\(dataset.name) #\(id): no ledger entry: inserted outside Sunlight")
                return
            }
            if latest.action == "delete" {
                problems.append("\(dataset.name) #\(id): present, but the ledger recorded its deletion at entry \(latest.seq)")
            } else if latest.hashAfter != hash {
                problems.append("\(dataset.name) #\(id): content differs from ledger entry \(latest.seq): edited outside Sunlight")
            }
        } catch {
            problems.append("\(dataset.name): unreadable row (\(error))")
        }
    }
}

/// The RFC 9162 root of a growing list of leaves, keeping only the O(log n) perfect subtrees of
/// the right edge: what lets `verify` recompute a tree of millions of entries in flat memory.
struct StreamingRoot: Sendable {
    private var stack: [(size: Int, hash: TreeHash)] = []

    mutating func append(_ leaf: TreeHash) {
        var node = (size: 1, hash: leaf)
        while let last = stack.last, last.size == node.size {
            stack.removeLast()
            node = (last.size * 2, MerkleHashing.nodeHash(last.hash, node.hash))
        }
        stack.append(node)
    }

    func root() -> TreeHash {
        guard var hash = stack.last?.hash else { return MerkleHashing.emptyRoot }
        for item in stack.dropLast().reversed() { hash = MerkleHashing.nodeHash(item.hash, hash) }
        return hash
    }
}
