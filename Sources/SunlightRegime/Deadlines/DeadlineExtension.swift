import SunlightDomain

/// One granted extension of a deadline: who approved it, why, and by how much.
///
/// The amount is counted in the rule's extension unit; `nil` takes the rule's usual amount
/// (信访 Art. 34: 30 days; 交办件: 3 months).
public struct DeadlineExtension: Sendable, Codable, Equatable {
    public var amount: Int?
    /// Username or name of the approver (required when the rule requires approval).
    public var approver: String
    /// The reason given (required: it is told to the petitioner under Art. 34).
    public var reason: String
    public var approvedOn: LocalDate?

    public init(amount: Int? = nil, approver: String, reason: String, approvedOn: LocalDate? = nil) {
        self.amount = amount
        self.approver = approver
        self.reason = reason
        self.approvedOn = approvedOn
    }
}
