import ArgumentParser
import SunlightDemo
import Foundation
import SunlightContract
import Hummingbird
import SunlightStorage
import SunlightWeb
import SunlightDomain

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the web server (creates and migrates the database on first start).")

    @OptionGroup var db: DatabaseOptions
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on.") var port = 8080
    @Flag(help: "Mark cookies Secure even without TLS being detected (set this behind a TLS proxy).") var secureCookies = false
    @Option(help: "Largest accepted upload, in MiB.") var maxUploadMb = 256
    @Option(help: "Minutes between scheduled ledger checkpoints (0: only on demand).") var checkpointMinutes = 60
    @Flag(help: "Start with the synthetic demo county imported and scanned (in ./sunlight-demo.sqlite unless --database is given).")
    var demo = false
    @Option(help: "Size of the demo county: small, county or province.") var demoSize: DemoSize = .small
    @Option(name: .customLong("trusted-proxy"),
            help: "A reverse proxy (address or CIDR, repeatable) whose X-Forwarded-For / X-Forwarded-Proto are believed.")
    var trustedProxies: [String] = []
    @Option(help: ArgumentHelp("Bearer token that /metrics requires (better: SUNLIGHT_METRICS_TOKEN; without one, /metrics answers only local, unproxied clients).",
                               valueName: "token"))
    var metricsToken: String?
    @Option(help: "Seconds a connection may stay without a complete request before it is closed.") var idleTimeout: Double = 30
    @Option(help: "Most connections served at once (lowered to fit the open-file limit).") var maxConnections = 200
    @Flag(help: ArgumentHelp("Testing only, with --demo: portal rate limits ×1000 and cheap receipt hashing, so an API fuzzer "
                             + "(scripts/schemathesis.sh) reaches the handlers quickly.", visibility: .hidden))
    var apiFuzzing = false

    func run() async throws {
        // Everything this process creates (the database, its -wal and -shm, report keys and
        // uploads, the ledger key) is for this account's eyes only.
        PrivateFiles.restrictUmask()
        let logger = CommandSupport.logger("sunlight")
        var trusted: [IPRange] = []
        for text in trustedProxies {
            guard let range = IPRange(text) else {
                CommandSupport.printError("无法识别的代理地址：\(text)", "not an address or CIDR range: \(text)")
                throw ExitCode(2)
            }
            trusted.append(range)
        }
        guard idleTimeout > 0, maxConnections > 0 else {
            CommandSupport.printError("--idle-timeout 和 --max-connections 必须为正数", "--idle-timeout and --max-connections must be positive")
            throw ExitCode(2)
        }
        guard !apiFuzzing || demo else {
            CommandSupport.printError("--api-fuzzing 仅用于 --demo 测试", "--api-fuzzing is for --demo test runs only")
            throw ExitCode(2)
        }
        var db = self.db
        if demo && db.database == nil { db.database = "sunlight-demo.sqlite" }
        let workspace = try await CommandSupport.open(db, sharing: .concurrent, logger: logger)
        if demo {
            do {
                try await startDemo(workspace)
            } catch {
                await workspace.close()
                throw error
            }
        } else if try await workspace.accounts.userCount() == 0 {
            print("""
                数据库中还没有用户。创建第一个管理员：
                There are no users yet. Create the first administrator:
                    swift run sunlight user add --username admin --role admin --password-stdin\(db.database.map { " --database \($0)" } ?? "")
                """)
        }
        var configuration = WebConfiguration(host: host, port: port, forceSecureCookies: secureCookies,
                                             maxUploadBytes: maxUploadMb << 20)
        configuration.trustedProxies = trusted
        configuration.metricsToken = metricsToken ?? ProcessInfo.processInfo.environment["SUNLIGHT_METRICS_TOKEN"]
        configuration.idleTimeoutSeconds = idleTimeout
        configuration.maxConnections = Self.connectionCap(maxConnections)
        if apiFuzzing { configuration.prepareForAPIFuzzing() }
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

extension Serve {
    /// Descriptors kept back from the connection cap for the database, its WAL, the key and
    /// upload files, and the listening socket.
    static let reservedDescriptors = 64

    /// `requested`, lowered so that connections alone can never exhaust the process's open-file
    /// limit (`ulimit -n`).
    static func connectionCap(_ requested: Int) -> Int {
        var limit = rlimit()
        #if canImport(Glibc)
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        #else
        let resource = RLIMIT_NOFILE
        #endif
        guard getrlimit(resource, &limit) == 0, limit.rlim_cur != rlim_t.max else { return requested }
        let available = Int(clamping: limit.rlim_cur) - reservedDescriptors
        return max(1, min(requested, available))
    }

    /// Loads the demo county on first start, and gives the newcomer an account to sign in with
    /// (a fresh password each start, printed once).
    func startDemo(_ workspace: Workspace) async throws {
        if try await !RuleRunStore(database: workspace.database).hasScans() {
            try await DemoSetup.install(workspace, size: demoSize, seed: 1)
        }
        let password = String((0..<12).map { _ in "abcdefghjkmnpqrstuvwxyz23456789".randomElement()! })
        let accounts = workspace.accounts
        // An administrator, two inspectors (a handler and the commission's head, who approves)
        // and a leader: enough people to take a report through its whole disposition.
        let people: [(String, Role, String)] = [
            ("demo", .admin, "示例管理员 Demo admin"), ("demo-inspector", .inspector, "示例纪检干部 Demo inspector"),
            ("demo-head", .inspector, "示例纪委负责人 Demo commission head"), ("demo-leader", .leader, "示例县领导 Demo leader"),
        ]
        let existing = try await accounts.users()
        for (name, role, display) in people {
            if let user = existing.first(where: { $0.username == name }) {
                try await accounts.updateUser(id: user.id, displayName: user.displayName, role: role, unitCode: user.unitCode,
                                              disabled: false, newPassword: password, by: .system("demo"))
            } else {
                try await accounts.createUser(username: name, password: password, role: role, unitCode: nil, displayName: display,
                                              by: .system("demo"))
            }
        }
        print("""
            示例县已就绪。登录 / The demo county is ready. Sign in with:
                用户名 username: demo (管理员 admin) · demo-inspector、demo-head (纪检 inspectors) · demo-leader (领导 leader)
                密码 password:   \(password)  (same for all four, new on every start)
            公众举报入口 / public reporting portal: /portal
            """)
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
