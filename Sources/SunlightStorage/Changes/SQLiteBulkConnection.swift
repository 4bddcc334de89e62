import Foundation
import VaporCSQLite

/// Prepared statements on the SQLite connection of one write transaction: the bulk write path.
///
/// SQLKit builds every statement as an expression tree, serialises it to text, encodes each bound
/// value through `Encodable`, and SQLiteNIO prepares the text afresh each time and hops to its
/// thread pool and back. For a million imported rows that is most of the cost. Here each
/// statement is prepared once per transaction and stepped per row with values bound directly.
///
/// Not thread-safe by itself: the owner (`WriteTransaction`) runs one batch at a time, on a
/// thread that may block, while the transaction's SQLKit connection is idle.
final class SQLiteBulkConnection: @unchecked Sendable {
    private let db: OpaquePointer
    private var statements: [String: SQLiteBulkStatement] = [:]
    /// The connection's own `cache_size` while `enlargeCache` is in effect.
    private var savedCacheSize: Int64?
    /// Per table: whether it was empty when the bulk path first wrote to it and has since only
    /// had records with distinct keys inserted (see `isStillFresh`).
    private var fresh: [String: Bool] = [:]
    /// Indexes dropped while their (empty) tables are filled, until `settle`.
    let deferredIndexes = DeferredIndexes()

    /// Pages the bulk path may keep in memory: 64 MiB (SQLite's default is 2 MiB). An import
    /// inserts into several indexes in key order, not file order; with a small cache, WAL mode
    /// writes each hot index page out to the log again and again before the commit and reads it
    /// back. A fixed size: memory stays flat whatever the file's length.
    static let cacheKiB: Int64 = 64 * 1024

    init(handle: OpaquePointer) { self.db = handle }

    deinit { close() }

    /// The statement for `sql`, prepared on first use and reset for reuse.
    func statement(_ sql: String) throws -> SQLiteBulkStatement {
        if let cached = statements[sql] { return cached }
        var handle: OpaquePointer?
        let status = sqlite_nio_sqlite3_prepare_v3(db, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &handle, nil)
        guard status == SQLITE_OK, let handle else { throw SQLiteBulkError(db: db, status: status) }
        let statement = SQLiteBulkStatement(db: db, handle: handle)
        statements[sql] = statement
        return statement
    }

    /// Runs one statement once, without caching it (pragmas).
    func execute(_ sql: String) throws {
        var handle: OpaquePointer?
        let status = sqlite_nio_sqlite3_prepare_v3(db, sql, -1, 0, &handle, nil)
        guard status == SQLITE_OK, let handle else { throw SQLiteBulkError(db: db, status: status) }
        defer { sqlite_nio_sqlite3_finalize(handle) }
        var step = sqlite_nio_sqlite3_step(handle)
        while step == SQLITE_ROW { step = sqlite_nio_sqlite3_step(handle) }
        guard step == SQLITE_DONE else { throw SQLiteBulkError(db: db, status: step) }
    }

