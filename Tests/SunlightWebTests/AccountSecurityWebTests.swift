import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import SQLKit
import SunlightStorage
import SunlightTestSupport
@testable import SunlightWeb
import Testing

/// Issue 18's findings about accounts, sessions and the server's limits, each checked against
/// the state it leaves behind (rows, log lines, headers), not only a status code.
@Suite("Account and server hardening")
struct AccountSecurityWebTests {
    static func configuration(_ test: TestDatabase, _ change: (inout WebConfiguration) -> Void = { _ in }) -> WebConfiguration {
        var configuration = WebConfiguration(maxUploadBytes: 1 << 20, bcryptCost: 4)
        configuration.reportDataDirectory = test.directory.appendingPathComponent("reports")
        configuration.receiptCost = .fast
        configuration.portalMinimumSeconds = 0
        change(&configuration)
        return configuration
    }

    /// A fixture whose router is built with `change` applied to the test configuration.
    static func fixture(_ change: @escaping (inout WebConfiguration) -> Void) async throws -> WebFixture {
        let seeded = try await WebFixture.make()
        let router = try await SunlightApplication.router(ledger: seeded.test.ledger, configuration: configuration(seeded.test, change))
        return WebFixture(test: seeded.test, router: router, tokens: seeded.tokens)
    }

    static func sessions(_ test: TestDatabase, username: String) async throws -> Int {
        try await test.database.withConnection { db in
            try await db.raw("SELECT COUNT(*) AS n FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = \(bind: username)")
                .first()!.decode(column: "n", as: Int.self)
        }
    }

    static func userID(_ test: TestDatabase, _ username: String) async throws -> Int64 {
        try await AccountStore(database: test.database, recorder: test.recorder).users().first { $0.username == username }!.id
    }

    // MARK: 1. API tokens

    @Test func revokedAndExpiredTokensAreRefused() async throws {
        let fixture = try await WebFixture.make()
        let test = fixture.test, tokens = fixture.tokens
        _ = (test, tokens)
        let accounts = AccountStore(database: fixture.test.database, recorder: fixture.test.recorder, bcryptCost: 4)
        let expired = try await accounts.createToken(for: "auditor", name: "old", lifetimeDays: 1, by: .system(),
                                                     now: Date().addingTimeInterval(-3 * 86400))
        try await fixture.run { client async throws in
            let token = tokens["auditor"]!
            #expect(try await client.execute(uri: "/api/v1/units", method: .get, headers: bearer(token)).status == .ok)
            #expect(try await client.execute(uri: "/api/v1/units", method: .get, headers: bearer(expired)).status == .unauthorized)
            let id = try await accounts.tokens(username: "auditor").first { $0.name == "test" }!.id
            try await accounts.revokeToken(id: id, by: .system())
            #expect(try await client.execute(uri: "/api/v1/units", method: .get, headers: bearer(token)).status == .unauthorized)
            #expect(try await accounts.tokens(username: "auditor").first { $0.id == id }?.revokedAt != nil)
        }
    }

