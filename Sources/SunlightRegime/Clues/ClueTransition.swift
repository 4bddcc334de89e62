/// Who must sign off a transition besides the actor's role.
public enum ApprovalRequirement: String, Sendable, Codable, CaseIterable {
    /// The role is enough.
    case none
    /// A decision on someone's proposal ("decided collectively, approved"): the approver must not
    /// be the person who made the proposal.
    case distinctFromProposer = "distinct_from_proposer"
}

/// One allowed move of the disposition workflow. Anything not in the table is forbidden.
public struct ClueTransition: Sendable, Codable, Equatable {
    public var from: ClueState
    /// Stable action code, unique per `from` state, e.g. `"approve_talk_or_letter"`.
    public var action: String
    public var to: ClueState
    public var label: BilingualText
    /// The roles that may perform it.
    public var roles: [Role]
    public var approval: ApprovalRequirement
    /// The actor becomes the proposer whose proposal the next decision approves; the
    /// application stores their username with the clue.
    public var recordsProposal: Bool
    /// For transitions into `closed`: the closure kind code.
    public var closure: String?
    /// For transitions into an outcome: the forms (1…4) the outcome may take.
    public var outcomeForms: [Int]?
    public var status: SourceStatus

    public init(from: ClueState, action: String, to: ClueState, label: BilingualText, roles: [Role],
                approval: ApprovalRequirement = .none, recordsProposal: Bool = false,
                closure: String? = nil, outcomeForms: [Int]? = nil, status: SourceStatus) {
        self.from = from
        self.action = action
        self.to = to
        self.label = label
        self.roles = roles
        self.approval = approval
        self.recordsProposal = recordsProposal
        self.closure = closure
        self.outcomeForms = outcomeForms
        self.status = status
    }
}
