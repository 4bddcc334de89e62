import SQLKit
import VaporCSQLite

/// The `sqlite3*` behind a pooled SQLite connection, for the import's bulk write path
/// (`SQLiteBulkConnection`), which prepares its statements once and steps them per row instead of
/// building, serialising and re-preparing a multi-row statement per batch through SQLKit.
///
/// SQLiteNIO keeps its handle internal, and the bulk path must run on the very connection that
/// holds the write transaction. So every connection Sunlight opens gets, through SQLite's
/// documented auto-extension hook (`sqlite3_auto_extension`: run by `sqlite3_open` for each new
/// connection of the process), a SQL function `sunlight_connection_handle()` returning the
/// connection's own handle (`sqlite3_context_db_handle`). Selecting it inside a transaction
/// yields the handle of that transaction's connection. Nothing else changes: SQLiteNIO still
/// owns, uses and closes the connection.
enum SQLiteHandle {
    static let functionName = "sunlight_connection_handle"

    /// Registers the auto-extension; runs once per process, before the first connection opens.
    static let registration: Void = {
        let entry: @convention(c) (OpaquePointer?, UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, UnsafeRawPointer?) -> Int32 = {
            db, _, _ in
            // DIRECTONLY: not callable from triggers or views, only from top-level SQL.
            sqlite_nio_sqlite3_create_function_v2(
                db, SQLiteHandle.functionName, 0, SQLITE_UTF8 | SQLITE_DIRECTONLY, nil,
                { context, _, _ in
                    let handle = sqlite_nio_sqlite3_context_db_handle(context)
                    sqlite_nio_sqlite3_result_int64(context, Int64(Int(bitPattern: handle)))
                }, nil, nil, nil)
        }
        // The C prototype declares the entry point as `void (*)(void)`; SQLite calls it with the
        // three arguments above (see the `sqlite3_auto_extension` documentation).
        sqlite_nio_sqlite3_auto_extension(unsafeBitCast(entry, to: (@convention(c) () -> Void).self))
    }()

    /// The handle of `db`'s connection, or nil when `db` is not SQLite or was opened without the
    /// function (callers then take the generic SQLKit path).
    static func of(_ db: any SQLDatabase) async -> OpaquePointer? {
        guard db.dialect.name == "sqlite",
              let row = try? await db.raw(SQLQueryString("SELECT \(unsafeRaw: functionName)() AS handle")).first(),
              let value = try? row.decode(column: "handle", as: Int64.self) else { return nil }
        return OpaquePointer(bitPattern: Int(value))
    }
}
