import ArgumentParser
import Foundation
import SQLKit
import SunlightStorage

struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a consistent snapshot of a live SQLite database to FILE (safe while the server runs).")

    @OptionGroup var db: DatabaseOptions
    @Argument(help: "The backup file to create.") var file: String

    func run() async throws {
        let location = DatabaseLocation(argument: db.database)
        guard case .sqlite = location else {
            CommandSupport.printError("PostgreSQL 请使用 pg_dump 备份", "for PostgreSQL, use pg_dump")
            throw ExitCode(2)
        }
        guard !FileManager.default.fileExists(atPath: file) else {
            CommandSupport.printError("目标文件已存在：\(file)", "the target file exists: \(file)")
            throw ExitCode(2)
        }
        PrivateFiles.restrictUmask()
        // The backup holds everything the database does: it is created empty with mode 0600
        // first (VACUUM INTO accepts an empty file, and writes into it keeping its mode), and
        // O_EXCL closes the gap between the check above and the creation.
        do {
            try PrivateFiles.createEmpty(path: file)
        } catch {
            CommandSupport.printError("无法创建备份文件：\(file)", "cannot create the backup file: \(file)")
            throw ExitCode(1)
        }
        let database: SunlightDatabase
        do {
            database = try await SunlightDatabase.open(location, logger: CommandSupport.logger("sunlight"))
        } catch {
            try? FileManager.default.removeItem(atPath: file)
            throw error
        }
        // VACUUM INTO reads one consistent snapshot (a read transaction) while writers go on.
        let target = file
        do {
            try await database.withConnection { sql in try await sql.raw("VACUUM INTO \(bind: target)").run() }
        } catch {
            await database.shutdown()
            try? FileManager.default.removeItem(atPath: file)
            CommandSupport.printError("备份失败：\(error)", "backup failed: \(error)")
            throw ExitCode(1)
        }
        await database.shutdown()
        let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
        print("backup written: \(file) (\(size) bytes)")
    }
}
