import Foundation
import SQLKit
import SunlightProcurement

/// OCDS contracting processes kept in the database (`sunlight import ocds`): one row per
/// `ocid`, holding the canonical JSON of the compact model (`StoredProcess`) and its SHA-256.
///
/// A later import of the same `ocid` replaces the process (OCDS publishes a process's newest
/// compiled state); an unchanged one is left alone, so re-imports are idempotent. Every insert
/// and replacement is a change in the ledger, with the hashes before and after.
public enum OCDSProcessStore {
    static let table = "ocds_processes"

    static func createTable(on db: any SQLDatabase, kind: SunlightDatabase.Kind) async throws {
        try await db.raw(SQLQueryString("""
            CREATE TABLE ocds_processes (
                id \(unsafeRaw: kind.serialPrimaryKey),
                ocid TEXT NOT NULL UNIQUE,
                buyer_id TEXT,
                buyer_name TEXT,
                process TEXT NOT NULL,
                record_hash TEXT NOT NULL,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL)
            """)).run()
    }

    /// One process ready to store: its canonical JSON and the hash of it.
    public struct Encoded: Sendable {
        public let ocid: String
        public let buyerID: String?
        public let buyerName: String?
        public let json: String
        public let hash: String

        public init(ocid: String, buyerID: String?, buyerName: String?, json: String, hash: String) {
            self.ocid = ocid
            self.buyerID = buyerID
            self.buyerName = buyerName
            self.json = json
            self.hash = hash
        }
    }

    /// What a batch did.
    public struct Counts: Sendable, Equatable {
        public var inserted = 0
        public var updated = 0
        public var unchanged = 0
        public init() {}
    }

    /// Saves a batch in the transaction: inserts new `ocid`s, replaces changed ones. Within a
    /// batch a repeated `ocid` keeps its last process, as a later line of the file would.
    public static func save(_ batch: [Encoded], tx: WriteTransaction) async throws -> Counts {
        var last: [String: Int] = [:]
        for (i, item) in batch.enumerated() { last[item.ocid] = i }
        let items = batch.enumerated().filter { last[$0.element.ocid] == $0.offset }.map(\.element)
        var counts = Counts()
        guard !items.isEmpty else { return counts }
        var existing: [String: (id: Int64, hash: String)] = [:]
        for chunk in stride(from: 0, to: items.count, by: 500) {
            let ocids = items[chunk..<min(chunk + 500, items.count)].map(\.ocid)
            for row in try await tx.sql.select().columns("id", "ocid", "record_hash").from(table)
                .where("ocid", .in, SQLBind.group(ocids)).all() {
                existing[try row.decode(column: "ocid", as: String.self)] =
                    (try row.decode(column: "id", as: Int64.self), try row.decode(column: "record_hash", as: String.self))
            }
        }
        let now = Timestamps.now()
        var changes: [Change] = []
        let fresh = items.filter { existing[$0.ocid] == nil }
        for chunk in stride(from: 0, to: fresh.count, by: 200) {
            var insert = tx.sql.insert(into: table).columns("ocid", "buyer_id", "buyer_name", "process", "record_hash", "created_at", "updated_at")
            for item in fresh[chunk..<min(chunk + 200, fresh.count)] {
                insert = insert.values(SQLBind(item.ocid), SQLBind(item.buyerID), SQLBind(item.buyerName), SQLBind(item.json),
                                       SQLBind(item.hash), SQLBind(now), SQLBind(now))
            }
            let hashes = Dictionary(fresh.map { ($0.ocid, $0.hash) }, uniquingKeysWith: { $1 })
            for row in try await insert.returning("id", "ocid").all() {
                let ocid = try row.decode(column: "ocid", as: String.self)
                changes.append(Change(at: now, actor: tx.principal.username, action: .create, objectType: table,
                                      objectID: String(try row.decode(column: "id", as: Int64.self)), objectKey: ocid,
                                      hashAfter: hashes[ocid]))
                counts.inserted += 1
            }
        }
        for item in items {
            guard let old = existing[item.ocid] else { continue }
            if old.hash == item.hash {
                counts.unchanged += 1
                continue
            }
            try await tx.sql.update(table).set("buyer_id", to: item.buyerID).set("buyer_name", to: item.buyerName)
                .set("process", to: item.json).set("record_hash", to: item.hash).set("updated_at", to: now)
                .where("id", .equal, old.id).run()
            changes.append(Change(at: now, actor: tx.principal.username, action: .update, objectType: table, objectID: String(old.id),
                                  objectKey: item.ocid, hashBefore: old.hash, hashAfter: item.hash))
            counts.updated += 1
        }
        if !changes.isEmpty { try await tx.record(changes) }
        return counts
    }

    /// How many processes are stored.
    public static func count(in database: SunlightDatabase) async throws -> Int {
        try await database.withConnection { db in
            try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(table).first()?
                .decode(column: "n", as: Int.self) ?? 0
        }
    }
}

extension OCDSProcessStore {
    /// Every stored process, in import order, for Cardinal's own output (`scan --format
    /// cardinal`). A process that no longer decodes is an error here, not a silent gap.
    public static func processes(in database: SunlightDatabase) async throws -> [ContractingProcess] {
        try await database.withConnection { db in
            var out: [ContractingProcess] = []
            for row in try await db.select().columns("ocid", "process").from(table).orderBy("id").all() {
                out.append(try StoredProcess.decode(try row.decode(column: "process", as: String.self)))
            }
            return out
        }
    }
}