    /// Inserts `count` rows into `table`: `chunk` rows per statement (prepared once) while at
    /// least `chunk` remain, then one row per statement. Fewer, longer statements spend less in
    /// SQLite's per-statement work. `bind` binds row `row`'s `columns` starting at parameter
    /// `first`; `shared` columns take the same value in every row, bound once (parameters 1…,
    /// before the rows'). `inserted`, if given, is called after each statement with the rows
    /// inserted so far. Texts bound by `bind` are copied into the statement's arena
    /// (`SQLiteBindArena`): every row parameter is bound again before each run.
    ///
    /// `OR FAIL`: a multi-row statement that may abort half-way (the default conflict action
    /// of every constraint) must first copy each page it changes into a statement journal, to
    /// undo its own earlier rows — a third of the insert's cost. On an error the bulk path's
    /// caller abandons the whole transaction anyway, so nothing of a failed statement is kept.
    /// A multi-row statement that names an `INTEGER PRIMARY KEY` keeps the journal all the
    /// same (the value may not be an integer): see `LedgerBulkSession.write`.
    func insert(into table: String, columns: [String], shared: [(column: String, value: String)] = [], count: Int,
                chunk: Int = SQLiteRecordWriter.chunk,
                bind: (SQLiteBulkStatement, _ row: Int, _ first: Int32) throws -> Void,
                inserted: ((Int) throws -> Void)? = nil) throws {
        let names = (columns + shared.map(\.column)).joined(separator: ", ")
        let width = columns.count
        /// Row `offset`'s placeholders: its own parameters, numbered after the shared ones, then the shared ones.
        func tuple(_ offset: Int) -> String {
            let own = (0..<width).map { "?\(shared.count + offset * width + $0 + 1)" }
            return "(" + (own + shared.indices.map { "?\($0 + 1)" }).joined(separator: ", ") + ")"
        }
        func prepared(rows: Int) throws -> SQLiteBulkStatement {
            let statement = try self.statement("INSERT OR FAIL INTO \(table) (\(names)) VALUES "
                                               + (0..<rows).map(tuple).joined(separator: ", "))
            statement.bindsThroughArena()
            for (index, column) in shared.enumerated() { try statement.bindCopy(Int32(index + 1), column.value) }
            return statement
        }
        let first = Int32(shared.count + 1)
        var row = 0
        if count >= chunk {
            let many = try prepared(rows: chunk)
            while count - row >= chunk {
                for offset in 0..<chunk { try bind(many, row + offset, first + Int32(offset * width)) }
                try many.run()
                row += chunk
                try inserted?(row)
            }
        }
        guard row < count else { return }
        let one = try prepared(rows: 1)
        while row < count {
            try bind(one, row, first)
            try one.run()
            row += 1
            try inserted?(row)
        }
    }

    /// Whether `table` was empty when the bulk path first wrote to it and has since been written
    /// only through it, with distinct keys (`WriteTransaction.prepare`) — including the write
    /// about to happen. Once not, never again in this transaction.
    func isStillFresh(_ table: String, distinctKeys: Bool) throws -> Bool {
        if let known = fresh[table] {
            if !distinctKeys { fresh[table] = false }
            return known && distinctKeys
        }
        let empty = try isEmpty(table)
        fresh[table] = empty && distinctKeys
        return empty && distinctKeys
    }

    /// Other writes may follow (through SQLKit): no table counts as fresh any more, and every
    /// deferred index is created again.
    func settle() throws {
        for table in fresh.keys { fresh[table] = false }
        try deferredIndexes.restore(on: self)
    }

    /// Whether `table` has no rows.
    func isEmpty(_ table: String) throws -> Bool {
        var empty = true
        try statement("SELECT 1 FROM \(SQLiteRecordWriter.quoted(table)) LIMIT 1").query { _ in empty = false }
        return empty
    }

    /// Runs `work` (index builds) with SQLite allowed helper threads for its sorts, one per
    /// further processor (at most three), then back to none, SQLite's default.
    ///
    /// The page cache is lowered to `sortCacheKiB` meanwhile, because SQLite's sorter keeps
    /// keys in memory up to the cache's size before it writes a sorted run: under the bulk
    /// path's 64 MiB cache a million keys fit in one run, sorted on the writer's thread alone
    /// while the helpers idle. With runs of 8 MiB the helpers sort each run while the writer
    /// reads on, and merge them: building the three indexes of a million people took 1.9–2.2 s
    /// instead of 2.4–3.1 s in the `sqlite3` shell (two processors), and the import of a million
    /// people 12.6–13.1 s instead of 13.2–13.8 s, its peak memory 165 MiB instead of 203 MiB.
    /// The index's own pages are written in key order, so the smaller cache costs them nothing.
    /// The runs are written to SQLite's temporary directory (`SQLITE_TMPDIR`, else `/var/tmp`
    /// or `/tmp`), as any sort larger than the cache always was.
    func withSortThreads(_ work: () throws -> Void) throws {
        let helpers = max(0, min(3, ProcessInfo.processInfo.activeProcessorCount - 1))
        var cacheSize: Int64 = 0
        try statement("PRAGMA cache_size").query { cacheSize = $0.integer(0) }
        try execute("PRAGMA threads = \(helpers)")
        if helpers > 0 { try execute("PRAGMA cache_size = -\(Self.sortCacheKiB)") }
        defer {
            try? execute("PRAGMA threads = 0")
            try? execute("PRAGMA cache_size = \(cacheSize)")
        }
        try work()
    }

