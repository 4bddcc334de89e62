import Crypto
import Foundation
import HummingbirdBcrypt
import SQLKit
import SunlightContract
import SunlightDomain

/// Accounts, sessions and API tokens.
///
/// Passwords are bcrypt hashes; session and API tokens are random 256-bit values of which only
/// the SHA-256 is stored, so a copy of the database lets no one sign in.
public struct AccountStore: Sendable {
    public let database: SunlightDatabase
    public let recorder: Recorder
    /// bcrypt cost: 12 in production; tests lower it to keep the suite fast.
    public let bcryptCost: UInt8

    public init(database: SunlightDatabase, recorder: Recorder, bcryptCost: UInt8 = 12) {
        self.database = database
        self.recorder = recorder
        self.bcryptCost = bcryptCost
    }

    public static let minimumPasswordLength = 10

    // MARK: users

    @discardableResult
    public func createUser(username: String, password: String, role: Role, unitCode: String?, displayName: String = "",
                           by principal: Principal) async throws -> User {
        let username = username.trimmingCharacters(in: .whitespaces)
        guard !username.isEmpty, username.count <= 64,
              username.allSatisfy({ $0.isLetter || $0.isNumber || "._-".contains($0) }) else {
            throw AccountError(code: "user.username", messageZh: "用户名只能包含字母、数字和 . _ -",
                               messageEn: "a username may contain only letters, digits and . _ -")
        }
        guard password.count >= Self.minimumPasswordLength else {
            throw AccountError(code: "user.password_short", messageZh: "密码至少 \(Self.minimumPasswordLength) 个字符",
                               messageEn: "the password needs at least \(Self.minimumPasswordLength) characters")
        }
        if role == .unitOfficer && (unitCode ?? "").isEmpty {
            throw AccountError(code: "user.unit_required", messageZh: "单位廉政联络员必须绑定单位",
                               messageEn: "a unit officer must be bound to a unit")
        }
        let hash = Bcrypt.hash(password, cost: bcryptCost)
        let now = Timestamps.now()
        return try await recorder.write(by: principal) { tx in
            if let unitCode, !unitCode.isEmpty,
               try await tx.sql.select().column("id").from("units").where("unit_code", .equal, unitCode).first() == nil {
                throw AccountError(code: "user.unit_unknown", messageZh: "单位编码不存在：\(unitCode)", messageEn: "no unit with code \(unitCode)")
            }
            if try await tx.sql.select().column("id").from("users").where("username", .equal, username).first() != nil {
                throw AccountError(code: "user.exists", messageZh: "用户名已存在", messageEn: "that username is taken")
            }
            let row = try await tx.sql.insert(into: "users")
                .columns("username", "display_name", "password_hash", "role", "unit_code", "disabled", "created_at", "updated_at")
                .values(SQLBind(username), SQLBind(displayName), SQLBind(hash), SQLBind(role.rawValue),
                        SQLBind(unitCode?.isEmpty == false ? unitCode : nil), SQLBind(false), SQLBind(now), SQLBind(now))
                .returning("id").first()
            let id = try row!.decode(column: "id", as: Int64.self)
            try await tx.note(.create, objectType: "users", objectID: String(id), details: "{\"role\":\"\(role.rawValue)\"}")
            return User(id: id, username: username, displayName: displayName, role: role, unitCode: unitCode, language: nil, disabled: false)
        }
    }

    /// Changes an account's role, unit, name or status, and optionally its password. Disabling
    /// an account or changing its password ends its sessions and revokes its API tokens at once:
    /// whoever held them (the reason for a reset or a disabling, often) keeps nothing, and
    /// enabling the account again brings none of them back.
    public func updateUser(id: Int64, displayName: String, role: Role, unitCode: String?, disabled: Bool,
                           newPassword: String?, by principal: Principal) async throws {
        let unit = unitCode?.trimmingCharacters(in: .whitespaces)
        if role == .unitOfficer && (unit ?? "").isEmpty {
            throw AccountError(code: "user.unit_required", messageZh: "单位廉政联络员必须绑定单位",
                               messageEn: "a unit officer must be bound to a unit")
        }
        if let newPassword, !newPassword.isEmpty, newPassword.count < Self.minimumPasswordLength {
            throw AccountError(code: "user.password_short", messageZh: "密码至少 \(Self.minimumPasswordLength) 个字符",
                               messageEn: "the password needs at least \(Self.minimumPasswordLength) characters")
        }
        let hash = newPassword.flatMap { $0.isEmpty ? nil : Bcrypt.hash($0, cost: bcryptCost) }
        try await recorder.write(by: principal) { tx in
            guard try await tx.sql.select().column("id").from("users").where("id", .equal, id).first() != nil else {
                throw AccountError(code: "user.unknown", messageZh: "用户不存在", messageEn: "no such user")
            }
            if let unit, !unit.isEmpty,
               try await tx.sql.select().column("id").from("units").where("unit_code", .equal, unit).first() == nil {
                throw AccountError(code: "user.unit_unknown", messageZh: "单位编码不存在：\(unit)", messageEn: "no unit with code \(unit)")
            }
            var update = tx.sql.update("users").set("display_name", to: displayName).set("role", to: role.rawValue)
                .set("unit_code", to: SQLBind(unit?.isEmpty == false ? unit : nil)).set("disabled", to: disabled)
                .set("updated_at", to: Timestamps.now())
            if let hash { update = update.set("password_hash", to: hash) }
            try await update.where("id", .equal, id).run()
            if disabled || hash != nil {
                try await Self.endCredentials(userID: id, in: tx)
            }
            let details = "{\"role\":\"\(role.rawValue)\",\"disabled\":\"\(disabled)\",\"password_changed\":\"\(hash != nil)\"}"
            try await tx.note(.update, objectType: "users", objectID: String(id), details: details)
        }
    }

