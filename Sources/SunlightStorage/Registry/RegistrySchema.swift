import SQLKit
import SunlightContract

/// Creates a dataset's table from its contract definition, so the columns can never drift from
/// the contract: a surrogate `id` (used in URLs, so no ID number appears in a path or a log),
/// `row_key` (the contract key joined by `|`, unique: re-imports are idempotent), one column per
/// field, the extra columns as JSON `attributes`, and the SHA-256 of the canonical encoding.
enum RegistrySchema {
    /// Columns worth an index for lookups and joins, per dataset.
    static let indexes: [String: [String]] = [
        "units": ["parent_code"],
        "people": ["unit_code", "name"],
        "relatives": ["id_number", "relative_id_number"],
        "households": ["household_id", "id_number", "village_code"],
        "companies": ["legal_rep_id_number", "name"],
        "company_roles": ["uscc", "holder_id_number"],
        "deaths": ["name"],
        "vehicles": ["owner_id_number"],
        "benefits": ["program, period", "id_number", "village_code", "name"],
        "budgets": ["unit_code"],
        "payments": ["unit_code", "payee_name"],
        "projects": ["unit_code", "name"],
        "tenders": ["buyer_unit_code"],
        "bids": ["tender_id", "bidder_uscc"],
        "service_cases": ["unit_code"],
    ]

    static func createTable(for dataset: Dataset, on db: any SQLDatabase, kind: SunlightDatabase.Kind) async throws {
        var columns = [
            "id \(kind.serialPrimaryKey)",
            "row_key TEXT NOT NULL UNIQUE",
        ]
        for field in dataset.fields {
            columns.append("\(field.name) \(kind.columnType(for: field.type))")
        }
        columns += [
            "attributes TEXT NOT NULL DEFAULT '{}'",
            "record_hash TEXT NOT NULL",
            "created_at TEXT NOT NULL",
            "updated_at TEXT NOT NULL",
        ]
        try await db.raw(SQLQueryString("CREATE TABLE \(unsafeRaw: dataset.table) (\(unsafeRaw: columns.joined(separator: ", ")))")).run()
        for column in indexes[dataset.name] ?? [] {
            let name = column.replacingOccurrences(of: ", ", with: "_")
            try await db.raw(SQLQueryString("CREATE INDEX \(unsafeRaw: dataset.table)_\(unsafeRaw: name) ON \(unsafeRaw: dataset.table) (\(unsafeRaw: column))")).run()
        }
    }
}
