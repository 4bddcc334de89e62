import SunlightContract
import SunlightDomain

/// Who is acting: a signed-in user, an API token's owner, or the system itself (migrations,
/// the command line run by the operator). Every change names one.
public struct Principal: Sendable, Equatable {
    public let userID: Int64?
    public let username: String
    public let role: Role
    public let unitCode: String?
    public let language: String?

    public init(userID: Int64?, username: String, role: Role, unitCode: String?, language: String? = nil) {
        self.userID = userID
        self.username = username
        self.role = role
        self.unitCode = unitCode
        self.language = language
    }

    /// The operator at the command line: acts with full rights, recorded under this name.
    public static func system(_ name: String = "system") -> Principal {
        Principal(userID: nil, username: name, role: .admin, unitCode: nil)
    }

    public var reach: UnitReach { AccessPolicy.reach(of: role, unitCode: unitCode) }
}
