import Foundation
import Logging
import SQLKit
import SunlightContract
import SunlightStorage
import SunlightTestSupport
import Testing

/// API tokens expire, can be listed and revoked, and end with a password reset or a disabling;
/// each test looks at the rows left behind, not only at what a call returns.
@Suite("API token lifecycle")
struct APITokenLifecycleTests {
    private static func tokenRows(_ test: TestDatabase, userID: Int64) async throws -> [(revoked: String?, expires: String?)] {
        try await test.database.withConnection { db in
            try await db.select().column("revoked_at").column("expires_at").from("api_tokens").where("user_id", .equal, userID)
                .all().map { (try $0.decode(column: "revoked_at", as: String?.self), try $0.decode(column: "expires_at", as: String?.self)) }
        }
    }

    private static func sessionCount(_ test: TestDatabase, userID: Int64) async throws -> Int {
        try await test.database.withConnection { db in
            try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("sessions")
                .where("user_id", .equal, userID).first()!.decode(column: "n", as: Int.self)
        }
    }

    @Test(arguments: TestBackend.available)
    func tokensExpire(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { test async throws in
            let accounts = AccountStore(database: test.database, recorder: test.recorder, bcryptCost: 4)
            let user = try await accounts.createUser(username: "alice", password: "correct horse", role: .inspector, unitCode: nil, by: .system())
            let now = Date()
            let token = try await accounts.createToken(for: "alice", name: "nightly", by: .system(), now: now)
            #expect(try await accounts.user(forToken: token, now: now)?.id == user.id)
            // The default lifetime is 90 days: the day before it works, the day after it does not.
            #expect(try await accounts.user(forToken: token, now: now.addingTimeInterval(89 * 86400))?.id == user.id)
            #expect(try await accounts.user(forToken: token, now: now.addingTimeInterval(91 * 86400)) == nil)
            let rows = try await Self.tokenRows(test, userID: user.id)
            #expect(rows.count == 1 && rows[0].expires == Timestamps.format(now.addingTimeInterval(90 * 86400)))

            let old = try await accounts.createToken(for: "alice", name: "short", lifetimeDays: 1, by: .system(),
                                                     now: now.addingTimeInterval(-2 * 86400))
            #expect(try await accounts.user(forToken: old, now: now) == nil)
            #expect(try await accounts.tokens(username: "alice").first { $0.name == "short" }?.state(at: now) == "expired")
            await #expect(throws: AccountError.self) {
                try await accounts.createToken(for: "alice", name: "forever", lifetimeDays: 100_000, by: .system())
            }
            await #expect(throws: AccountError.self) {
                try await accounts.createToken(for: "alice", name: "none", lifetimeDays: 0, by: .system())
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func listAndRevoke(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { test async throws in
            let accounts = AccountStore(database: test.database, recorder: test.recorder, bcryptCost: 4)
            try await accounts.createUser(username: "alice", password: "correct horse", role: .inspector, unitCode: nil, by: .system())
            try await accounts.createUser(username: "bob", password: "correct horse", role: .auditor, unitCode: nil, by: .system())
            let first = try await accounts.createToken(for: "alice", name: "one", by: .system())
            let second = try await accounts.createToken(for: "alice", name: "two", by: .system())
            _ = try await accounts.createToken(for: "bob", name: "three", by: .system())
            #expect(try await accounts.tokens().count == 3)
            let alices = try await accounts.tokens(username: "alice")
            #expect(alices.map(\.name).sorted() == ["one", "two"] && alices.allSatisfy { $0.state() == "active" && $0.lastUsedAt == nil })

            // Use marks the token; the list then says when.
            _ = try await accounts.user(forToken: first)
            #expect(try await accounts.tokens(username: "alice").first { $0.name == "one" }?.lastUsedAt != nil)

            let one = alices.first { $0.name == "one" }!
            try await accounts.revokeToken(id: one.id, by: .system())
            #expect(try await accounts.user(forToken: first) == nil)
            #expect(try await accounts.user(forToken: second)?.username == "alice")
            let after = try await accounts.tokens(username: "alice")
            #expect(after.first { $0.id == one.id }?.revokedAt != nil && after.first { $0.id == one.id }?.state() == "revoked")
            #expect(after.first { $0.name == "two" }?.revokedAt == nil)
            await #expect(throws: AccountError.self) { try await accounts.revokeToken(id: 999_999, by: .system()) }
        }
    }

    @Test(arguments: TestBackend.available)
    func passwordResetEndsTokensAndSessions(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { test async throws in
            let accounts = AccountStore(database: test.database, recorder: test.recorder, bcryptCost: 4)
            let alice = try await accounts.createUser(username: "alice", password: "correct horse", role: .inspector, unitCode: nil, by: .system())
            let bob = try await accounts.createUser(username: "bob", password: "correct horse", role: .inspector, unitCode: nil, by: .system())
            let token = try await accounts.createToken(for: "alice", name: "script", by: .system())
            let bobToken = try await accounts.createToken(for: "bob", name: "script", by: .system())
            let (session, _) = try await accounts.startSession(for: alice)
            _ = try await accounts.startSession(for: alice)
            let (bobSession, _) = try await accounts.startSession(for: bob)

            try await accounts.updateUser(id: alice.id, displayName: "", role: .inspector, unitCode: nil, disabled: false,
                                          newPassword: "a new password", by: .system())
            #expect(try await Self.sessionCount(test, userID: alice.id) == 0)
            #expect(try await Self.tokenRows(test, userID: alice.id).allSatisfy { $0.revoked != nil })
            #expect(try await accounts.user(forToken: token) == nil)
            #expect(try await accounts.session(token: session) == nil)
            // Nobody else's credentials are touched.
            #expect(try await accounts.user(forToken: bobToken)?.id == bob.id)
            #expect(try await accounts.session(token: bobSession)?.user.id == bob.id)
            #expect(try await Self.tokenRows(test, userID: bob.id).allSatisfy { $0.revoked == nil })
        }
    }

    @Test(arguments: TestBackend.available)
    func reEnablingBringsNothingBack(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { test async throws in
            let accounts = AccountStore(database: test.database, recorder: test.recorder, bcryptCost: 4)
            let alice = try await accounts.createUser(username: "alice", password: "correct horse", role: .inspector, unitCode: nil, by: .system())
            let token = try await accounts.createToken(for: "alice", name: "script", by: .system())
            let (session, _) = try await accounts.startSession(for: alice)
            try await accounts.updateUser(id: alice.id, displayName: "", role: .inspector, unitCode: nil, disabled: true,
                                          newPassword: nil, by: .system())
            #expect(try await Self.sessionCount(test, userID: alice.id) == 0)
            #expect(try await Self.tokenRows(test, userID: alice.id).allSatisfy { $0.revoked != nil })
            try await accounts.updateUser(id: alice.id, displayName: "", role: .inspector, unitCode: nil, disabled: false,
                                          newPassword: nil, by: .system())
            #expect(try await accounts.user(forToken: token) == nil)
            #expect(try await accounts.session(token: session) == nil)
            #expect(try await Self.tokenRows(test, userID: alice.id).allSatisfy { $0.revoked != nil })
            // A token made after re-enabling works: the account itself is fine again.
            let fresh = try await accounts.createToken(for: "alice", name: "new", by: .system())
            #expect(try await accounts.user(forToken: fresh)?.id == alice.id)
        }
    }

    /// Migration 12 on a database made before it: old tokens get an expiry (not for ever), and
    /// a disabled account's tokens are revoked rather than waiting for it to be enabled again.
    @Test func migrationGivesOldTokensAnExpiryAndRevokesDisabledAccounts() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sunlight-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        let database = try await SunlightDatabase.open(.sqlite(path: directory.appendingPathComponent("old.sqlite").path), logger: logger)
        do {
            try await Migrator(database: database, migrations: SchemaMigrations.all.filter { $0.version <= 11 }).migrate()
            try await database.withConnection { db in
                for (id, name, disabled) in [(1, "active", false), (2, "gone", true)] {
                    try await db.insert(into: "users").columns("id", "username", "password_hash", "role", "disabled", "created_at", "updated_at")
                        .values(SQLBind(id), SQLBind(name), SQLBind("x"), SQLBind("inspector"), SQLBind(disabled), SQLBind("2026-01-01"),
                                SQLBind("2026-01-01")).run()
                    try await db.insert(into: "api_tokens").columns("user_id", "token_hash", "name", "created_at")
                        .values(SQLBind(id), SQLBind("hash-\(id)"), SQLBind("old"), SQLBind("2026-01-01")).run()
                }
            }
            try await Migrator(database: database).migrate()
            let rows = try await database.withConnection { db in
                try await db.select().column("user_id").column("expires_at").column("revoked_at").from("api_tokens").orderBy("user_id").all()
            }
            #expect(rows.count == 2)
            #expect(try rows.allSatisfy { try $0.decode(column: "expires_at", as: String?.self) != nil })
            #expect(try rows[0].decode(column: "revoked_at", as: String?.self) == nil)
            #expect(try rows[1].decode(column: "revoked_at", as: String?.self) != nil)
        } catch {
            await database.shutdown()
            throw error
        }
        await database.shutdown()
    }
}
