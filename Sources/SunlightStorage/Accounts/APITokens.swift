import Foundation
import SQLKit
import SunlightContract

/// What an administrator may know about an API token: never its secret (only a hash of it is
/// stored at all), but whose it is, when it was made, until when it works and when it was last used.
public struct APIToken: Sendable, Equatable {
    public let id: Int64
    public let userID: Int64
    public let username: String
    public let name: String
    public let createdAt: String
    public let expiresAt: String?
    public let lastUsedAt: String?
    public let revokedAt: String?

    /// A token lives 90 days unless its maker asks otherwise: long enough for a quarterly job,
    /// short enough that a forgotten one dies by itself.
    public static let defaultLifetimeDays = 90
    /// Longest lifetime accepted (two years).
    public static let maximumLifetimeDays = 730
    /// `last_used_at` is refreshed at most this often (seconds).
    public static let lastUsedResolution: TimeInterval = 300

    /// `active`, `revoked` or `expired` at `now`.
    public func state(at now: Date = Date()) -> String {
        if revokedAt != nil { return "revoked" }
        if let expiresAt, expiresAt > Timestamps.format(now) { return "active" }
        return "expired"
    }
}

extension AccountStore {
    /// All API tokens, or one user's, newest first. Revoked and expired ones are listed too
    /// (with their state) so an administrator can see what existed.
    public func tokens(username: String? = nil) async throws -> [APIToken] {
        try await database.withConnection { db in
            let base: SQLQueryString = """
                SELECT t.id, t.user_id, t.name, t.created_at, t.expires_at, t.last_used_at, t.revoked_at, u.username
                FROM api_tokens t JOIN users u ON u.id = t.user_id
                """
            let query: SQLQueryString = username.map { base + " WHERE u.username = \(bind: $0) ORDER BY t.id DESC" }
                ?? base + " ORDER BY t.id DESC"
            return try await db.raw(query).all().map { row in
                APIToken(id: try row.decode(column: "id", as: Int64.self), userID: try row.decode(column: "user_id", as: Int64.self),
                         username: try row.decode(column: "username", as: String.self),
                         name: try row.decode(column: "name", as: String.self),
                         createdAt: try row.decode(column: "created_at", as: String.self),
                         expiresAt: try row.decode(column: "expires_at", as: String?.self),
                         lastUsedAt: try row.decode(column: "last_used_at", as: String?.self),
                         revokedAt: try row.decode(column: "revoked_at", as: String?.self))
            }
        }
    }

    /// Revokes one token at once (the middleware refuses it from the next request). The row is
    /// kept, marked, so the list still shows it; revoking twice is harmless.
    public func revokeToken(id: Int64, by principal: Principal) async throws {
        try await recorder.write(by: principal) { tx in
            guard try await tx.sql.select().column("id").from("api_tokens").where("id", .equal, id).first() != nil else {
                throw AccountError(code: "token.unknown", messageZh: "没有编号为 \(id) 的令牌", messageEn: "no token with id \(id)")
            }
            try await tx.sql.update("api_tokens").set("revoked_at", to: Timestamps.now())
                .where("id", .equal, id).where("revoked_at", .is, SQLLiteral.null).run()
            try await tx.note(.update, objectType: "api_tokens", objectID: String(id), details: "{\"revoked\":\"true\"}")
        }
    }

    /// Ends everything that lets a user in without their password: deletes their sessions and
    /// revokes their API tokens. Called, in the same transaction, when an account is disabled or
    /// its password is changed.
    static func endCredentials(userID: Int64, in tx: WriteTransaction) async throws {
        try await tx.sql.delete(from: "sessions").where("user_id", .equal, userID).run()
        try await tx.sql.update("api_tokens").set("revoked_at", to: Timestamps.now())
            .where("user_id", .equal, userID).where("revoked_at", .is, SQLLiteral.null).run()
    }
}

/// The schema change behind token expiry and revocation (migration 12).
enum APITokenLifecycle {
    static func migrate(_ db: any SQLDatabase) async throws {
        try await db.raw("ALTER TABLE api_tokens ADD COLUMN expires_at TEXT").run()
        try await db.raw("ALTER TABLE api_tokens ADD COLUMN revoked_at TEXT").run()
        let now = Date()
        // Tokens made before expiry existed get the default lifetime from today, not for ever.
        try await db.update("api_tokens")
            .set("expires_at", to: Timestamps.format(now.addingTimeInterval(Double(APIToken.defaultLifetimeDays) * 86400)))
            .where("expires_at", .is, SQLLiteral.null).run()
        // A disabled account's tokens used to wait for it to be enabled again: revoke them now.
        try await db.raw("""
            UPDATE api_tokens SET revoked_at = \(bind: Timestamps.format(now))
            WHERE revoked_at IS NULL AND user_id IN (SELECT id FROM users WHERE disabled = \(bind: true))
            """).run()
        try await db.raw("""
            DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE disabled = \(bind: true))
            """).run()
    }
}
