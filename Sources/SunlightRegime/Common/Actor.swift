import Foundation
import SunlightDomain

extension Role {
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
