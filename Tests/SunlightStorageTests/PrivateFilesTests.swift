import Foundation
import Logging
import SQLKit
import SunlightStorage
import Testing

/// The database, its `-wal` and `-shm`, and backups are readable by their owner only, under the
/// usual umask (022) that made them world-readable before.
@Suite("Private database files")
struct PrivateFilesTests {
    private static func mode(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int).flatMap { $0 }
    }

    private static func withDirectory(_ body: (URL) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sunlight-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try await body(directory)
    }

    private static var logger: Logger {
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        return logger
    }

    @Test func newDatabaseAndItsWALAreOwnerOnly() async throws {
        try await Self.withDirectory { directory in
            let path = directory.appendingPathComponent("new.sqlite").path
            let database = try await SunlightDatabase.open(.sqlite(path: path), logger: Self.logger)
            do {
                try await Migrator(database: database).migrate()
                #expect(FileManager.default.fileExists(atPath: path + "-wal") && FileManager.default.fileExists(atPath: path + "-shm"))
                #expect(Self.mode(path) == 0o600)
                #expect(Self.mode(path + "-wal") == 0o600)
                #expect(Self.mode(path + "-shm") == 0o600)

                // A backup the way `sunlight backup` makes it: an empty 0600 file, then VACUUM INTO.
                let backup = directory.appendingPathComponent("backup.sqlite").path
                try PrivateFiles.createEmpty(path: backup)
                try await database.withConnection { try await $0.raw("VACUUM INTO \(bind: backup)").run() }
                #expect(Self.mode(backup) == 0o600)
                #expect((try FileManager.default.attributesOfItem(atPath: backup)[.size] as? Int ?? 0) > 0)
                #expect(throws: (any Error).self) { try PrivateFiles.createEmpty(path: backup) }
            } catch {
                await database.shutdown()
                throw error
            }
            await database.shutdown()
        }
    }

    @Test func existingWorldReadableFilesAreTightened() async throws {
        try await Self.withDirectory { directory in
            let path = directory.appendingPathComponent("old.sqlite").path
            // A database made by an earlier version: 0644, with a leftover 0644 -wal.
            let first = try await SunlightDatabase.open(.sqlite(path: path), logger: Self.logger)
            try await first.withConnection { try await $0.raw("CREATE TABLE t (x INTEGER)").run() }
            await first.shutdown()
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
            _ = FileManager.default.createFile(atPath: path + "-wal", contents: Data(), attributes: [.posixPermissions: 0o644])
            #expect(Self.mode(path) == 0o644)

            let database = try await SunlightDatabase.open(.sqlite(path: path), logger: Self.logger)
            try await database.withConnection { try await $0.raw("INSERT INTO t VALUES (1)").run() }
            #expect(Self.mode(path) == 0o600)
            #expect(Self.mode(path + "-wal") == 0o600)
            #expect(Self.mode(path + "-shm") == 0o600)
            await database.shutdown()
        }
    }
}
