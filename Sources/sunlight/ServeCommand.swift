import ArgumentParser
import Foundation
import Hummingbird
import SunlightStorage
import SunlightWeb

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the web server (creates and migrates the database on first start).")

    @OptionGroup var db: DatabaseOptions
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on.") var port = 8080
    @Flag(help: "Mark cookies Secure even without TLS being detected (set this behind a TLS proxy).") var secureCookies = false
    @Option(help: "Largest accepted upload, in MiB.") var maxUploadMb = 256
    @Option(help: "Minutes between scheduled ledger checkpoints (0: only on demand).") var checkpointMinutes = 60

    func run() async throws {
        let logger = CommandSupport.logger("sunlight")
        let workspace = try await CommandSupport.open(db, logger: logger)
        if try await workspace.accounts.userCount() == 0 {
            print("""
                数据库中还没有用户。创建第一个管理员：
                There are no users yet. Create the first administrator:
                    swift run sunlight user add --username admin --role admin --password-stdin\(db.database.map { " --database \($0)" } ?? "")
                """)
        }
        let configuration = WebConfiguration(host: host, port: port, forceSecureCookies: secureCookies,
                                             maxUploadBytes: maxUploadMb << 20)
        let app = try await SunlightApplication.build(ledger: workspace.ledger, configuration: configuration,
                                                      checkpointInterval: checkpointMinutes > 0 ? .seconds(checkpointMinutes * 60) : nil,
                                                      logger: logger)
        print("Sunlight: http://\(host):\(port)/ (\(workspace.database.location)); ledger key \(db.ledgerKeyURL.path)")
        fflush(nil)
        do {
            try await app.runService()
        } catch {
            await workspace.close()
            throw error
        }
        await workspace.close()
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create or upgrade the database schema.")
    @OptionGroup var db: DatabaseOptions

    func run() async throws {
        // Opening the workspace applies pending migrations; report what the schema is now.
        let versions = try await CommandSupport.withWorkspace(db) { try await Migrator(database: $0.database).appliedVersions() }
        print("schema up to date (version \(versions.max() ?? 0))")
    }
}
