import AsyncKit
import Logging
import NIOCore
import NIOPosix
import SQLiteNIO

/// Opens SQLite connections tuned for a server: write-ahead logging so readers never wait for a
/// writer, a busy timeout instead of instant `SQLITE_BUSY`, foreign keys on, and `NORMAL`
/// synchronous mode (durable at each checkpoint in WAL mode; a power cut can lose at most the
/// last transactions, never corrupt the file).
///
/// A new database file gets 32 KiB pages (`pageSize`); an existing one keeps the size it was
/// made with (SQLite fixes it with the first write, and WAL mode forbids changing it).
struct SQLiteTunedSource: ConnectionPoolSource, Sendable {
    let path: String

    /// The page size of a database this source creates. Why not SQLite's 4 KiB: Sunlight's
    /// writes come mostly in bulk (imports of whole registers, scans saving their findings), and
    /// a bulk write into a WAL database pays per page — b-tree splits, WAL frames, and the
    /// checkpoint's copy of every frame into the file. A million-row import ran 10–15 % faster
    /// at 32 KiB (64 KiB gained nothing more). The price is on one-row transactions, which
    /// write whole pages to the log: `bench ledger`'s single-change transactions went from
    /// about 1,360/s to 870/s, far above what people filling in forms ask of it.
    static let pageSize = 32_768

    /// How long a connection waits for another's lock before `SQLITE_BUSY`.
    static let busyTimeoutMilliseconds = 10_000

    /// The threads SQLite's blocking calls run on: one per pooled connection (4 per event loop).
    /// NIO's shared pool has one thread per core, so a scan loading on two connections took both
    /// on this machine, and a one-row query on a third connection — `/healthz`, a sign-in —
    /// waited for the load to finish (a second and more). Idle threads cost nothing.
    static let threadPool: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: 4 * System.coreCount + 2)
        pool.start()
        return pool
    }()

    func makeConnection(logger: Logger, on eventLoop: any EventLoop) -> EventLoopFuture<SQLiteConnection> {
        // Before the first connection opens: gives each connection `sunlight_connection_handle()`.
        SQLiteHandle.registration
        return SQLiteConnection.open(storage: .file(path: path), threadPool: Self.threadPool, logger: logger, on: eventLoop)
            .flatMap { connection in
                let pragmas = [
                    // Before `journal_mode`, which writes the header of a new file: a no-op on an existing one.
                    "PRAGMA page_size = \(Self.pageSize)",
                    "PRAGMA journal_mode = WAL",
                    "PRAGMA busy_timeout = \(Self.busyTimeoutMilliseconds)",
                    "PRAGMA foreign_keys = ON",
                    "PRAGMA synchronous = NORMAL",
                ]
                return pragmas.reduce(eventLoop.makeSucceededVoidFuture()) { future, pragma in
                    future.flatMap { connection.query(pragma).map { _ in } }
                }.map { connection }
            }
    }
}
