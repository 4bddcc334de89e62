import Foundation
import SQLKit
import SunlightContract

/// A capability's part of the schema: its migrations, numbered from the one sequence every
/// database applies in order. A new capability defines its component in its own file (taking
/// the next free versions) and adds one line to `SchemaMigrations.components`;
/// `MigrationTests` checks that the versions are unique and contiguous across components and
/// that a database migrated step by step equals a fresh one.
public protocol SchemaComponent: Sendable {
    /// The capability's migrations, in version order.
    static var migrations: [Migration] { get }
}

/// Sunlight's schema, as an ordered list of migrations gathered from every capability.
public enum SchemaMigrations {
    /// Every capability that owns tables. The list of capabilities at the storage layer.
    static let components: [any SchemaComponent.Type] = [
        FirstWaveSchema.self,
    ]

    /// Every migration, in version order.
    public static let all: [Migration] = components.flatMap { $0.migrations }.sorted { $0.version < $1.version }
}

/// The first wave's schema (registry, accounts, imports, ledger, government data, supervision,
/// reports and clues, talks, procurement), shipped as migrations 1–13 before capabilities
/// owned their own components. Frozen history: never edited, only followed.
enum FirstWaveSchema: SchemaComponent {
    static let migrations: [Migration] = [
        Migration(version: 1, name: "registry tables") { db, kind in
            for statement in FrozenRegistryDDL.registry(kind) { try await db.raw(statement).run() }
        },
        Migration(version: 2, name: "accounts, sessions, tokens") { db, kind in
            try await db.raw(SQLQueryString("""
                CREATE TABLE users (
                    id \(unsafeRaw: kind.serialPrimaryKey),
                    username TEXT NOT NULL UNIQUE,
                    display_name TEXT NOT NULL DEFAULT '',
                    password_hash TEXT NOT NULL,
                    role TEXT NOT NULL,
                    unit_code TEXT,
                    language TEXT,
                    disabled BOOLEAN NOT NULL DEFAULT FALSE,
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL)
                """)).run()
            try await db.raw("""
                CREATE TABLE sessions (
                    token_hash TEXT PRIMARY KEY,
                    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    csrf_token TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    expires_at TEXT NOT NULL)
                """).run()
            try await db.raw(SQLQueryString("""
                CREATE TABLE api_tokens (
                    id \(unsafeRaw: kind.serialPrimaryKey),
                    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    token_hash TEXT NOT NULL UNIQUE,
                    name TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    last_used_at TEXT)
                """)).run()
        },
        Migration(version: 3, name: "imports") { db, kind in
            try await db.raw(SQLQueryString("""
                CREATE TABLE imports (
                    id \(unsafeRaw: kind.serialPrimaryKey),
                    dataset TEXT NOT NULL,
                    file_name TEXT NOT NULL,
                    file_sha256 TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    started_at TEXT NOT NULL,
                    finished_at TEXT NOT NULL,
                    status TEXT NOT NULL,
                    rows_read BIGINT NOT NULL,
                    rows_inserted BIGINT NOT NULL,
                    rows_updated BIGINT NOT NULL,
                    rows_unchanged BIGINT NOT NULL,
                    rows_rejected BIGINT NOT NULL,
                    rejects TEXT NOT NULL DEFAULT '[]')
                """)).run()
        },
        Migration(version: 4, name: "tamper-evident ledger") { db, _ in
            try await db.raw("""
                CREATE TABLE ledger_entries (
                    seq BIGINT PRIMARY KEY,
                    at TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    action TEXT NOT NULL,
                    object_type TEXT NOT NULL,
                    object_id TEXT NOT NULL,
                    key_hash TEXT,
                    hash_before TEXT,
                    hash_after TEXT,
                    details TEXT)
                """).run()
            try await db.raw("CREATE INDEX ledger_entries_object ON ledger_entries (object_type, object_id)").run()
            try await db.raw("""
                CREATE TABLE ledger_nodes (
                    id BIGINT PRIMARY KEY,
                    hash TEXT NOT NULL)
                """).run()
            try await db.raw("CREATE TABLE ledger_state (id INTEGER PRIMARY KEY, size BIGINT NOT NULL, origin TEXT NOT NULL)").run()
            // The origin names this log in every checkpoint; random, so two databases never share one.
            let origin = "sunlight.local/ledger/" + UUID().uuidString.lowercased().prefix(8)
            try await db.insert(into: "ledger_state").columns("id", "size", "origin").values(SQLBind(1), SQLBind(0), SQLBind(String(origin))).run()
            try await db.raw("""
                CREATE TABLE ledger_checkpoints (
                    size BIGINT PRIMARY KEY,
                    root TEXT NOT NULL,
                    note TEXT NOT NULL,
                    created_at TEXT NOT NULL)
                """).run()
        },
        Migration(version: 5, name: "government data tables") { db, kind in
            for statement in FrozenRegistryDDL.government(kind) { try await db.raw(statement).run() }
            // Rolls replaced by an import delete the rows the file no longer brings.
            try await db.raw("ALTER TABLE imports ADD COLUMN rows_deleted BIGINT NOT NULL DEFAULT 0").run()
        },
        Migration(version: 6, name: "scans, rule runs, findings and their review") { db, kind in
            try await SupervisionSchema.create(on: db, kind: kind)
        },
        Migration(version: 7, name: "reports, clues, deadlines, outcomes, talks, calendar years") { db, kind in
            try await ReportSchema.create(on: db, kind: kind)
            // An account's person, for recusal and so a reported person never sees the matter.
            try await db.raw("ALTER TABLE users ADD COLUMN id_number TEXT").run()
        },
        Migration(version: 8, name: "OCDS contracting processes") { db, kind in
            try await OCDSProcessStore.createTable(on: db, kind: kind)
        },
        Migration(version: 9, name: "ledger keys as SQLite row ids") { db, kind in
            try await LedgerRowIDs.migrate(db, kind)
        },
        Migration(version: 10, name: "ledger leaves beside their entries") { db, _ in
            try await LedgerLeafColumn.migrate(db)
        },
        Migration(version: 11, name: "possible subjects of a report, hidden until reviewed") { db, kind in
            // Literal DDL: a shipped migration never changes with the code around it.
            try await db.raw(SQLQueryString("""
                CREATE TABLE report_subject_candidates (
                    id \(unsafeRaw: kind.serialPrimaryKey),
                    report_id BIGINT NOT NULL REFERENCES reports(id),
                    person_id BIGINT NOT NULL,
                    basis TEXT NOT NULL,
                    cleared_by TEXT,
                    cleared_at TEXT)
                """)).run()
            try await db.raw("CREATE INDEX report_subject_candidates_report ON report_subject_candidates (report_id)").run()
            try await db.raw("CREATE INDEX report_subject_candidates_person ON report_subject_candidates (person_id)").run()
            // pending (candidates wait for review), confirmed, cleared; NULL when no one matched.
            try await db.raw("ALTER TABLE reports ADD COLUMN subject_review TEXT").run()
        },
        Migration(version: 12, name: "API token expiry and revocation") { db, _ in
            try await APITokenLifecycle.migrate(db)
        },
        Migration(version: 13, name: "report subjects sealed, matched by keyed hashes") { db, kind in
            // The subject (name, unit, post, ID number) moves under the report's key; what stays
            // in the clear is keyed hashes and the resolved unit code. Moving existing rows needs
            // the keys, so it is a start-up step (`ReportStore.sealLegacySubjects`), not SQL.
            for column in ["sealed_subject TEXT", "subject_name_key TEXT", "subject_unit_key TEXT", "subject_unit_code TEXT",
                           "subject_id_key TEXT"] {
                try await db.raw(SQLQueryString("ALTER TABLE reports ADD COLUMN \(unsafeRaw: column)")).run()
            }
            for column in ["subject_report_id BIGINT", "subject_id_key TEXT"] {
                try await db.raw(SQLQueryString("ALTER TABLE clues ADD COLUMN \(unsafeRaw: column)")).run()
            }
            try await db.raw("DROP INDEX reports_subject").run()
            try await db.raw("CREATE INDEX reports_subject_name_key ON reports (subject_name_key)").run()
            try await db.raw("CREATE INDEX reports_subject_id_key ON reports (subject_id_key)").run()
            try await db.raw("CREATE INDEX clues_subject_id_key ON clues (subject_id_key)").run()
            // Candidates by keyed hash of their ID number, not by registry row: the table no
            // longer tells who a report may be about. (report_subject_candidates is emptied by
            // the start-up step once its rows are moved here.)
            try await db.raw(SQLQueryString("""
                CREATE TABLE subject_candidates (
                    id \(unsafeRaw: kind.serialPrimaryKey),
                    report_id BIGINT NOT NULL REFERENCES reports(id),
                    person_key TEXT NOT NULL,
                    basis TEXT NOT NULL,
                    cleared_by TEXT,
                    cleared_at TEXT)
                """)).run()
            try await db.raw("CREATE INDEX subject_candidates_report ON subject_candidates (report_id)").run()
            try await db.raw("CREATE INDEX subject_candidates_person ON subject_candidates (person_key)").run()
        },
    ]
}