    @Test func adminPasswordResetAndDisablingEndTokensAndSessions() async throws {
        let fixture = try await WebFixture.make()
        let test = fixture.test, tokens = fixture.tokens
        _ = (test, tokens)
        let accounts = AccountStore(database: fixture.test.database, recorder: fixture.test.recorder, bcryptCost: 4)
        let inspectorID = try await Self.userID(fixture.test, "inspector")
        let leaderID = try await Self.userID(fixture.test, "leader")
        try await fixture.run { client async throws in
            var inspector = Browser(client)
            try await inspector.login("inspector")
            #expect(try await Self.sessions(test, username: "inspector") == 1)
            var admin = Browser(client)
            try await admin.login("admin")

            // The edit page lists the token (never its secret) with a revoke button.
            let page = try await admin.get("/admin/users/\(inspectorID)")
            #expect(page.text.contains("API") && page.text.contains("/tokens/") && !page.text.contains(tokens["inspector"]!))

            let reset = try await admin.post("/admin/users/\(inspectorID)", form: ["display_name": "", "role": "inspector",
                                                                                  "password": "a brand new password"])
            #expect(reset.status == .ok)
            #expect(try await Self.sessions(test, username: "inspector") == 0)
            #expect(try await accounts.tokens(username: "inspector").allSatisfy { $0.revokedAt != nil })
            #expect(try await client.execute(uri: "/api/v1/units", method: .get, headers: bearer(tokens["inspector"])).status
                    == .unauthorized)
            #expect(try await inspector.get("/").headers[.location] == "/login")

            // Disable the leader, then enable again: nothing of before comes back.
            var leader = Browser(client)
            try await leader.login("leader")
            try await admin.get("/admin/users/\(leaderID)")
            try await admin.post("/admin/users/\(leaderID)", form: ["display_name": "", "role": "leader", "disabled": "1"])
            try await admin.get("/admin/users/\(leaderID)")
            try await admin.post("/admin/users/\(leaderID)", form: ["display_name": "", "role": "leader"])
            #expect(try await accounts.user(id: leaderID)?.disabled == false)
            #expect(try await Self.sessions(test, username: "leader") == 0)
            #expect(try await accounts.tokens(username: "leader").allSatisfy { $0.revokedAt != nil })
            #expect(try await client.execute(uri: "/api/v1/units", method: .get, headers: bearer(tokens["leader"])).status
                    == .unauthorized)
            #expect(try await leader.get("/").headers[.location] == "/login")
        }
    }

    @Test func adminRevokesATokenFromTheAccountPage() async throws {
        let fixture = try await WebFixture.make()
        let test = fixture.test, tokens = fixture.tokens
        _ = (test, tokens)
        let accounts = AccountStore(database: fixture.test.database, recorder: fixture.test.recorder, bcryptCost: 4)
        let auditorID = try await Self.userID(fixture.test, "auditor")
        let tokenID = try await accounts.tokens(username: "auditor").first!.id
        try await fixture.run { client async throws in
            var admin = Browser(client)
            try await admin.login("admin")
            try await admin.get("/admin/users/\(auditorID)")
            let revoked = try await admin.post("/admin/users/\(auditorID)/tokens/\(tokenID)/revoke", form: [:])
            #expect(revoked.status == .seeOther)
            #expect(try await accounts.tokens(username: "auditor").first { $0.id == tokenID }?.revokedAt != nil)
            #expect(try await client.execute(uri: "/api/v1/units", method: .get, headers: bearer(tokens["auditor"])).status
                    == .unauthorized)
            // Another user's token id under this user's page is not found, and stays active.
            let other = try await accounts.tokens(username: "leader").first!.id
            try await admin.get("/admin/users/\(auditorID)")
            #expect(try await admin.post("/admin/users/\(auditorID)/tokens/\(other)/revoke", form: [:]).status == .notFound)
            #expect(try await accounts.tokens(username: "leader").first { $0.id == other }?.revokedAt == nil)
        }
    }

    // MARK: 2. Sign-in throttle (unit level, with a clock)

    @Test func throttleDelaysProgressivelyAndNeverLocksOutOthers() async throws {
        let throttle = LoginThrottle(policy: .init(free: 3, base: 1, pairCap: 8, accountCap: 4, window: 3600, capacity: 100))
        let start = Date(timeIntervalSince1970: 1_000_000)
        for i in 0..<3 { await throttle.recordFailure(account: "admin", address: "10.0.0.9", now: start.addingTimeInterval(Double(i))) }
        // Three free failures, then 1 s, 2 s, 4 s, 8 s, 8 s (the cap).
        #expect(await throttle.check(account: "admin", address: "10.0.0.9", now: start.addingTimeInterval(2.5)) == .wait(seconds: 1))
        var last = start.addingTimeInterval(2)
        for expected in [2, 4, 8, 8] {
            last = last.addingTimeInterval(60)
            await throttle.recordFailure(account: "admin", address: "10.0.0.9", now: last)
            #expect(await throttle.check(account: "admin", address: "10.0.0.9", now: last) == .wait(seconds: expected))
        }
        // Other accounts from the same address, and the owner from a clean address, pass at once.
        #expect(await throttle.check(account: "inspector", address: "10.0.0.9", now: last) == .allowed)
        #expect(await throttle.check(account: "admin", address: "10.0.0.77", now: last) == .allowed)
        // Once the wait is over, the throttled pair is checked again (a correct password then succeeds).
        #expect(await throttle.check(account: "admin", address: "10.0.0.9", now: last.addingTimeInterval(8.01)) == .allowed)
        // A second address that failed once is held by the account-wide wait (capped at 4 s), not more.
        await throttle.recordFailure(account: "admin", address: "10.0.0.8", now: last)
        #expect(await throttle.check(account: "admin", address: "10.0.0.8", now: last) == .wait(seconds: 4))
        #expect(await throttle.check(account: "admin", address: "10.0.0.8", now: last.addingTimeInterval(4.01)) == .allowed)
        // A success clears its pair.
        await throttle.recordSuccess(account: "admin", address: "10.0.0.9")
        #expect(await throttle.check(account: "admin", address: "10.0.0.9", now: last) == .allowed)
    }

    /// A guesser spread over many addresses no longer gets a free try from each: past `spread`
    /// failures on the account every address pays the account-wide wait (capped, so the owner
    /// waits at most that), and an IPv6 /64 counts as one client.
    @Test func throttleHoldsAGuesserSpreadOverAddresses() async throws {
        let throttle = LoginThrottle(policy: .init(free: 3, base: 1, pairCap: 8, accountCap: 4, window: 3600, capacity: 1000, spread: 10))
        let start = Date(timeIntervalSince1970: 1_000_000)
        for i in 0..<9 { await throttle.recordFailure(account: "admin", address: "10.1.\(i).1", now: start) }
        #expect(await throttle.check(account: "admin", address: "10.9.9.9", now: start) == .allowed, "below the spread: a new address is free")
        await throttle.recordFailure(account: "admin", address: "10.1.9.1", now: start)
        #expect(await throttle.check(account: "admin", address: "10.9.9.9", now: start) == .wait(seconds: 4))
        #expect(await throttle.check(account: "admin", address: "10.9.9.9", now: start.addingTimeInterval(4.01)) == .allowed)
        #expect(await throttle.check(account: "inspector", address: "10.9.9.9", now: start) == .allowed)
        // One /64: the hosts of a prefix share a pair.
        #expect(LoginThrottle.clientKey("2001:db8:1:2::1") == LoginThrottle.clientKey("2001:0DB8:1:2:ffff::9"))
        #expect(LoginThrottle.clientKey("2001:db8:1:2::1") != LoginThrottle.clientKey("2001:db8:1:3::1"))
        #expect(LoginThrottle.clientKey("::ffff:10.0.0.1") == "10.0.0.1")
        for _ in 0..<3 { await throttle.recordFailure(account: "clerk", address: "2001:db8:1:2::1", now: start) }
        await throttle.recordFailure(account: "clerk", address: "2001:db8:1:2::77", now: start)
        #expect(await throttle.check(account: "clerk", address: "2001:db8:1:2::99", now: start) != .allowed)
    }

    @Test func throttleMemoryIsBounded() async throws {
        let throttle = LoginThrottle(policy: .init(free: 3, base: 1, pairCap: 8, accountCap: 4, window: 3600, capacity: 1000))
        let start = Date(timeIntervalSince1970: 1_000_000)
        for i in 0..<5000 {
            await throttle.recordFailure(account: "user\(i)", address: "10.\(i / 256 % 256).\(i % 256).1", now: start.addingTimeInterval(Double(i)))
        }
        #expect(await throttle.count <= 1000)
        // The newest survive; the oldest went first.
        for _ in 0..<3 { await throttle.recordFailure(account: "user4999", address: "10.19.135.1", now: start.addingTimeInterval(5000)) }
        #expect(await throttle.check(account: "user4999", address: "10.19.135.1", now: start.addingTimeInterval(5000)) != .allowed)
    }

    // MARK: 6. `next` stays on this site

    @Test func signInRedirectsOnlyToLocalPaths() async throws {
        let cases: [(String, String)] = [
            ("/\t/evil.example", "/"), ("//evil.example", "/"), ("/\\evil.example", "/"), ("https://evil.example/", "/"),
            ("/\n/evil.example", "/"), ("/ok/\t", "/"), ("/a\\b", "/"), ("/\u{0}x", "/"), ("/\u{2028}x", "/"), ("evil", "/"),
            (" /x", "/"), ("/registry/units?page=2", "/registry/units?page=2"), ("/", "/"),
        ]
        for (next, expected) in cases { #expect(SessionPages.localPath(next) ?? "/" == expected, "\(next.debugDescription)") }
        let fixture = try await WebFixture.make()
        let test = fixture.test, tokens = fixture.tokens
        _ = (test, tokens)
        try await fixture.run { client async throws in
            for (next, expected) in cases {
                var browser = Browser(client)
                try await browser.get("/login")
                let query = next.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                let response = try await browser.post("/login?next=\(query)", form: ["username": "auditor", "password": "password-1234"])
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == expected, "\(next.debugDescription)")
            }
        }
    }

    // MARK: 7. HSTS

    @Test func hstsOnlyWhenHTTPSIsKnown() async throws {
        let plain = try await WebFixture.make()
        try await plain.run { client async throws in
            // No TLS, no trusted proxy: a forged X-Forwarded-Proto does not switch HSTS on.
            let forged = try await client.execute(uri: "/login", method: .get, headers: [SessionMiddleware.forwardedProto: "https"])
            #expect(forged.headers[.strictTransportSecurity] == nil)
        }
        let secure = try await Self.fixture { $0.forceSecureCookies = true }
        try await secure.run { client async throws in
            let response = try await client.execute(uri: "/login", method: .get)
            #expect(response.headers[.strictTransportSecurity] == "max-age=31536000")
            let missing = try await client.execute(uri: "/no/such/page", method: .get)
            #expect(missing.headers[.strictTransportSecurity] == "max-age=31536000")
        }
    }

    // MARK: 4. /metrics

    @Test func metricsNeedTheTokenOrLoopback() async throws {
        let open = try await WebFixture.make()
        try await open.run { client async throws in
            // The router-level test has no peer address: not loopback, so not served.
            #expect(try await client.execute(uri: "/metrics", method: .get).status == .notFound)
        }
        let guarded = try await Self.fixture { $0.metricsToken = "metrics-secret-123" }
        let guardedTokens = guarded.tokens
        try await guarded.run { client async throws in
            #expect(try await client.execute(uri: "/metrics", method: .get).status == .notFound)
            #expect(try await client.execute(uri: "/metrics", method: .get, headers: bearer("wrong")).status == .notFound)
            let ok = try await client.execute(uri: "/metrics", method: .get, headers: bearer("metrics-secret-123"))
            #expect(ok.status == .ok)
            // An account's API token is not a metrics token.
            #expect(try await client.execute(uri: "/metrics", method: .get, headers: bearer(guardedTokens["admin"])).status == .notFound)
        }
        #expect(MetricsAccess.constantTimeEqual("abc", "abc") && !MetricsAccess.constantTimeEqual("abc", "abd"))
    }

    // MARK: 8. The request log carries the user's id

    @Test func requestLogCarriesTheSignedInUsersID() async throws {
        let fixture = try await WebFixture.make()
        let test = fixture.test, tokens = fixture.tokens
        _ = (test, tokens)
        let inspectorID = try await Self.userID(fixture.test, "inspector")
        let auditorID = try await Self.userID(fixture.test, "auditor")
        let lines = LogCapture()
        let logger = Logger(label: "capture") { _ in CapturingHandler(capture: lines) }
        let app = Application(router: fixture.router, logger: logger)
        do {
            try await app.test(.router) { client in
                var browser = Browser(client)
                try await browser.login("inspector")
                try await browser.get("/units")
                _ = try await client.execute(uri: "/api/v1/units", method: .get, headers: bearer(tokens["auditor"]))
            }
            await fixture.test.close()
        } catch {
            await fixture.test.close()
            throw error
        }
        let requests = lines.entries.filter { $0.message == "request" }
        let units = requests.first { $0.metadata["path"] == "/units" }
        #expect(units?.metadata["user_id"] == String(inspectorID))
        let api = requests.first { $0.metadata["path"] == "/api/v1/units" }
        #expect(api?.metadata["user_id"] == String(auditorID))
        #expect(requests.first { $0.metadata["path"] == "/login" && $0.metadata["method"] == "GET" }?.metadata["user_id"] == "-")
        // Never a name: no metadata value anywhere is a username.
        #expect(!lines.entries.contains { $0.metadata.values.contains("inspector") || $0.metadata.values.contains("auditor") })
    }
}

/// Log lines kept in memory for a test.
final class LogCapture: @unchecked Sendable {
    struct Entry { let message: String; let metadata: [String: String] }
    private let lock = NSLock()
    private var stored: [Entry] = []
    var entries: [Entry] { lock.withLock { stored } }
    func append(_ entry: Entry) { lock.withLock { stored.append(entry) } }
}

struct CapturingHandler: LogHandler {
    let capture: LogCapture
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var all = metadata
        if let extra = event.metadata { all.merge(extra) { $1 } }
        capture.append(.init(message: event.message.description, metadata: all.mapValues { "\($0)" }))
    }
}
