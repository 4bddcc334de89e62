import SunlightContract
import SunlightDomain

/// A user account: a person who signs in, with one role bound to one unit.
public struct User: Sendable, Equatable {
    public let id: Int64
    public let username: String
    public let displayName: String
    public let role: Role
    public let unitCode: String?
    public let language: String?
    public let disabled: Bool

    public var principal: Principal {
        Principal(userID: id, username: username, role: role, unitCode: unitCode, language: language)
    }
}

/// A problem creating or changing an account, with bilingual messages.
public struct AccountError: BilingualError, Equatable {
    public let code: String
    public let messageZh: String
    public let messageEn: String
}
