import SQLKit

/// Migration 9: on SQLite, the ledger's keys become the tables' row ids.
///
/// Why: in SQLite only `INTEGER PRIMARY KEY` names the row id; the `BIGINT PRIMARY KEY` of
/// migration 4 gave `ledger_entries` and `ledger_nodes` a hidden row id *and* a separate unique
/// index on the key. Every ledger write — one entry and about two nodes per change, three
/// quarters of the rows an import writes — went into two b-trees instead of one. The tables
/// are copied into their new form in key order (DDL is transactional in SQLite: the migration
/// applies whole or not at all). PostgreSQL has no hidden row id: nothing to do there.
enum LedgerRowIDs {
    static func migrate(_ db: any SQLDatabase, _ kind: SunlightDatabase.Kind) async throws {
        guard kind == .sqlite else { return }
        let entryColumns = "seq, at, actor, action, object_type, object_id, key_hash, hash_before, hash_after, details"
        try await rebuild("ledger_entries", as: """
            seq INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            object_type TEXT NOT NULL,
            object_id TEXT NOT NULL,
            key_hash TEXT,
            hash_before TEXT,
            hash_after TEXT,
            details TEXT
            """, columns: entryColumns, key: "seq", on: db)
        try await db.raw("CREATE INDEX ledger_entries_object ON ledger_entries (object_type, object_id)").run()
        try await rebuild("ledger_nodes", as: "id INTEGER PRIMARY KEY, hash TEXT NOT NULL", columns: "id, hash", key: "id", on: db)
    }

    private static func rebuild(_ table: String, as definition: String, columns: String, key: String,
                                on db: any SQLDatabase) async throws {
        let staging = table + "_rowid"
        try await db.raw(SQLQueryString("CREATE TABLE \(unsafeRaw: staging) (\(unsafeRaw: definition))")).run()
        try await db.raw(SQLQueryString(
            "INSERT INTO \(unsafeRaw: staging) (\(unsafeRaw: columns)) SELECT \(unsafeRaw: columns) FROM \(unsafeRaw: table) ORDER BY \(unsafeRaw: key)"
        )).run()
        try await db.raw(SQLQueryString("DROP TABLE \(unsafeRaw: table)")).run()
        try await db.raw(SQLQueryString("ALTER TABLE \(unsafeRaw: staging) RENAME TO \(unsafeRaw: table)")).run()
    }
}
