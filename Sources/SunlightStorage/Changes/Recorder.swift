import Crypto
import Foundation
import SQLKit
import SunlightContract
import SunlightDomain

/// The one write path. Every change to Sunlight's records goes through a `Recorder`
/// transaction, which writes the change and hands a `Change` to the sink in the same database
/// transaction. Nothing else in the code base inserts, updates or deletes a record.
public struct Recorder: Sendable {
    public let database: SunlightDatabase
    public let sink: any ChangeSink

    public init(database: SunlightDatabase, sink: any ChangeSink) {
        self.database = database
        self.sink = sink
    }

    /// The recorder of a database whose changes go to its tamper-evident ledger.
    public init(ledger: Ledger) {
        self.init(database: ledger.database, sink: LedgerSink(keys: ledger.keys))
    }

    /// Runs `body` in one transaction on behalf of `principal`. If `body` throws, nothing it did
    /// is kept, neither the records nor their change entries. `bulk`: the transaction writes a
    /// large part of the file, such as an import (see `SunlightDatabase.transaction(bulk:)`).
    /// Its result is the body's, which a caller may ignore (a save run for its effect).
    @discardableResult
    public func write<T: Sendable>(by principal: Principal, bulk: Bool = false,
                                   _ body: @Sendable (WriteTransaction) async throws -> T) async throws -> T {
        let sink = self.sink
        // Runs until the commit's checkpoint is done, after the transaction's own scope.
        let writeback = EarlyWriteback()
        defer { writeback.stop() }
        return try await database.transaction(bulk: bulk) { db in
            let transaction = WriteTransaction(sql: db, principal: principal, sink: sink, writeback: writeback)
            // Prepared statements of the bulk path are finalized before the transaction ends.
            defer { transaction.bulk.close() }
            let result = try await body(transaction)
            try await transaction.bulk.flush()
            return result
        }
    }
}

/// What happened to one saved record.
public enum SaveOutcome: Sendable, Equatable {
    case inserted(id: Int64)
    case updated(id: Int64)
    case unchanged(id: Int64)

    public var id: Int64 {
        switch self {
        case .inserted(let id), .updated(let id), .unchanged(let id): return id
        }
    }
}

/// A record write that conflicts with another record's key.
public struct DuplicateKeyError: BilingualError, Equatable {
    public let dataset: String
    public let key: String
    public var code: String { "record.duplicate_key" }
    public var kind: ErrorKind { .conflict }
    // The key is not repeated: it may be an ID number, and the caller already knows it.
    public var messageZh: String { "已有相同关键字段的记录" }
    public var messageEn: String { "a record with the same key exists" }
}

/// The handle a write transaction's body gets: record operations that also record their change.
public struct WriteTransaction: Sendable {
    public let sql: any SQLDatabase
    public let principal: Principal
    let sink: any ChangeSink
    /// Prepared statements on this transaction's SQLite connection (see `SQLiteBulkConnection`).
    let bulk: BulkPath

    init(sql: any SQLDatabase, principal: Principal, sink: any ChangeSink, writeback: EarlyWriteback) {
        self.sql = sql
        self.principal = principal
        self.sink = sink
        self.bulk = BulkPath(writeback: writeback)
    }