    public func users() async throws -> [User] {
        try await database.withConnection { db in
            try await db.select().column(SQLLiteral.all).from("users").orderBy("username").all().map(Self.user)
        }
    }

    public func user(id: Int64) async throws -> User? {
        try await database.withConnection { db in
            try await db.select().column(SQLLiteral.all).from("users").where("id", .equal, id).first().map(Self.user)
        }
    }

    public func userCount() async throws -> Int {
        try await database.withConnection { db in
            try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("users").first()?
                .decode(column: "n", as: Int.self) ?? 0
        }
    }

    /// Checks a username and password. Returns nil for an unknown user, a wrong password or a
    /// disabled account alike (one answer, so it reveals nothing). An unknown user still costs a
    /// bcrypt verification, so timing reveals nothing either.
    public func authenticate(username: String, password: String) async throws -> User? {
        let found: (User, String)? = try await database.withConnection { db in
            guard let row = try await db.select().column(SQLLiteral.all).from("users")
                .where("username", .equal, username.trimmingCharacters(in: .whitespaces)).first() else { return nil }
            return (try Self.user(row), try row.decode(column: "password_hash", as: String.self))
        }
        guard let (user, hash) = found else {
            _ = Bcrypt.verify(password, hash: Self.decoyHash)
            return nil
        }
        guard Bcrypt.verify(password, hash: hash), !user.disabled else { return nil }
        return user
    }

    public func setLanguage(_ language: String, userID: Int64) async throws {
        try await database.withConnection { db in
            try await db.update("users").set("language", to: language).where("id", .equal, userID).run()
        }
    }

    private static let decoyHash = Bcrypt.hash("sunlight-decoy-password", cost: 12)

    // MARK: sessions

    /// Starts a session; returns the cookie value and the session's CSRF token.
    public func startSession(for user: User, lifetime: TimeInterval = 8 * 3600) async throws -> (token: String, csrf: String) {
        let token = Self.randomToken()
        let csrf = Self.randomToken()
        let now = Date()
        try await recorder.write(by: user.principal) { tx in
            try await tx.sql.insert(into: "sessions").columns("token_hash", "user_id", "csrf_token", "created_at", "expires_at")
                .values(SQLBind(Self.digest(token)), SQLBind(user.id), SQLBind(csrf),
                        SQLBind(Timestamps.format(now)), SQLBind(Timestamps.format(now.addingTimeInterval(lifetime))))
                .run()
            if user.role != .witness {
                try await tx.note(.login, objectType: "users", objectID: String(user.id))
            }
        }
        return (token, csrf)
    }

    /// The user and CSRF token of a live session.
    public func session(token: String) async throws -> (user: User, csrf: String)? {
        let now = Timestamps.now()
        return try await database.withConnection { db in
            guard let row = try await db.raw("""
                SELECT u.*, s.csrf_token FROM sessions s JOIN users u ON u.id = s.user_id
                WHERE s.token_hash = \(bind: Self.digest(token)) AND s.expires_at > \(bind: now)
                """).first() else { return nil }
            let user = try Self.user(row)
            guard !user.disabled else { return nil }
            return (user, try row.decode(column: "csrf_token", as: String.self))
        }
    }

    public func endSession(token: String) async throws {
        try await database.withConnection { db in
            try await db.delete(from: "sessions").where("token_hash", .equal, Self.digest(token)).run()
            try await db.delete(from: "sessions").where("expires_at", .lessThan, Timestamps.now()).run()
        }
    }

    // MARK: API tokens

