import VaporCSQLite

/// A scan's rows read straight from the SQLite handle (`SQLiteHandle`), one statement stepped
/// in place: only the columns a loader asks for become Swift values, and each is found by a
/// position decided once per query.
///
/// Through SQLiteNIO every row was first copied whole into an array of `SQLiteData` (a string
/// per column) and each column then found by name; for the 5.4 million rows of a province that
/// copying was most of the scan's loading time. The values are those `SQLiteStoredRow` gives
/// for the same row: SQLiteNIO's conversions (`SQLiteData.string`, `.integer`) are applied to
/// the column's storage class here too.
struct SQLiteRawStoredRow: StoredRow {
    let statement: SQLiteBulkStatement
    /// Column name → position in the result, for the whole query.
    let positions: [String: Int32]

    func optional(_ column: String) -> String? {
        guard let text = positions[column].flatMap(statement.string), !text.isEmpty else { return nil }
        return text
    }

    func integer(_ column: String) -> Int64? { positions[column].flatMap(statement.integerValue) }

    func bool(_ column: String) -> Bool? {
        switch integer(column) {
        case 1: return true
        case 0: return false
        default: return nil
        }
    }

    /// Runs `sql` on `connection` and hands each row to `body`, with the raw bytes of its
    /// `record_hash` column (for the dataset's fingerprint, without making a string of it).
    static func stream(_ sql: String, on connection: SQLiteBulkConnection,
                       _ body: (SQLiteRawStoredRow, UnsafeRawBufferPointer?) throws -> Void) throws {
        let statement = try connection.statement(sql)
        let positions = statement.columnPositions
        let row = SQLiteRawStoredRow(statement: statement, positions: positions)
        let hash = positions["record_hash"]
        try statement.query { statement in
            try body(row, hash.flatMap { statement.type($0) == SQLITE_TEXT ? statement.textBytes($0) : nil })
        }
    }
}
