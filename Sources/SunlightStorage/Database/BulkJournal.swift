import Logging
import SQLKit

/// A bulk transaction that writes its pages once: for its duration, the connection leaves
/// write-ahead logging for a rollback journal.
///
/// Why: in WAL mode every page an import writes goes to the log first, and the commit's
/// checkpoint copies each one again into the database file. A million `people` rows are
/// about 600 MB of pages (the records with their hashes, the ledger's entries); on the
/// machines measured the kernel's copy of those bytes cost as much as the import's whole
/// tail (1.5–1.9 s of 8–9 s). With a rollback journal, pages past the file's old end are
/// written straight into the file, and only pages that already existed are first saved to
/// the journal — which is what `sqlite3`'s own `.import` does.
///
/// When: only in a sequential process (the command line, `SunlightDatabase.Sharing`), and
/// only when no other connection — of this process or another, such as a running server —
/// has the file open: SQLite refuses to leave WAL mode otherwise, and the transaction then
/// runs in WAL mode as any other. Readers could not read beside a rollback-journal writer,
/// so a server never asks for it.
///
/// Durability is SQLite's: `synchronous = FULL` while the journal is used (the journal is
/// synced before the file is overwritten), and a process killed mid-import leaves a hot
/// journal that the next connection rolls back before it reads. Afterwards the connection
/// goes back to WAL mode and `NORMAL` synchronous, as `SQLiteTunedSource` opened it.
struct BulkJournal {
    let db: any SQLDatabase
    let logger: Logger

    /// Switches `db`'s connection to a rollback journal, or returns nil (it stays in WAL mode)
    /// when another connection has the file open. Call outside a transaction.
    static func enter(on db: any SQLDatabase, logger: Logger) async -> BulkJournal? {
        let mode: String?
        do {
            // Another process's connection makes the switch wait for a lock it will not get.
            try await db.raw("PRAGMA busy_timeout = 0").run()
            mode = try await db.raw("PRAGMA journal_mode = DELETE").first()?.decode(column: "journal_mode", as: String.self)
        } catch {
            mode = nil
        }
        _ = try? await db.raw(SQLQueryString(stringLiteral: "PRAGMA busy_timeout = \(SQLiteTunedSource.busyTimeoutMilliseconds)")).run()
        guard mode == "delete" else {
            logger.debug("bulk transaction keeps the write-ahead log: another connection has the database open")
            return nil
        }
        let journal = BulkJournal(db: db, logger: logger)
        do {
            try await db.raw("PRAGMA synchronous = FULL").run()
        } catch {
            await journal.leave()
            return nil
        }
        return journal
    }

    /// Back to WAL mode, after the transaction's commit or rollback.
    func leave() async {
        do {
            try await db.raw("PRAGMA synchronous = NORMAL").run()
            let mode = try await db.raw("PRAGMA journal_mode = WAL").first()?.decode(column: "journal_mode", as: String.self)
            if mode != "wal" { logger.warning("could not return to WAL mode after a bulk transaction", metadata: ["mode": "\(mode ?? "?")"]) }
        } catch {
            logger.warning("could not return to WAL mode after a bulk transaction", metadata: ["error": "\(String(reflecting: error))"])
        }
    }
}
