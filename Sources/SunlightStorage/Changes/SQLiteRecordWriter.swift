import SunlightContract

/// `WriteTransaction.save` on the SQLite bulk path: the generic path's reads, writes and changes,
/// in the same order — look every key of the batch up; update changed rows (their changes
/// first, in record order); refuse a new key twice in one batch; insert new rows (their changes
/// next, in record order) — with statements prepared once per transaction.
///
/// Lookups and inserts go `chunk` rows per statement (SQLite's per-statement work — opening a
/// cursor on the table and on each index — is paid once per chunk, not per row). New rows get
/// the ids `AUTOINCREMENT` hands out: one past the larger of the table's highest id and its
/// `sqlite_sequence` entry, then consecutive (the write lock is held: no one else inserts);
/// each statement's last id is checked against that.
struct SQLiteRecordWriter {
    let connection: SQLiteBulkConnection
    let dataset: Dataset
    let actor: String
    let now: String
    /// Rows per multi-row statement.
    static let chunk = 32

    /// The outcome of each record, the changes to record, and for each change the index of its record.
    func save(_ keyed: [KeyedRecord], distinctKeys: Bool) throws -> (outcomes: [SaveOutcome], changes: [Change], changedItems: [Int]) {
        // Only rows this transaction inserted can be in a table it found empty; with distinct
        // keys (`WriteTransaction.prepare`) none of them has one of these keys.
        // Imports (which promise distinct keys) fill tables wholesale; a form's one record is
        // not worth dropping and rebuilding indexes for.
        if distinctKeys { try connection.deferredIndexes.deferIfEmpty(dataset.table, on: connection) }
        let fresh = try connection.isStillFresh(dataset.table, distinctKeys: distinctKeys)
        let existing = fresh ? [:] : try lookUp(keyed.map(\.key))
        var outcomes: [SaveOutcome?] = Array(repeating: nil, count: keyed.count)
        var changes: [Change] = []
        changes.reserveCapacity(keyed.count)
        var changedItems: [Int] = []
        changedItems.reserveCapacity(keyed.count)
        var inserts: [Int] = []
        inserts.reserveCapacity(keyed.count)
        var insertedKeys: Set<String> = []
        var update: SQLiteBulkStatement?
        for (index, item) in keyed.enumerated() {
            if let current = existing[item.key] {
                if current.hash == item.hash {
                    outcomes[index] = .unchanged(id: current.id)
                    continue
                }
                if update == nil { update = try connection.statement(Self.updateSQL(dataset)) }
                try self.update(id: current.id, with: item, using: update!)
                outcomes[index] = .updated(id: current.id)
                changes.append(change(.update, current.id, key: item.key, before: current.hash, after: item.hash))
                changedItems.append(index)
            } else if !distinctKeys && !insertedKeys.insert(item.key).inserted {
                // With distinct keys promised, the table's unique key would refuse a repeat
                // anyway; only a caller making no promise needs the clearer error.
                throw DuplicateKeyError(dataset: dataset.name, key: item.key)
            } else {
                inserts.append(index)
            }
        }
        guard !inserts.isEmpty else { return (outcomes.map { $0! }, changes, changedItems) }
        let firstID = try nextID()
        try insert(inserts, of: keyed, firstID: firstID)
        for (row, index) in inserts.enumerated() {
            let id = firstID + Int64(row)
            outcomes[index] = .inserted(id: id)
            changes.append(change(.create, id, key: keyed[index].key, before: nil, after: keyed[index].hash))
            changedItems.append(index)
        }
        return (outcomes.map { $0! }, changes, changedItems)
    }

