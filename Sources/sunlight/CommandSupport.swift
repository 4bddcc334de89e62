import Foundation
import Logging
import SunlightStorage

/// Opening and migrating the database, the same way for every command.
enum CommandSupport {
    static func logger(_ label: String) -> Logger {
        var logger = Logger(label: label)
        logger.logLevel = ProcessInfo.processInfo.environment["SUNLIGHT_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        return logger
    }

    /// Opens the database, applies pending migrations and loads (or creates) the ledger key.
    /// A command does one thing at a time (`.sequential`); the server passes `.concurrent`.
    static func open(_ options: DatabaseOptions, sharing: SunlightDatabase.Sharing = .sequential,
                     logger: Logger = logger("sunlight")) async throws -> Workspace {
        let database = try await SunlightDatabase.open(options.location, sharing: sharing, logger: logger)
        do {
            try await Migrator(database: database).migrate()
            let keys = try LedgerKeys.loadOrCreate(at: options.ledgerKeyURL)
            return Workspace(database: database, ledger: Ledger(database: database, keys: keys))
        } catch {
            await database.shutdown()
            throw error
        }
    }

    /// Runs `body` with an open workspace and always closes it (the pools must be shut down
    /// before they are released, whatever `body` does).
    static func withWorkspace<T: Sendable>(_ options: DatabaseOptions, logger: Logger = logger("sunlight"),
                                           _ body: (Workspace) async throws -> T) async throws -> T {
        let workspace = try await open(options, logger: logger)
        do {
            let result = try await body(workspace)
            await workspace.close()
            return result
        } catch {
            await workspace.close()
            throw error
        }
    }

    static func printError(_ zh: String, _ en: String) {
        FileHandle.standardError.write(Data("错误：\(zh)\nerror: \(en)\n".utf8))
    }
}

/// An open database with its ledger: what every command works with.
struct Workspace: Sendable {
    let database: SunlightDatabase
    let ledger: Ledger

    var recorder: Recorder { Recorder(ledger: ledger) }
    var accounts: AccountStore { AccountStore(database: database, recorder: recorder) }

    func close() async { await database.shutdown() }
}
