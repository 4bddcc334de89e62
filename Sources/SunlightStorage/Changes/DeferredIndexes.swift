/// Secondary indexes of a table the bulk path fills from empty: dropped before its first write
/// and created again, from the same SQL, before anything else reads the table (`restore`, at
/// every `BulkPath.flush`: before each SQLKit write and before the commit).
///
/// Why: an index whose keys arrive in another order than the rows (a name, a unit code, a
/// ledger entry's object id, which sorts as text) takes each new entry somewhere in its middle:
/// a descent from the root and, every few rows, a page split that moves half a page. For a
/// million people that was more than half of SQLite's work on the import. `CREATE INDEX`
/// sorts the table's keys once and writes the pages in order, at a quarter of the cost.
///
/// Only indexes made by `CREATE INDEX` that enforce nothing are deferred (`PRAGMA index_list`:
/// origin `c`, not unique). Constraint indexes (`UNIQUE`, a non-integer `PRIMARY KEY`) stay:
/// SQLite keeps them, and they must refuse a duplicate the moment it is inserted. Only tables
/// found empty qualify, so a rebuild costs in proportion to the rows this transaction brought;
/// and only for imports (saves that promise distinct keys) and a new ledger, not for the one
/// record a form saves.
/// DDL is transactional in SQLite: a rollback brings the indexes back as they were, and other
/// connections see the dropped index neither before nor after the commit.
final class DeferredIndexes {
    /// Tables already considered in this transaction (deferred or not: once is enough).
    private var considered: Set<String> = []
    /// Dropped indexes, each with the SQL that created it, in the order they were dropped.
    private var dropped: [(name: String, sql: String)] = []

    /// Drops `table`'s deferrable indexes if the table is empty and this is the first time the
    /// transaction asks about it.
    func deferIfEmpty(_ table: String, on connection: SQLiteBulkConnection) throws {
        guard considered.insert(table).inserted, try connection.isEmpty(table) else { return }
        var names: [String] = []
        try connection.statement("SELECT name FROM pragma_index_list(?) WHERE origin = 'c' AND \"unique\" = 0 AND partial = 0")
            .bound(table).query { row in
                if let name = row.text(0) { names.append(name) }
            }
        for name in names.sorted() {
            var sql: String?
            try connection.statement("SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ?").bound(name).query { row in
                sql = row.text(0)
            }
            guard let sql else { continue }
            try connection.execute("DROP INDEX " + SQLiteRecordWriter.quoted(name))
            dropped.append((name, sql))
        }
    }

    /// Creates every dropped index again (SQLite sorts the keys, on two threads if it may).
    func restore(on connection: SQLiteBulkConnection) throws {
        guard !dropped.isEmpty else { return }
        let indexes = dropped
        dropped = []
        try connection.withSortThreads {
            for index in indexes { try connection.execute(index.sql) }
        }
    }
}
