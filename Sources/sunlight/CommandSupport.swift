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

    /// Opens the database and applies pending migrations.
    static func open(_ options: DatabaseOptions, logger: Logger = logger("sunlight")) async throws -> SunlightDatabase {
        let database = try await SunlightDatabase.open(DatabaseLocation(argument: options.database), logger: logger)
        do {
            try await Migrator(database: database).migrate()
        } catch {
            await database.shutdown()
            throw error
        }
        return database
    }

    static func printError(_ zh: String, _ en: String) {
        FileHandle.standardError.write(Data("错误：\(zh)\nerror: \(en)\n".utf8))
    }
}