    /// The digest a ledger entry carries for a secret (a report's words, a message, talk notes):
    /// keyed with the ledger's key, which lives outside the database. A plain SHA-256 let anyone
    /// holding the ledger — a witness, a backup — confirm a guess of the text. Sinks without a
    /// key (tests') fall back to SHA-256.
    public func secretDigest(_ text: String) -> String {
        if let keyed = sink as? any BulkChangeSink { return keyed.keyHash("secret:" + text) }
        return SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Inserts new records and updates changed ones, matched by the dataset key; unchanged
    /// records are left alone (idempotent re-import). This is the import hot path: on SQLite
    /// (with the ledger as sink) batches go through statements prepared once per transaction
    /// (`SQLiteRecordWriter`); elsewhere through multi-row SQLKit statements. Both paths read,
    /// write and record the same rows and changes, in the same order.
    ///
    /// `rowKeys`, when given, are the rows' stored keys (one per record); by default each
    /// record's contract key. Rolls (`Dataset.replacesRolls`) need their own: a person may
    /// appear twice in one roll.
    @discardableResult
    public func save(_ records: [Record], rowKeys: [String]? = nil, in dataset: Dataset) async throws -> [SaveOutcome] {
        try await save(prepare(records, rowKeys: rowKeys, in: dataset))
    }

    /// The part of `save` that needs no database: each record's stored key, canonical hash and
    /// attributes, and (for the ledger) the keyed hash of its key. Synchronous and free of
    /// side effects, so an import can prepare one batch on its own thread while the previous
    /// one is written. Save the result in this same transaction.
    ///
    /// `distinctKeys` is the caller's promise that no key of these records comes twice among
    /// all records it saves with that promise in this transaction (the importer rejects a
    /// file's duplicate keys before saving). Into a table that was empty when the transaction
    /// first saved to it, such records need no lookup: none of their keys can be there yet.
    public func prepare(_ records: [Record], rowKeys: [String]? = nil, distinctKeys: Bool = false,
                        in dataset: Dataset) -> PreparedRecords {
        prepare(rows: records.map { ParsedRow($0, in: dataset) }, rowKeys: rowKeys, distinctKeys: distinctKeys, in: dataset)
    }

    /// `prepare` for rows as `RowParser.parseRow` gives them (an import): no record dictionaries.
    public func prepare(rows: [ParsedRow], rowKeys: [String]? = nil, distinctKeys: Bool = false,
                        in dataset: Dataset) -> PreparedRecords {
        precondition(rowKeys == nil || rowKeys!.count == rows.count, "one row key per record")
        var scratch: [UInt8] = []
        scratch.reserveCapacity(512)
        let items = rows.indices.map { index in
            let row = rows[index]
            return KeyedRecord(key: rowKeys?[index] ?? dataset.key(values: row.values), values: row.values,
                               hash: RecordCodec.hash(values: row.values, attributes: row.attributes, in: dataset, scratch: &scratch),
                               attributes: RecordCodec.attributesJSON(row.attributes))
        }
        let keyHashes = (sink as? any BulkChangeSink).map { sink in items.map { sink.keyHash($0.key) } }
        return PreparedRecords(dataset: dataset, items: items, keyHashes: keyHashes, distinctKeys: distinctKeys,
                               preparedFor: ObjectIdentifier(bulk))
    }

    /// Saves records made ready by `prepare` (see `save(_:rowKeys:in:)`).
    @discardableResult
    public func save(_ prepared: PreparedRecords) async throws -> [SaveOutcome] {
        let keyed = prepared.items
        let dataset = prepared.dataset
        guard !keyed.isEmpty else { return [] }
        let now = Timestamps.now()
        if let bulkSink = sink as? any BulkChangeSink, let connection = await bulk.connection(on: sql) {
            // Distinct keys are an import's promise (see `prepare`).
            if prepared.distinctKeys { bulk.startWriteback(for: connection) }
            let actor = principal.username
            let session = UncheckedSession(session: bulk.session(for: bulkSink))
            let bulkPath = bulk
            return try await connection.run { connection in
                let writer = SQLiteRecordWriter(connection: connection, dataset: dataset, actor: actor, now: now)
                let saved = try writer.save(keyed, distinctKeys: prepared.distinctKeys)
                // Key hashes taken ahead by this transaction's sink (another's would not do).
                let ahead = prepared.preparedFor == ObjectIdentifier(bulkPath) ? prepared.keyHashes : nil
                let keyHashes = saved.changedItems.map { ahead?[$0] }
                try session.session.append(saved.changes, keyHashes: keyHashes, on: connection)
                return saved.outcomes
            }
        }
        var existing: [String: (id: Int64, hash: String)] = [:]
        for chunk in stride(from: 0, to: keyed.count, by: 500) {
            let keys = keyed[chunk..<min(chunk + 500, keyed.count)].map(\.key)
            let rows = try await sql.select().columns("id", "row_key", "record_hash").from(dataset.table)
                .where("row_key", .in, keys).all()
            for row in rows {
                existing[try row.decode(column: "row_key", as: String.self)] =
                    (try row.decode(column: "id", as: Int64.self), try row.decode(column: "record_hash", as: String.self))
            }
        }
        var outcomes: [SaveOutcome?] = Array(repeating: nil, count: keyed.count)
        var changes: [Change] = []
        var inserts: [Int] = []
        var insertedKeys: [String: Int] = [:]
        for (index, item) in keyed.enumerated() {
            if let current = existing[item.key] {
                if current.hash == item.hash {
                    outcomes[index] = .unchanged(id: current.id)
                    continue
                }
                try await updateRow(id: current.id, values: item.values, attributes: item.attributes, hash: item.hash, key: item.key,
                                    in: dataset, now: now)
                existing[item.key] = (current.id, item.hash)
                outcomes[index] = .updated(id: current.id)
                changes.append(change(.update, dataset, current.id, key: item.key, before: current.hash, after: item.hash, now: now))
            } else if insertedKeys[item.key] != nil {
                throw DuplicateKeyError(dataset: dataset.name, key: item.key)
            } else {
                insertedKeys[item.key] = index
                inserts.append(index)
            }
        }
        let columns = ["row_key"] + dataset.fields.map(\.name) + ["attributes", "record_hash", "created_at", "updated_at"]
        let perStatement = max(1, 30_000 / columns.count / 4)
        for chunk in stride(from: 0, to: inserts.count, by: perStatement) {
            var insert = sql.insert(into: dataset.table).columns(columns)
            for index in inserts[chunk..<min(chunk + perStatement, inserts.count)] {
                let item = keyed[index]
                var values: [any SQLExpression] = [SQLBind(item.key)]
                values += item.values.map(RecordCodec.bind)
                values += [SQLBind(item.attributes), SQLBind(item.hash), SQLBind(now), SQLBind(now)]
                insert = insert.values(values)
            }
            let rows = try await insert.returning("id", "row_key").all()
            for row in rows {
                let key = try row.decode(column: "row_key", as: String.self)
                let id = try row.decode(column: "id", as: Int64.self)
                guard let index = insertedKeys[key] else { continue }
                outcomes[index] = .inserted(id: id)
                changes.append(change(.create, dataset, id, key: key, before: nil, after: keyed[index].hash, now: now))
            }
        }
        try await append(changes, on: sql)
        return outcomes.map { $0! }
    }

    /// Writes what the bulk path still holds and creates again the indexes it deferred
    /// (`DeferredIndexes`). Every write through this transaction does so first; call it before
    /// reading a dataset's table through `sql` after saving to it, or the read finds no index.
    public func settle() async throws {
        try await bulk.flush()
    }

    /// Replaces the record with this id (a form or API edit). The key may change, as long as
    /// it does not collide with another record.
    public func update(id: Int64, with record: Record, in dataset: Dataset) async throws -> SaveOutcome {
        guard let current = try await sql.select().columns("record_hash").from(dataset.table).where("id", .equal, id).first() else {
            throw RecordNotFound(dataset: dataset.name, id: id)
        }
        let before = try current.decode(column: "record_hash", as: String.self)
        let hash = RecordCodec.hash(record, in: dataset)
        if hash == before { return .unchanged(id: id) }
        let key = record.key(in: dataset)
        if let other = try await sql.select().column("id").from(dataset.table).where("row_key", .equal, key).first(),
           try other.decode(column: "id", as: Int64.self) != id {
            throw DuplicateKeyError(dataset: dataset.name, key: key)
        }
        let now = Timestamps.now()
        try await updateRow(id: id, values: dataset.fields.map { record[$0.name] }, attributes: RecordCodec.attributesJSON(record),
                            hash: hash, key: key, in: dataset, now: now)
        try await append([change(.update, dataset, id, key: key, before: before, after: hash, now: now)], on: sql)
        return .updated(id: id)
    }

    /// Deletes the record with this id.
    public func delete(id: Int64, in dataset: Dataset) async throws {
        guard let current = try await sql.select().columns("record_hash", "row_key").from(dataset.table).where("id", .equal, id).first() else {
            throw RecordNotFound(dataset: dataset.name, id: id)
        }
        let before = try current.decode(column: "record_hash", as: String.self)
        let key = try current.decode(column: "row_key", as: String.self)
        try await sql.delete(from: dataset.table).where("id", .equal, id).run()
        try await append([change(.delete, dataset, id, key: key, before: before, after: nil, now: Timestamps.now())], on: sql)
    }

    /// Records changes to objects other than dataset records (findings, scans), with the
    /// hashes the caller computed.
    public func record(_ changes: [Change]) async throws {
        try await append(changes, on: sql)
    }

    /// Records an event that is not a record write (an import, a login, an export).
    public func note(_ action: Change.Action, objectType: String, objectID: String, details: String? = nil) async throws {
        try await append([Change(at: Timestamps.now(), actor: principal.username, action: action,
                                 objectType: objectType, objectID: objectID, details: details)], on: sql)
    }

    /// Hands changes to the sink directly, after whatever the bulk path still holds.
    private func append(_ changes: [Change], on sql: any SQLDatabase) async throws {
        try await bulk.flush()
        try await sink.append(changes, on: sql)
    }

    private func updateRow(id: Int64, values: [FieldValue], attributes: String, hash: String, key: String, in dataset: Dataset,
                           now: String) async throws {
        var update = sql.update(dataset.table)
            .set("row_key", to: key)
            .set("attributes", to: attributes)
            .set("record_hash", to: hash)
            .set("updated_at", to: now)
        for (field, value) in zip(dataset.fields, values) {
            update = update.set(SQLIdentifier(field.name), to: RecordCodec.bind(value))
        }
        try await update.where("id", .equal, id).run()
    }

    private func change(_ action: Change.Action, _ dataset: Dataset, _ id: Int64, key: String, before: String?, after: String?,
                        now: String) -> Change {
        Change(at: now, actor: principal.username, action: action, objectType: dataset.name, objectID: String(id), objectKey: key,
               hashBefore: before, hashAfter: after)
    }
}

/// A record about to be saved: its stored key (`row_key`), values, canonical hash and attributes JSON.
struct KeyedRecord: Sendable {
    let key: String
    /// The record's values in `dataset.fields` order.
    let values: [FieldValue]
    let hash: String
    let attributes: String
}

/// Records made ready for `WriteTransaction.save(_:)` by `WriteTransaction.prepare`.
public struct PreparedRecords: Sendable {
    let dataset: Dataset
    let items: [KeyedRecord]
    /// The sink's keyed hash of each item's key, when the sink takes them ahead (the ledger).
    let keyHashes: [String]?
    /// See `WriteTransaction.prepare`.
    let distinctKeys: Bool
    /// The transaction whose sink computed `keyHashes`.
    let preparedFor: ObjectIdentifier

    public var count: Int { items.count }
}

/// No record with that id (or none the principal may see).
public struct RecordNotFound: Error, Sendable, Equatable {
    public let dataset: String
    public let id: Int64
}
