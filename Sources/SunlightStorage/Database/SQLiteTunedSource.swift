import AsyncKit
import Logging
import NIOCore
import NIOPosix
import SQLiteNIO

/// Opens SQLite connections tuned for a server: write-ahead logging so readers never wait for a
/// writer, a busy timeout instead of instant `SQLITE_BUSY`, foreign keys on, and `NORMAL`
/// synchronous mode (durable at each checkpoint in WAL mode; a power cut can lose at most the
/// last transactions, never corrupt the file).
struct SQLiteTunedSource: ConnectionPoolSource, Sendable {
    let path: String

    func makeConnection(logger: Logger, on eventLoop: any EventLoop) -> EventLoopFuture<SQLiteConnection> {
        // Before the first connection opens: gives each connection `sunlight_connection_handle()`.
        SQLiteHandle.registration
        return SQLiteConnection.open(storage: .file(path: path), threadPool: .singleton, logger: logger, on: eventLoop)
            .flatMap { connection in
                let pragmas = [
                    "PRAGMA journal_mode = WAL",
                    "PRAGMA busy_timeout = 10000",
                    "PRAGMA foreign_keys = ON",
                    "PRAGMA synchronous = NORMAL",
                ]
                return pragmas.reduce(eventLoop.makeSucceededVoidFuture()) { future, pragma in
                    future.flatMap { connection.query(pragma).map { _ in } }
                }.map { connection }
            }
    }
}