    /// The page cache while indexes are built (see `withSortThreads`): SQLite's sorted runs are
    /// as large as the cache, but at least 250 pages.
    static let sortCacheKiB: Int64 = 8 * 1024

    /// The path of the main database file ("" for an in-memory or temporary database).
    var filename: String {
        sqlite_nio_sqlite3_db_filename(db, "main").map { String(cString: $0) } ?? ""
    }

    /// The connection's `sqlite3*`, for SQLite's own file descriptors (`EarlyWriteback`).
    var handle: OpaquePointer { db }

    /// The rowid of the last row inserted on this connection.
    var lastInsertRowID: Int64 { sqlite_nio_sqlite3_last_insert_rowid(db) }

    /// Raises the page cache to `cacheKiB` until `close`.
    func enlargeCache() throws {
        var current: Int64 = 0
        try statement("PRAGMA cache_size").query { current = $0.integer(0) }
        savedCacheSize = current
        try execute("PRAGMA cache_size = -\(Self.cacheKiB)")
    }

    /// Finalizes every statement and restores the cache size (before the transaction ends).
    func close() {
        for statement in statements.values { statement.finalize() }
        statements = [:]
        if let saved = savedCacheSize {
            savedCacheSize = nil
            try? execute("PRAGMA cache_size = \(saved)")
        }
    }
}

/// One prepared statement. Bind positions are 1-based, as in SQLite.
final class SQLiteBulkStatement {
    private let db: OpaquePointer
    private var handle: OpaquePointer?

    fileprivate init(db: OpaquePointer, handle: OpaquePointer) {
        self.db = db
        self.handle = handle
    }

    /// Texts bound after `bindsThroughArena` (until the next `run`), else copied by SQLite.
    private var arena: SQLiteBindArena?

    /// From now on, texts are copied into an arena that `run` empties: the caller binds every
    /// parameter again before each run (`SQLiteBulkConnection.insert` does), or SQLite would
    /// read a text the arena has since overwritten.
    func bindsThroughArena() {
        if arena == nil { arena = SQLiteBindArena() }
    }

    func bind(_ index: Int32, _ text: String) throws {
        guard let arena else { return try bindCopy(index, text) }
        var text = text
        let status: Int32 = text.withUTF8 { bytes in
            let copy = arena.copy(UnsafeRawBufferPointer(bytes)).assumingMemoryBound(to: CChar.self)
            return sqlite_nio_sqlite3_bind_text64(handle, index, copy, UInt64(bytes.count), Self.static, UInt8(SQLITE_UTF8))
        }
        try check(status)
    }

