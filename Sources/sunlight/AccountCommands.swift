import ArgumentParser
import Foundation
import SunlightDomain
import SunlightContract
import SunlightStorage

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "user", abstract: "Manage user accounts.", subcommands: [Add.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a user. The password is read from standard input.")
        @OptionGroup var db: DatabaseOptions
        @Option var username: String
        @Option(help: "admin, inspector, auditor, unit_officer, leader or witness.") var role: String
        @Option(help: "The unit code the user is bound to (required for unit_officer).") var unit: String?
        @Option(help: "Display name.") var name: String = ""
        @Option(name: .long, help: "The user's resident ID number: recusal checks, and they never see matters about themselves.")
        var idNumber: String?
        @Flag(help: "Read the password from standard input (first line).") var passwordStdin = false

        func run() async throws {
            guard let role = Role(rawValue: role) else {
                CommandSupport.printError("未知角色：\(self.role)", "unknown role: \(self.role) (one of: \(Role.allCases.map(\.rawValue).joined(separator: ", ")))")
                throw ExitCode(2)
            }
            guard passwordStdin else {
                CommandSupport.printError("请用 --password-stdin 从标准输入提供密码（不在命令行上出现）",
                                          "give the password on standard input with --password-stdin (never on the command line)")
                throw ExitCode(2)
            }
            if let idNumber {
                do { _ = try ResidentID.parse(idNumber) } catch {
                    CommandSupport.printError(error.messageZh, error.messageEn)
                    throw ExitCode(1)
                }
            }
            let password = (readLine(strippingNewline: true) ?? "")
            do {
                let user = try await CommandSupport.withWorkspace(db) { workspace in
                    let user = try await workspace.accounts.createUser(username: username, password: password, role: role, unitCode: unit,
                                                                       displayName: name, by: .system("cli"))
                    if let idNumber { try await workspace.accounts.setIDNumber(username: username, idNumber: idNumber, by: .system("cli")) }
                    return user
                }
                print("created user \(user.username) (\(user.role.rawValue))")
            } catch let error as AccountError {
                CommandSupport.printError(error.messageZh, error.messageEn)
                throw ExitCode(1)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users.")
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let users = try await CommandSupport.withWorkspace(db) { try await $0.accounts.users() }
            for user in users { print("\(user.username)\t\(user.role.rawValue)\t\(user.unitCode ?? "-")") }
        }
    }
}

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "token", abstract: "API bearer tokens.",
                                                    subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an API token for a user; it is printed once.")
        @OptionGroup var db: DatabaseOptions
        @Option var user: String
        @Option(help: "A name to recognise the token by.") var name = "cli"
        @Option(help: "Days until the token stops working (1–\(APIToken.maximumLifetimeDays)).")
        var expiresInDays = APIToken.defaultLifetimeDays

        func run() async throws {
            do {
                let token = try await CommandSupport.withWorkspace(db) {
                    try await $0.accounts.createToken(for: user, name: name, lifetimeDays: expiresInDays, by: .system("cli"))
                }
                print(token)
            } catch let error as AccountError {
                CommandSupport.printError(error.messageZh, error.messageEn)
                throw ExitCode(1)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List API tokens: id, user, name, state, created, expires, last used (never the secret).")
        @OptionGroup var db: DatabaseOptions
        @Option(help: "Only this user's tokens.") var user: String?

        func run() async throws {
            let tokens = try await CommandSupport.withWorkspace(db) { try await $0.accounts.tokens(username: user) }
            print(["id", "user", "name", "state", "created", "expires", "last_used"].joined(separator: "\t"))
            let now = Date()
            for token in tokens {
                print([String(token.id), token.username, token.name, token.state(at: now), token.createdAt,
                       token.expiresAt ?? "-", token.lastUsedAt ?? "-"].joined(separator: "\t"))
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke an API token by its id (see token list); it stops working at once.")
        @OptionGroup var db: DatabaseOptions
        @Argument(help: "The token's id.") var id: Int64

        func run() async throws {
            do {
                try await CommandSupport.withWorkspace(db) { try await $0.accounts.revokeToken(id: id, by: .system("cli")) }
                print("revoked token \(id)")
            } catch let error as AccountError {
                CommandSupport.printError(error.messageZh, error.messageEn)
                throw ExitCode(1)
            }
        }
    }
}
