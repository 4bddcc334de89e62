import Foundation
import Logging
import SQLKit
import SunlightStorage

/// The backends a storage test runs on: always SQLite (a real file), and PostgreSQL when
/// `SUNLIGHT_TEST_POSTGRES_URL` names a server (`.ci/run` starts one).
public enum TestBackend: String, Sendable, CaseIterable, CustomStringConvertible {
    case sqlite
    case postgres

    public var description: String { rawValue }

    /// The backends available in this run.
    public static var available: [TestBackend] {
        ProcessInfo.processInfo.environment["SUNLIGHT_TEST_POSTGRES_URL"].map { _ in [.sqlite, .postgres] } ?? [.sqlite]
    }
}

/// A fresh, migrated database for one test: a new SQLite file in a temporary directory, or a new
/// PostgreSQL database created for the test and dropped after it.
public final class TestDatabase: Sendable {
    public let database: SunlightDatabase
    public let directory: URL
    /// The ledger, with a key file in the test's directory.
    public let ledger: Ledger
    private let cleanup: @Sendable () async -> Void

    private init(database: SunlightDatabase, directory: URL, cleanup: @escaping @Sendable () async -> Void) throws {
        self.database = database
        self.directory = directory
        self.ledger = Ledger(database: database, keys: try LedgerKeys.loadOrCreate(at: directory.appendingPathComponent("ledger.key")))
        self.cleanup = cleanup
    }

    /// The write path of the test database, into its ledger.
    public var recorder: Recorder { Recorder(ledger: ledger) }

    /// The SQLite file (SQLite tests only).
    public var sqlitePath: String? {
        if case .sqlite(let path) = database.location { return path }
        return nil
    }

    /// `sharing`: whether the database is opened as the server opens it (`.concurrent`) or as a
    /// command does (`.sequential`).
    /// A database of its own; `migrate: false` leaves it empty (for tests of the migrations).
    public static func make(_ backend: TestBackend = .sqlite, sharing: SunlightDatabase.Sharing = .concurrent,
                            migrate: Bool = true) async throws -> TestDatabase {
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sunlight-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        switch backend {
        case .sqlite:
            let database = try await SunlightDatabase.open(.sqlite(path: directory.appendingPathComponent("test.sqlite").path),
                                                           sharing: sharing, logger: logger)
            if migrate { try await Migrator(database: database).migrate() }
            return try TestDatabase(database: database, directory: directory) {
                await database.shutdown()
                try? FileManager.default.removeItem(at: directory)
            }
        case .postgres:
            guard let base = ProcessInfo.processInfo.environment["SUNLIGHT_TEST_POSTGRES_URL"],
                  var components = URLComponents(string: base) else {
                throw TestDatabaseError.noPostgres
            }
            let name = "sl_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
            let admin = try await SunlightDatabase.open(.postgres(url: base), logger: logger)
            try await admin.withConnection { try await $0.raw(SQLQueryString("CREATE DATABASE \(unsafeRaw: name)")).run() }
            components.path = "/" + name
            let database = try await SunlightDatabase.open(.postgres(url: components.string!), sharing: sharing, logger: logger)
            if migrate { try await Migrator(database: database).migrate() }
            return try TestDatabase(database: database, directory: directory) {
                await database.shutdown()
                try? await admin.withConnection { try await $0.raw(SQLQueryString("DROP DATABASE IF EXISTS \(unsafeRaw: name)")).run() }
                await admin.shutdown()
                try? FileManager.default.removeItem(at: directory)
            }
        }
    }

    public func close() async { await cleanup() }

    /// Runs `body` with a fresh database and always cleans up.
    public static func with(_ backend: TestBackend = .sqlite, sharing: SunlightDatabase.Sharing = .concurrent,
                            _ body: (TestDatabase) async throws -> Void) async throws {
        let test = try await make(backend, sharing: sharing)
        do {
            try await body(test)
            await test.close()
        } catch {
            await test.close()
            throw error
        }
    }
}

public enum TestDatabaseError: Error { case noPostgres }

/// The sample registry files under `Tests/Fixtures/registry`.
public enum Fixtures {
    public static let registry: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/registry")

    public static func registry(_ name: String) -> URL { registry.appendingPathComponent(name) }

    /// The shared fixtures beside the project (`../shared/fixtures`).
    public static let shared: URL = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared/fixtures")

    /// The real OCDS samples: Ukrainian releases and Moldovan records, one file per process.
    public static func ocdsSamples() throws -> [URL] {
        var files: [URL] = []
        for folder in ["ukraine/releases", "moldova/records"] {
            let directory = shared.appendingPathComponent("ocds/\(folder)")
            files += try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
                .filter { $0.pathExtension == "json" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
        }
        return files
    }
}