    /// Inserts `keyed[inserts[…]]`, checking that they get ids from `firstID` on.
    private func insert(_ inserts: [Int], of keyed: [KeyedRecord], firstID: Int64) throws {
        let columns = ["row_key"] + dataset.fields.map(\.name) + ["attributes", "record_hash"]
        let shared = [(column: "created_at", value: now), (column: "updated_at", value: now)]
        try keyed.withUnsafeBufferPointer { keyed in
            try connection.insert(into: Self.quoted(dataset.table), columns: columns.map(Self.quoted),
                                  shared: shared.map { (Self.quoted($0.column), $0.value) }, count: inserts.count,
                                  chunk: Self.chunk, bind: { statement, row, first in
                // Fields read in place: copying the whole item retained and released each of its strings.
                let index = inserts[row]
                try statement.bind(first, keyed[index].key)
                var position = first + 1
                for value in keyed[index].values {
                    try bind(value, at: position, of: statement)
                    position += 1
                }
                try statement.bind(position, keyed[index].attributes)
                try statement.bind(position + 1, keyed[index].hash)
            }, inserted: { rows in
                let expected = firstID + Int64(rows) - 1
                guard connection.lastInsertRowID == expected else {
                    throw UnexpectedRowID(table: dataset.table, expected: expected, found: connection.lastInsertRowID)
                }
            })
        }
    }

    /// The stored id and hash of each of `keys` that is in the table.
    private func lookUp(_ keys: [String]) throws -> [String: (id: Int64, hash: String)] {
        var found: [String: (id: Int64, hash: String)] = [:]
        var start = 0
        while start < keys.count {
            let count = keys.count - start >= Self.chunk ? Self.chunk : 1
            let statement = try connection.statement(Self.lookupSQL(dataset, keys: count))
            for offset in 0..<count { try statement.bind(Int32(offset + 1), keys[start + offset]) }
            try statement.query { row in
                if let key = row.text(1) { found[key] = (row.integer(0), row.text(2) ?? "") }
            }
            start += count
        }
        return found
    }

    /// The id `AUTOINCREMENT` gives the next row.
    private func nextID() throws -> Int64 {
        var highest: Int64 = 0
        let table = Self.quoted(dataset.table)
        try connection.statement("SELECT COALESCE(MAX(id), 0) FROM \(table)").query { highest = $0.integer(0) }
        try connection.statement("SELECT seq FROM sqlite_sequence WHERE name = ?").bound(dataset.table).query {
            highest = max(highest, $0.integer(0))
        }
        return highest + 1
    }

    private func update(id: Int64, with item: KeyedRecord, using update: SQLiteBulkStatement) throws {
        try update.bind(1, item.key)
        try update.bind(2, item.attributes)
        try update.bind(3, item.hash)
        try update.bind(4, now)
        var position: Int32 = 5
        for value in item.values {
            try bind(value, at: position, of: update)
            position += 1
        }
        try update.bind(position, id)
        try update.run()
    }

    /// The value as SQLKit binds it on SQLite: booleans as 1/0.
    private func bind(_ value: FieldValue, at position: Int32, of statement: SQLiteBulkStatement) throws {
        switch value {
        case .null: try statement.bindNull(position)
        case .text(let text): try statement.bind(position, text)
        case .integer(let integer): try statement.bind(position, integer)
        case .bool(let flag): try statement.bind(position, Int64(flag ? 1 : 0))
        }
    }

    private func change(_ action: Change.Action, _ id: Int64, key: String, before: String?, after: String?) -> Change {
        Change(at: now, actor: actor, action: action, objectType: dataset.name, objectID: String(id), objectKey: key,
               hashBefore: before, hashAfter: after)
    }

    static func lookupSQL(_ dataset: Dataset, keys: Int) -> String {
        "SELECT id, row_key, record_hash FROM \(quoted(dataset.table)) WHERE row_key IN ("
            + Array(repeating: "?", count: keys).joined(separator: ", ") + ")"
    }

    static func updateSQL(_ dataset: Dataset) -> String {
        let columns = ["row_key", "attributes", "record_hash", "updated_at"] + dataset.fields.map(\.name)
        return "UPDATE \(quoted(dataset.table)) SET \(columns.map { "\(quoted($0)) = ?" }.joined(separator: ", ")) WHERE id = ?"
    }

    /// Table and column names come from the contract, never from input; quoted as SQLKit does.
    static func quoted(_ name: String) -> String { "\"\(name)\"" }
}

/// A row got another id than `AUTOINCREMENT` gives (see `SQLiteRecordWriter`): never expected;
/// the transaction is abandoned rather than record wrong ids in the ledger.
struct UnexpectedRowID: Error, CustomStringConvertible {
    let table: String
    let expected: Int64
    let found: Int64

    var description: String { "\(table): expected row id \(expected), SQLite gave \(found)" }
}
