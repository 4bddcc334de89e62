import AsyncKit
import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresKit
import SQLKit
import SQLiteKit

/// The database behind Sunlight, whichever the backend. Everything above it speaks SQLKit, so one
/// code path serves SQLite and PostgreSQL; the few dialect differences are asked of `kind`.
public final class SunlightDatabase: Sendable {
    public enum Kind: String, Sendable { case sqlite, postgres }

    /// Who else uses the database while this process has it open.
    public enum Sharing: Sendable {
        /// A server: many requests at once, and readers must never wait for an import.
        case concurrent
        /// A command-line process, doing one thing at a time: its connections share one event
        /// loop, so that work done in turn reuses one connection, and a bulk transaction
        /// (`transaction(bulk:)`) may write the file directly (`BulkJournal`).
        case sequential
    }

    public let kind: Kind
    public let location: DatabaseLocation
    public let sharing: Sharing
    let logger: Logger
    private let pool: Pool
    /// SQLite allows one writer at a time; queueing writers here (instead of letting them spin
    /// on `SQLITE_BUSY` inside the thread pool) keeps readers responsive during a long import.
    private let writeGate = AsyncGate()

    /// AsyncKit's pools guard their state with locks but predate `Sendable`.
    private enum Pool: @unchecked Sendable {
        case sqlite(EventLoopGroupConnectionPool<SQLiteTunedSource>)
        case postgres(EventLoopGroupConnectionPool<PostgresConnectionSource>)
    }

    private init(kind: Kind, location: DatabaseLocation, sharing: Sharing, pool: Pool, logger: Logger) {
        self.kind = kind
        self.location = location
        self.sharing = sharing
        self.pool = pool
        self.logger = logger
    }

    /// Opens (and for SQLite creates) the database. Does not migrate: see `Migrator`.
    public static func open(_ location: DatabaseLocation, sharing: Sharing = .concurrent,
                            logger: Logger = Logger(label: "sunlight.db")) async throws -> SunlightDatabase {
        // One event loop's pool for a sequential process: a pool per loop would open a
        // connection on each even when requests come one at a time.
        let group: any EventLoopGroup = sharing == .sequential
            ? MultiThreadedEventLoopGroup.singleton.next() : MultiThreadedEventLoopGroup.singleton
        var quiet = logger
        quiet.logLevel = max(logger.logLevel, .warning)
        switch location {
        case .sqlite(let path):
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try PrivateFiles.prepareSQLite(path: path)
            let pool = EventLoopGroupConnectionPool(
                source: SQLiteTunedSource(path: path), maxConnectionsPerEventLoop: 4,
                pruneInterval: nil, logger: quiet, on: group)
            let db = SunlightDatabase(kind: .sqlite, location: location, sharing: sharing, pool: .sqlite(pool), logger: logger)
            _ = try await db.withConnection { try await $0.raw("SELECT 1").all() }
            return db
        case .postgres(let url):
            let configuration = try SQLPostgresConfiguration(url: url)
            let pool = EventLoopGroupConnectionPool(
                source: PostgresConnectionSource(sqlConfiguration: configuration), maxConnectionsPerEventLoop: 4,
                pruneInterval: nil, logger: quiet, on: group)
            let db = SunlightDatabase(kind: .postgres, location: location, sharing: sharing, pool: .postgres(pool), logger: logger)
            _ = try await db.withConnection { try await $0.raw("SELECT 1").all() }
            return db
        }
    }

    /// Runs `body` with one pooled connection (reads, or statements that need one session).
    public func withConnection<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        var quiet = logger
        quiet.logLevel = .warning
        switch pool {
        case .sqlite(let pool):
            let connection = try await pool.requestConnection(logger: quiet).get()
            defer { pool.releaseConnection(connection, logger: quiet) }
            return try await body(connection.sql(queryLogLevel: nil))
        case .postgres(let pool):
            let connection = try await pool.requestConnection(logger: quiet).get()
            defer { pool.releaseConnection(connection, logger: quiet) }
            return try await body(connection.sql(queryLogLevel: nil))
        }
    }

    /// Runs `body` with the raw SQLite connection, for the few read paths where SQLKit's
    /// per-column decoding dominates (`verify` over millions of entries). Nil on PostgreSQL,
    /// where callers take their generic SQLKit path.
    public func withSQLiteConnection<T: Sendable>(_ body: @Sendable (SQLiteConnection) async throws -> T) async throws -> T? {
        guard case .sqlite(let pool) = pool else { return nil }
        var quiet = logger
        quiet.logLevel = .warning
        let connection = try await pool.requestConnection(logger: quiet).get()
        defer { pool.releaseConnection(connection, logger: quiet) }
        return try await body(connection)
    }

    /// Runs `body` in one transaction: committed if it returns, rolled back if it throws.
    /// Nothing partial is ever written — the basis of all-or-nothing imports and of the ledger
    /// entry being written with the change it records.
    ///
    /// `bulk` says the transaction will write a large part of the file (an import): in a
    /// sequential process that has the SQLite file to itself, it then runs with a rollback
    /// journal instead of the write-ahead log (`BulkJournal`).
    public func transaction<T: Sendable>(bulk: Bool = false, _ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        if kind == .sqlite { await writeGate.enter() }
        do {
            let result = try await inTransaction(bulk: bulk, body)
            if kind == .sqlite { await writeGate.leave() }
            return result
        } catch {
            if kind == .sqlite { await writeGate.leave() }
            throw error
        }
    }

    private func inTransaction<T: Sendable>(bulk: Bool, _ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let kind = self.kind
        let direct = kind == .sqlite && bulk && sharing == .sequential
        let logger = self.logger
        return try await withConnection { db in
            let journal = direct ? await BulkJournal.enter(on: db, logger: logger) : nil
            do {
                try await db.raw(SQLQueryString(kind == .sqlite ? "BEGIN IMMEDIATE" : "BEGIN")).run()
            } catch {
                await journal?.leave()
                throw error
            }
            do {
                let result = try await body(db)
                try await db.raw("COMMIT").run()
                await journal?.leave()
                return result
            } catch {
                try? await db.raw("ROLLBACK").run()
                await journal?.leave()
                throw error
            }
        }
    }

    public func shutdown() async {
        switch pool {
        case .sqlite(let pool): try? await pool.shutdownAsync()
        case .postgres(let pool): try? await pool.shutdownAsync()
        }
    }
}

/// A first-come, first-served async mutex.
actor AsyncGate {
    private var busy = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func enter() async {
        if !busy {
            busy = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func leave() {
        if waiters.isEmpty {
            busy = false
        } else {
            waiters.removeFirst().resume()
        }
    }
}
