import ArgumentParser
import Foundation
import SunlightStorage

/// The `sunlight` command.
@main
struct Sunlight: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sunlight",
        abstract: "Sunlight — integrity supervision for local government (阳光监督平台).",
        subcommands: [Serve.self, Migrate.self, ImportCommand.self, UserCommand.self, TokenCommand.self, Verify.self, LedgerCommand.self,
                      Backup.self, Bench.self, ScanCommand.self, DemoCommand.self, CalendarCommand.self, OCDSCommand.self]
    )
}

/// `--database` as every command takes it: a path to an SQLite file (default
/// `./sunlight.sqlite`) or a `postgres://` URL. `SUNLIGHT_DATABASE` sets the default.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: "SQLite file path or postgres:// URL (default ./sunlight.sqlite, or $SUNLIGHT_DATABASE).")
    var database: String?

    @Option(name: .long, help: "The ledger's key file (default: beside the SQLite file as <file>.ledger-key, or ./sunlight-ledger.key).")
    var ledgerKey: String?

    var location: DatabaseLocation { DatabaseLocation(argument: database) }

    var ledgerKeyURL: URL {
        ledgerKey.map { URL(fileURLWithPath: $0) } ?? LedgerKeys.defaultPath(for: location)
    }
}
