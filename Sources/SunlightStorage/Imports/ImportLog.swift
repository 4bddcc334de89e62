import SQLKit

/// One recorded import, as listed on the import page and returned by the API.
public struct ImportRecord: Sendable {
    public let id: Int64
    public let dataset: String
    public let fileName: String
    public let fileSHA256: String
    public let actor: String
    public let finishedAt: String
    public let status: String
    public let rowsRead: Int
    public let inserted: Int
    public let updated: Int
    public let unchanged: Int
    /// Rows dropped from replaced rolls (`benefits`).
    public let deleted: Int
    public let rejected: Int
    /// JSON array of the reported row problems.
    public let rejectsJSON: String
}

/// Reads the `imports` table (written by the importer inside its transactions).
public struct ImportLog: Sendable {
    public let database: SunlightDatabase

    public init(database: SunlightDatabase) { self.database = database }

    public func recent(limit: Int = 20, actor: String? = nil) async throws -> [ImportRecord] {
        try await database.withConnection { db in
            var select = db.select().columns(Self.columns.map { SQLIdentifier($0) }).from("imports")
            if let actor { select = select.where("actor", .equal, actor) }
            return try await select.orderBy("id", .descending).limit(limit).all().map(Self.record)
        }
    }

    public func get(id: Int64) async throws -> ImportRecord? {
        try await database.withConnection { db in
            try await db.select().columns(Self.columns.map { SQLIdentifier($0) }).from("imports").where("id", .equal, id).first().map(Self.record)
        }
    }

    /// Named, not `*`: a pooled SQLite connection prepared before migration 5 added
    /// `rows_deleted` must still see the column.
    static let columns = ["id", "dataset", "file_name", "file_sha256", "actor", "finished_at", "status", "rows_read", "rows_inserted",
                          "rows_updated", "rows_unchanged", "rows_deleted", "rows_rejected", "rejects"]

    static func record(_ row: any SQLRow) throws -> ImportRecord {
        ImportRecord(id: try row.decode(column: "id", as: Int64.self), dataset: try row.decode(column: "dataset", as: String.self),
                     fileName: try row.decode(column: "file_name", as: String.self),
                     fileSHA256: try row.decode(column: "file_sha256", as: String.self),
                     actor: try row.decode(column: "actor", as: String.self),
                     finishedAt: try row.decode(column: "finished_at", as: String.self),
                     status: try row.decode(column: "status", as: String.self),
                     rowsRead: try row.decode(column: "rows_read", as: Int.self),
                     inserted: try row.decode(column: "rows_inserted", as: Int.self),
                     updated: try row.decode(column: "rows_updated", as: Int.self),
                     unchanged: try row.decode(column: "rows_unchanged", as: Int.self),
                     deleted: try row.decode(column: "rows_deleted", as: Int.self),
                     rejected: try row.decode(column: "rows_rejected", as: Int.self),
                     rejectsJSON: try row.decode(column: "rejects", as: String.self))
    }
}
