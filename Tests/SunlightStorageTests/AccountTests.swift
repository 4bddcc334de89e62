import SunlightContract
import SunlightStorage
import SunlightTestSupport
import Testing

@Suite("Accounts, sessions and tokens")
struct AccountTests {
    @Test(arguments: TestBackend.available)
    func passwordsSessionsAndTokens(_ backend: TestBackend) async throws {
        try await TestDatabase.with(backend) { test async throws in
            let accounts = AccountStore(database: test.database, recorder: test.recorder, bcryptCost: 4)
            let user = try await accounts.createUser(username: "alice", password: "correct horse", role: .inspector, unitCode: nil, by: .system())
            #expect(try await accounts.authenticate(username: "alice", password: "correct horse")?.id == user.id)
            #expect(try await accounts.authenticate(username: "alice", password: "wrong password") == nil)
            #expect(try await accounts.authenticate(username: "nobody", password: "correct horse") == nil)
            await #expect(throws: AccountError.self) {
                try await accounts.createUser(username: "alice", password: "another one!", role: .admin, unitCode: nil, by: .system())
            }
            await #expect(throws: AccountError.self) {
                try await accounts.createUser(username: "bob", password: "short", role: .admin, unitCode: nil, by: .system())
            }
            await #expect(throws: AccountError.self) {
                try await accounts.createUser(username: "carol", password: "long enough pw", role: .unitOfficer, unitCode: "NOPE", by: .system())
            }
            let (token, csrf) = try await accounts.startSession(for: user)
            let session = try await accounts.session(token: token)
            #expect(session?.user.username == "alice" && session?.csrf == csrf)
            try await accounts.endSession(token: token)
            #expect(try await accounts.session(token: token) == nil)
            let apiToken = try await accounts.createToken(for: "alice", name: "script", by: .system())
            #expect(try await accounts.user(forToken: apiToken)?.username == "alice")
            #expect(try await accounts.user(forToken: apiToken + "x") == nil)
        }
    }
}
