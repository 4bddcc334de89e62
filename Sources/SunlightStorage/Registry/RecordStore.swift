import SQLKit
import SunlightContract

/// A stored record with its surrogate id and timestamps.
public struct StoredRecord: Sendable, Equatable {
    public let id: Int64
    public let record: Record
    public let createdAt: String
    public let updatedAt: String
}

/// A page of records.
public struct RecordPage: Sendable {
    public let items: [StoredRecord]
    public let total: Int
    public let page: Int
    public let perPage: Int
}

/// What to list: a free-text search, exact filters on fields, and a page.
public struct RecordQuery: Sendable {
    public var search: String?
    public var filters: [String: String]
    public var page: Int
    public var perPage: Int

    public init(search: String? = nil, filters: [String: String] = [:], page: Int = 1, perPage: Int = 50) {
        self.search = search
        self.filters = filters
        let paging = Paging(page: page, perPage: perPage)
        self.page = paging.page
        self.perPage = paging.perPage
    }
}

/// Reads registry records, always through the principal's unit reach.
public struct RecordStore: Sendable {
    public let database: SunlightDatabase

    public init(database: SunlightDatabase) { self.database = database }

    public func get(id: Int64, in dataset: Dataset, reach: UnitReach) async throws -> StoredRecord? {
        try await database.withConnection { db in
            var select = db.select().column(SQLLiteral.all).from(dataset.table).where("id", .equal, id)
            if let condition = ScopeFilter.condition(for: dataset, reach: reach) { select = select.where(condition) }
            return try await select.first().map { try Self.stored($0, dataset) }
        }
    }

    public func find(key: String, in dataset: Dataset, reach: UnitReach) async throws -> StoredRecord? {
        try await database.withConnection { db in
            var select = db.select().column(SQLLiteral.all).from(dataset.table).where("row_key", .equal, key)
            if let condition = ScopeFilter.condition(for: dataset, reach: reach) { select = select.where(condition) }
            return try await select.first().map { try Self.stored($0, dataset) }
        }
    }

    /// Rows whose `column` equals `value` (a person's relatives, a company's roles…).
    public func all(where column: String, equals value: String, in dataset: Dataset, reach: UnitReach, limit: Int = 500) async throws -> [StoredRecord] {
        try await database.withConnection { db in
            var select = db.select().column(SQLLiteral.all).from(dataset.table).where(SQLIdentifier(column), .equal, SQLBind(value))
            if let condition = ScopeFilter.condition(for: dataset, reach: reach) { select = select.where(condition) }
            return try await select.orderBy("id").limit(limit).all().map { try Self.stored($0, dataset) }
        }
    }

    public func list(_ dataset: Dataset, query: RecordQuery, reach: UnitReach) async throws -> RecordPage {
        let paging = Paging(page: query.page, perPage: query.perPage)
        return try await database.withConnection { db in
            func filtered(_ select: SQLSelectBuilder) -> SQLSelectBuilder {
                var select = select
                if let condition = ScopeFilter.condition(for: dataset, reach: reach) { select = select.where(condition) }
                for (name, value) in query.filters.sorted(by: { $0.key < $1.key }) where dataset.field(named: name) != nil && !value.isEmpty {
                    select = select.where(SQLIdentifier(name), .equal, SQLBind(value))
                }
                if let search = query.search?.trimmingCharacters(in: .whitespaces), !search.isEmpty {
                    let columns = Self.searchColumns(dataset)
                    select = select.where { group in
                        var group = group
                        for column in columns {
                            // `%` and `_` typed into the search box match themselves.
                            group = group.orWhere(LikePattern.matches(ident: column, LikePattern.contains(search)))
                            group = group.orWhere(LikePattern.matches(ident: column, LikePattern.contains(search.uppercased())))
                        }
                        return group
                    }
                }
                return select
            }
            let countRow = try await filtered(db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(dataset.table)).first()
            let total = try countRow?.decode(column: "n", as: Int.self) ?? 0
            let rows = try await filtered(db.select().column(SQLLiteral.all).from(dataset.table))
                .orderBy(Self.sortColumn(dataset)).orderBy("id")
                .limit(paging.perPage).offset(paging.offset).all()
            return RecordPage(items: try rows.map { try Self.stored($0, dataset) }, total: total, page: paging.page, perPage: paging.perPage)
        }
    }

    /// The ledger entries of one record, newest first.
    public func history(of dataset: Dataset, id: Int64) async throws -> [Change] {
        try await database.withConnection { db in
            try await db.select().columns("seq", "at", "actor", "action", "object_type", "object_id", "hash_before", "hash_after", "details")
                .from("ledger_entries").where("object_type", .equal, dataset.name).where("object_id", .equal, String(id))
                .orderBy("seq", .descending).limit(200).all().map(LedgerSink.change)
        }
    }

    /// Whether `record` (about to be written) lies within `reach`.
    public func count(_ dataset: Dataset) async throws -> Int {
        try await database.withConnection { db in
            try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(dataset.table).first()?
                .decode(column: "n", as: Int.self) ?? 0
        }
    }

    static func stored(_ row: any SQLRow, _ dataset: Dataset) throws -> StoredRecord {
        StoredRecord(id: try row.decode(column: "id", as: Int64.self), record: try RecordCodec.decode(row, dataset: dataset),
                     createdAt: try row.decode(column: "created_at", as: String.self),
                     updatedAt: try row.decode(column: "updated_at", as: String.self))
    }

    /// Names and identifiers: what a person types into the search box.
    static func searchColumns(_ dataset: Dataset) -> [String] {
        dataset.fields.filter { field in
            field.isKey || field.name.hasSuffix("name") || field.name == "name"
        }.map(\.name)
    }

    static func sortColumn(_ dataset: Dataset) -> String {
        dataset.field(named: "name") != nil ? "name" : (dataset.keyFields.first?.name ?? "id")
    }
}
