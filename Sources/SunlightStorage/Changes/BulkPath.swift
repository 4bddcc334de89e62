import Foundation
import NIOPosix
import SQLKit

/// A change sink that can also take changes on the SQLite bulk path. `LedgerSink` is one; any
/// other sink (a test's, say) keeps the generic path.
protocol BulkChangeSink: ChangeSink {
    /// What the sink records for a change's `objectKey`, computed ahead by `WriteTransaction.prepare`.
    func keyHash(_ objectKey: String) -> String
    /// A session for one transaction's bulk path.
    func bulkSession() -> any BulkChangeSession
}

/// The sink's side of one transaction's bulk path. It may finish appended changes later (the
/// ledger hashes a batch on another thread while the next batch's records are written), but
/// everything appended is written once `flush` returns. Called from one thread at a time.
protocol BulkChangeSession: AnyObject {
    /// Appends `changes` after those of earlier calls; `keyHashes[i]`, when not nil, is
    /// `keyHash(changes[i].objectKey)`.
    func append(_ changes: [Change], keyHashes: [String?], on connection: SQLiteBulkConnection) throws
    /// Writes everything appended so far. After it, anything may append to the sink directly.
    func flush(on connection: SQLiteBulkConnection) throws
}

/// The bulk path of one write transaction: its SQLite connection (looked up on first use; nil
/// on PostgreSQL) with the statements prepared on it, and the sink's session.
///
/// The transaction's other writes go through SQLKit on the same connection; each of them first
/// calls `flush`, as does `Recorder.write` before committing, so the sink sees every change in
/// the order it was made.
final class BulkPath: @unchecked Sendable {
    // `lock` guards the fields; the transaction runs one operation at a time.
    private let lock = NSLock()
    private var resolved = false
    private var connection: SQLiteBulkConnection?
    private var session: (any BulkChangeSession)?
    /// Started by the first import batch, stopped by the recorder once the transaction is over.
    private let writeback: EarlyWriteback

    init(writeback: EarlyWriteback) { self.writeback = writeback }

    /// The transaction's connection, on first use with a larger page cache.
    func connection(on sql: any SQLDatabase) async -> SQLiteBulkConnection? {
        if let known = lock.withLock({ resolved ? Optional(connection) : nil }) { return known }
        let handle = await SQLiteHandle.of(sql)
        return lock.withLock {
            if !resolved {
                resolved = true
                connection = handle.map(SQLiteBulkConnection.init)
                try? connection?.enlargeCache()
            }
            return connection
        }
    }

    /// The sink's session on this transaction's bulk path, started on first use.
    func session(for sink: any BulkChangeSink) -> any BulkChangeSession {
        lock.withLock {
            if let session { return session }
            let started = sink.bulkSession()
            session = started
            return started
        }
    }

    /// Starts the early writeback of the connection's files (once): for an import, which writes
    /// the bulk of a file in this transaction, not for a form's one record.
    func startWriteback(for connection: SQLiteBulkConnection) {
        writeback.start(connection: connection.handle)
    }

    /// Whether the early writeback of the transaction's files runs (for tests).
    var isWritingBack: Bool { writeback.isRunning }

    /// Lets the sink's session write what it still holds, and creates again the indexes the
    /// bulk path deferred (`DeferredIndexes`): what follows may read any table.
    func flush() async throws {
        guard let (session, connection) = lock.withLock({ () -> ((any BulkChangeSession), SQLiteBulkConnection)? in
            guard let session, let connection else { return nil }
            return (session, connection)
        }) else { return }
        let box = UncheckedSession(session: session)
        try await connection.run { connection in
            try box.session.flush(on: connection)
            try connection.settle()
        }
    }

    /// Finalizes the prepared statements and restores the page cache (before the transaction ends).
    func close() {
        lock.withLock {
            connection?.close()
            session = nil
        }
    }
}

/// A session handed to the thread pool: used by one thread at a time (see `BulkChangeSession`).
struct UncheckedSession: @unchecked Sendable {
    let session: any BulkChangeSession
}

extension SQLiteBulkConnection {
    /// Runs blocking SQLite work on NIO's thread pool (where SQLiteNIO runs its own calls), so
    /// that neither Swift's cooperative threads nor the caller's wait on the disk.
    func run<T: Sendable>(_ work: @escaping @Sendable (SQLiteBulkConnection) throws -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive { try work(self) }
    }
}