    /// Creates a bearer token for scripts; the token is shown once and only its hash is kept.
    /// Every token expires (`lifetimeDays`, 90 by default, at most `APIToken.maximumLifetimeDays`):
    /// a token copied into a script and forgotten must not stay a key for ever.
    public func createToken(for username: String, name: String, lifetimeDays: Int = APIToken.defaultLifetimeDays,
                            by principal: Principal, now: Date = Date()) async throws -> String {
        guard (1...APIToken.maximumLifetimeDays).contains(lifetimeDays) else {
            throw AccountError(code: "token.lifetime",
                               messageZh: "令牌有效期须在 1 至 \(APIToken.maximumLifetimeDays) 天之间",
                               messageEn: "a token's lifetime must be between 1 and \(APIToken.maximumLifetimeDays) days")
        }
        let token = "sl_" + Self.randomToken()
        let expires = Timestamps.format(now.addingTimeInterval(Double(lifetimeDays) * 86400))
        try await recorder.write(by: principal) { tx in
            guard let row = try await tx.sql.select().column("id").from("users").where("username", .equal, username).first() else {
                throw AccountError(code: "user.unknown", messageZh: "用户不存在：\(username)", messageEn: "no such user: \(username)")
            }
            let userID = try row.decode(column: "id", as: Int64.self)
            let inserted = try await tx.sql.insert(into: "api_tokens").columns("user_id", "token_hash", "name", "created_at", "expires_at")
                .values(SQLBind(userID), SQLBind(Self.digest(token)), SQLBind(name), SQLBind(Timestamps.format(now)), SQLBind(expires))
                .returning("id").first()
            try await tx.note(.create, objectType: "api_tokens", objectID: String(try inserted!.decode(column: "id", as: Int64.self)),
                              details: "{\"expires_at\":\"\(expires)\"}")
        }
        return token
    }

    /// The account behind a bearer token, if the token is neither revoked nor expired and the
    /// account is enabled. Marks the token used (at most every `APIToken.lastUsedResolution`
    /// seconds, so a busy script does not turn every read into a write).
    public func user(forToken token: String, now: Date = Date()) async throws -> User? {
        let nowText = Timestamps.format(now)
        let found: (User, Int64, String?)? = try await database.withConnection { db in
            guard let row = try await db.raw("""
                SELECT u.*, t.id AS token_id, t.last_used_at AS token_last_used_at
                FROM api_tokens t JOIN users u ON u.id = t.user_id
                WHERE t.token_hash = \(bind: Self.digest(token)) AND t.revoked_at IS NULL AND t.expires_at > \(bind: nowText)
                """).first() else { return nil }
            return (try Self.user(row), try row.decode(column: "token_id", as: Int64.self),
                    try row.decode(column: "token_last_used_at", as: String?.self))
        }
        guard let (user, tokenID, lastUsed) = found, !user.disabled else { return nil }
        let stale = Timestamps.format(now.addingTimeInterval(-APIToken.lastUsedResolution))
        if lastUsed == nil || lastUsed! < stale {
            // Best effort: a busy database must not refuse the request over a usage stamp.
            try? await database.withConnection { db in
                try await db.update("api_tokens").set("last_used_at", to: nowText).where("id", .equal, tokenID).run()
            }
        }
        return user
    }

    // MARK: helpers

    static func user(_ row: any SQLRow) throws -> User {
        User(id: try row.decode(column: "id", as: Int64.self),
             username: try row.decode(column: "username", as: String.self),
             displayName: try row.decode(column: "display_name", as: String.self),
             role: Role(rawValue: try row.decode(column: "role", as: String.self)) ?? .witness,
             unitCode: try row.decode(column: "unit_code", as: String?.self),
             language: try row.decode(column: "language", as: String?.self),
             disabled: try row.decode(column: "disabled", as: Bool.self))
    }

    public static func randomToken() -> String {
        let bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
        return bytes.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func digest(_ token: String) -> String {
        Hex.encode(SHA256.hash(data: Data(token.utf8)))
    }
}

extension AccountStore {
    /// Binds an account to its person (GB 11643 ID number, validated), so recusal can be
    /// checked and the person never sees reports or clues about themselves. `nil` unbinds.
    public func setIDNumber(username: String, idNumber: String?, by principal: Principal) async throws {
        var value: String?
        if let raw = idNumber?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
            do { value = try ResidentID.parse(raw).value } catch {
                throw AccountError(code: "user.id_number", messageZh: error.messageZh, messageEn: error.messageEn)
            }
        }
        let bound = value
        try await recorder.write(by: principal) { tx in
            guard let row = try await tx.sql.select().column("id").from("users").where("username", .equal, username).first() else {
                throw AccountError(code: "user.unknown", messageZh: "没有用户“\(username)”", messageEn: "no user \"\(username)\"")
            }
            let id = try row.decode(column: "id", as: Int64.self)
            try await tx.sql.update("users").set("id_number", to: SQLBind(bound)).set("updated_at", to: SQLBind(Timestamps.now()))
                .where("id", .equal, id).run()
            // The ledger gets the fact and a keyed hash of the number, never the number.
            try await tx.record([Change(at: Timestamps.now(), actor: principal.username, action: .update, objectType: "users",
                                        objectID: String(id), objectKey: bound, details: ScanStore.json(["field": "id_number"]))])
        }
    }
}

extension AccountStore {
    /// The last four characters of the ID number an account is bound to, for display; nil if unbound.
    public func boundIDNumberTail(userID: Int64) async throws -> String? {
        let id = try await database.withConnection { db in
            try await db.select().column("id_number").from("users").where("id", .equal, userID).first()?
                .decode(column: "id_number", as: String?.self)
        }
        guard let id, !id.isEmpty else { return nil }
        return String(id.suffix(4))
    }
}
