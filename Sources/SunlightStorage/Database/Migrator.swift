import Foundation
import Logging
import SQLKit

/// One versioned schema change. Versions only ever grow; a shipped migration is never edited.
public struct Migration: Sendable {
    public let version: Int
    public let name: String
    let apply: @Sendable (any SQLDatabase, SunlightDatabase.Kind) async throws -> Void

    public init(version: Int, name: String, apply: @escaping @Sendable (any SQLDatabase, SunlightDatabase.Kind) async throws -> Void) {
        self.version = version
        self.name = name
        self.apply = apply
    }
}

/// Applies pending migrations, each in its own transaction, and records them in
/// `schema_migrations` so `sunlight migrate` and `serve` agree on what is applied.
public struct Migrator: Sendable {
    public let database: SunlightDatabase
    public let migrations: [Migration]

    public init(database: SunlightDatabase, migrations: [Migration] = SchemaMigrations.all) {
        self.database = database
        self.migrations = migrations.sorted { $0.version < $1.version }
    }

    /// The versions already applied.
    public func appliedVersions() async throws -> Set<Int> {
        try await ensureTable()
        let rows = try await database.withConnection { db in
            try await db.raw("SELECT version FROM schema_migrations").all()
        }
        return Set(try rows.map { try $0.decode(column: "version", as: Int.self) })
    }

    /// Applies what is pending; returns the migrations applied now.
    @discardableResult
    public func migrate() async throws -> [Migration] {
        let applied = try await appliedVersions()
        var done: [Migration] = []
        for migration in migrations where !applied.contains(migration.version) {
            let kind = database.kind
            try await database.transaction { db in
                try await migration.apply(db, kind)
                try await db.insert(into: "schema_migrations")
                    .columns("version", "name", "applied_at")
                    .values(SQLBind(migration.version), SQLBind(migration.name), SQLBind(Timestamps.now()))
                    .run()
            }
            database.logger.info("applied migration", metadata: ["version": "\(migration.version)", "name": "\(migration.name)"])
            done.append(migration)
        }
        return done
    }

    private func ensureTable() async throws {
        try await database.withConnection { db in
            try await db.raw("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)
                """).run()
        }
    }
}

/// Instants are stored as RFC 3339 UTC text with millisecond precision: identical on both
/// backends, sortable as text, readable in a raw dump.
public enum Timestamps {
    public static func now() -> String { format(Date()) }

    public static func format(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }
}