    /// Binds `text` as a copy SQLite makes (and keeps until it is bound again).
    func bindCopy(_ index: Int32, _ text: String) throws {
        var text = text
        // SQLITE_TRANSIENT: SQLite copies the bytes, so the Swift string need not outlive the call.
        let status: Int32 = text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else {
                // An empty string is empty text, not NULL (which a nil pointer would bind).
                return sqlite_nio_sqlite3_bind_text64(handle, index, "", 0, Self.transient, UInt8(SQLITE_UTF8))
            }
            return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                sqlite_nio_sqlite3_bind_text64(handle, index, $0, UInt64(bytes.count), Self.transient, UInt8(SQLITE_UTF8))
            }
        }
        try check(status)
    }

    func bind(_ index: Int32, _ text: String?) throws {
        if let text { try bind(index, text) } else { try bindNull(index) }
    }

    func bind(_ index: Int32, _ integer: Int64) throws {
        try check(sqlite_nio_sqlite3_bind_int64(handle, index, integer))
    }

    func bindNull(_ index: Int32) throws {
        try check(sqlite_nio_sqlite3_bind_null(handle, index))
    }

    /// Binds `text` to the first parameter (a one-parameter query).
    func bound(_ text: String) throws -> SQLiteBulkStatement {
        try bind(1, text)
        return self
    }

    /// Runs a statement that returns no rows, then resets it for the next use.
    func run() throws {
        let status = sqlite_nio_sqlite3_step(handle)
        sqlite_nio_sqlite3_reset(handle)
        arena?.reset()
        guard status == SQLITE_DONE else { throw SQLiteBulkError(db: db, status: status) }
    }

    /// Runs a query and hands each row to `row`, then resets the statement.
    func query(_ row: (SQLiteBulkStatement) throws -> Void) throws {
        defer { sqlite_nio_sqlite3_reset(handle) }
        while true {
            let status = sqlite_nio_sqlite3_step(handle)
            if status == SQLITE_DONE { return }
            guard status == SQLITE_ROW else { throw SQLiteBulkError(db: db, status: status) }
            try row(self)
        }
    }

    /// Column `index` (0-based) of the current row.
    func integer(_ index: Int32) -> Int64 { sqlite_nio_sqlite3_column_int64(handle, index) }

    /// Column `index`'s storage class: `SQLITE_INTEGER`, `SQLITE_FLOAT`, `SQLITE_TEXT`, `SQLITE_BLOB` or `SQLITE_NULL`.
    func type(_ index: Int32) -> Int32 { sqlite_nio_sqlite3_column_type(handle, index) }

    func double(_ index: Int32) -> Double { sqlite_nio_sqlite3_column_double(handle, index) }

    /// Column `index` as SQLiteNIO's `SQLiteData.string` gives it: text as is, numbers as text,
    /// nil for NULL and blobs.
    func string(_ index: Int32) -> String? {
        switch type(index) {
        case SQLITE_TEXT: return text(index)
        case SQLITE_INTEGER: return String(integer(index))
        case SQLITE_FLOAT: return String(double(index))
        default: return nil
        }
    }

    /// Column `index` as SQLiteNIO's `SQLiteData.integer` gives it.
    func integerValue(_ index: Int32) -> Int64? {
        switch type(index) {
        case SQLITE_INTEGER: return integer(index)
        case SQLITE_FLOAT: return Int64(double(index))
        case SQLITE_TEXT: return text(index).flatMap { Int64($0) }
        default: return nil
        }
    }

    /// Column `index`'s text bytes, valid until the statement steps on (nil for NULL).
    func textBytes(_ index: Int32) -> UnsafeRawBufferPointer? {
        guard let bytes = sqlite_nio_sqlite3_column_text(handle, index) else { return nil }
        return UnsafeRawBufferPointer(start: bytes, count: Int(sqlite_nio_sqlite3_column_bytes(handle, index)))
    }

    /// Column name → position in the result (decided once per query, then read by position).
    var columnPositions: [String: Int32] {
        var positions: [String: Int32] = [:]
        for (position, name) in columnNames.enumerated() { positions[name] = Int32(position) }
        return positions
    }

    /// The names of the result's columns, in order.
    var columnNames: [String] {
        (0..<sqlite_nio_sqlite3_column_count(handle)).map { String(cString: sqlite_nio_sqlite3_column_name(handle, $0)) }
    }

    /// Column `index`'s text (nil for NULL).
    func text(_ index: Int32) -> String? {
        textBytes(index).map { String(decoding: $0, as: UTF8.self) }
    }

    fileprivate func finalize() {
        sqlite_nio_sqlite3_finalize(handle)
        handle = nil
    }

    private func check(_ status: Int32) throws {
        guard status == SQLITE_OK else { throw SQLiteBulkError(db: db, status: status) }
    }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
    /// SQLITE_STATIC: the bytes stay where they are until the statement is done with them.
    private static let `static` = unsafeBitCast(0, to: sqlite3_destructor_type.self)
}

/// A failed SQLite call on the bulk path, with SQLite's extended code and message.
struct SQLiteBulkError: Error, CustomStringConvertible {
    let code: Int32
    let message: String

    init(db: OpaquePointer, status: Int32) {
        code = sqlite_nio_sqlite3_extended_errcode(db)
        message = sqlite_nio_sqlite3_errmsg(db).map { String(cString: $0) } ?? "SQLite error \(status)"
    }

    var description: String { "SQLite error \(code): \(message)" }
}
