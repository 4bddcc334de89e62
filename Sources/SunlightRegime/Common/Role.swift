import Foundation

/// A user role of Sunlight (see `PRODUCT.md`), spelled as stored: `"inspector"`.
///
/// A string wrapper rather than an enum so that an edited regime naming an unknown role
/// decodes and is then rejected by validation with a clear bilingual message, instead of
/// failing inside the JSON decoder.
public struct Role: RawRepresentable, Hashable, Sendable, Codable, ExpressibleByStringLiteral,
    CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }

    /// System administrator: runs the system, never reads or handles reports (least privilege).
    public static let admin: Role = "admin"
    /// Discipline inspection and supervision staff: handle reports and clues.
    public static let inspector: Role = "inspector"
    /// Audit and finance staff.
    public static let auditor: Role = "auditor"
    /// A unit's integrity liaison or leader, for their own unit.
    public static let unitOfficer: Role = "unit_officer"
    /// County leadership: may approve dispositions.
    public static let leader: Role = "leader"
    /// Outside verifier of the ledger: reads only.
    public static let witness: Role = "witness"

    /// Every role Sunlight knows.
    public static let all: [Role] = [.admin, .inspector, .auditor, .unitOfficer, .leader, .witness]

    /// Who handles clues (承办): the discipline inspection staff.
    public static let handlers: [Role] = [.inspector]
    /// Who approves dispositions and decisions (审批): the commission's heads, who are
    /// inspectors too, and leaders — never the person who proposed (checked separately).
    public static let approvers: [Role] = [.inspector, .leader]
}

/// The person asking to do something: a username and the role they act in.
public struct Actor: Sendable, Hashable, Codable {
    public var username: String
    public var role: Role

    public init(username: String, role: Role) {
        self.username = username
        self.role = role
    }

    /// Usernames compare trimmed and case-insensitively, so that "Zhang" cannot approve what
    /// "zhang" proposed.
    public func isSamePerson(as username: String) -> Bool {
        Self.normalise(self.username) == Self.normalise(username)
    }

    static func normalise(_ name: String) -> String {
        name.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }
}
