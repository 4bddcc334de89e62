import Foundation
import SQLKit
import SunlightContract
import SunlightStorage
import SunlightTestSupport
import Testing

/// Issue 19, item 5: shipped migrations are frozen literal DDL. A database migrated one step
/// at a time from migration 1 must equal a fresh one, and the migrated schema must agree with
/// the data contract — so a contract change without its own migration fails here.
@Suite("Migrations are frozen and agree with the contract")
struct MigrationTests {
    /// Every table's columns (name, declared type, not-null) and every index, as comparable text.
    static func schema(_ database: SunlightDatabase) async throws -> [String: [String]] {
        try await database.withConnection { db in
            var tables: [String: [String]] = [:]
            switch database.kind {
            case .sqlite:
                let names = try await db.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all()
                    .map { try $0.decode(column: "name", as: String.self) }
                for name in names {
                    tables[name] = try await db.raw(SQLQueryString("PRAGMA table_info(\(unsafeRaw: name))")).all().map { row in
                        "\(try row.decode(column: "name", as: String.self)) \(try row.decode(column: "type", as: String.self).uppercased())"
                            + (try row.decode(column: "notnull", as: Int.self) == 1 ? " NOT NULL" : "")
                    }
                }
                let indexes = try await db.raw("SELECT name, tbl_name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").all()
                for row in indexes {
                    tables["index " + (try row.decode(column: "tbl_name", as: String.self)), default: []]
                        .append(try row.decode(column: "name", as: String.self))
                }
            case .postgres:
                let columns = try await db.raw("""
                    SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns \
                    WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position
                    """).all()
                for row in columns {
                    let type = try row.decode(column: "data_type", as: String.self).uppercased()
                    tables[try row.decode(column: "table_name", as: String.self), default: []]
                        .append("\(try row.decode(column: "column_name", as: String.self)) \(type)"
                                + (try row.decode(column: "is_nullable", as: String.self) == "NO" ? " NOT NULL" : ""))
                }
                for row in try await db.raw("SELECT tablename, indexname FROM pg_indexes WHERE schemaname = current_schema()").all() {
                    tables["index " + (try row.decode(column: "tablename", as: String.self)), default: []]
                        .append(try row.decode(column: "indexname", as: String.self))
                }
            }
            for key in tables.keys where key.hasPrefix("index ") { tables[key]!.sort() }
            return tables
        }
    }

    /// Capabilities number their migrations from one sequence: no two take the same version and
    /// none is skipped (a gap would mean a capability's component is missing from the list).
    @Test func versionsAreUniqueAndContiguousAcrossCapabilities() {
        let versions = SchemaMigrations.all.map(\.version)
        #expect(versions == Array(1...versions.count), "\(versions)")
        #expect(Set(SchemaMigrations.all.map(\.name)).count == versions.count, "two migrations share a name")
    }

    @Test(arguments: TestBackend.available)
    func migratingOneStepAtATimeEqualsAFreshDatabase(_ backend: TestBackend) async throws {
        let stepwise = try await TestDatabase.make(backend, migrate: false)
        do {
            for count in 1...SchemaMigrations.all.count {
                let applied = try await Migrator(database: stepwise.database, migrations: Array(SchemaMigrations.all.prefix(count))).migrate()
                #expect(applied.map(\.version) == [SchemaMigrations.all[count - 1].version])
            }
            try await TestDatabase.with(backend) { fresh async throws in
                let (a, b) = (try await Self.schema(stepwise.database), try await Self.schema(fresh.database))
                #expect(a.keys.sorted() == b.keys.sorted())
                for table in a.keys.sorted() { #expect(a[table] == b[table], "table \(table)") }
            }
            await stepwise.close()
        } catch {
            await stepwise.close()
            throw error
        }
    }

    /// Each contract dataset's table has exactly the contract's fields, in order and of the
    /// contract's types, between the fixed columns.
    @Test(arguments: TestBackend.available)
    func theMigratedSchemaAgreesWithTheDataContract(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { test async throws in
            let schema = try await Self.schema(test.database)
            for dataset in Registry.all + GovernmentData.all {
                let serial = backend == .sqlite ? "id INTEGER" : "id BIGINT NOT NULL"
                let expected = [serial, "row_key TEXT NOT NULL"]
                    + dataset.fields.map { field in
                        let type: String
                        switch field.type {
                        case .money, .integer: type = "BIGINT"
                        case .bool: type = "BOOLEAN"
                        default: type = "TEXT"
                        }
                        return "\(field.name) \(type)"
                    }
                    + ["attributes TEXT NOT NULL", "record_hash TEXT NOT NULL", "created_at TEXT NOT NULL", "updated_at TEXT NOT NULL"]
                #expect(schema[dataset.table] == expected, "\(dataset.name): a contract change needs a migration of its own")
            }
        }
    }
}
