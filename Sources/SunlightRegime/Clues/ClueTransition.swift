import SunlightDomain
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
    /// Role names in an edited regime that no `Role` has. Kept rather than failing the JSON
    /// decoder, so validation can refuse them with a clear bilingual message
    /// (`regime.unknown_role`); never encoded.
    public var unknownRoles: [String] = []
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

    private enum CodingKeys: String, CodingKey {
        case from, action, to, label, roles, approval, recordsProposal, closure, outcomeForms, status
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        from = try container.decode(ClueState.self, forKey: .from)
        action = try container.decode(String.self, forKey: .action)
        to = try container.decode(ClueState.self, forKey: .to)
        label = try container.decode(BilingualText.self, forKey: .label)
        let names = try container.decode([String].self, forKey: .roles)
        roles = names.compactMap(Role.init(rawValue:))
        unknownRoles = names.filter { Role(rawValue: $0) == nil }
        approval = try container.decode(ApprovalRequirement.self, forKey: .approval)
        recordsProposal = try container.decode(Bool.self, forKey: .recordsProposal)
        closure = try container.decodeIfPresent(String.self, forKey: .closure)
        outcomeForms = try container.decodeIfPresent([Int].self, forKey: .outcomeForms)
        status = try container.decode(SourceStatus.self, forKey: .status)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(from, forKey: .from)
        try container.encode(action, forKey: .action)
        try container.encode(to, forKey: .to)
        try container.encode(label, forKey: .label)
        try container.encode(roles.map(\.rawValue) + unknownRoles, forKey: .roles)
        try container.encode(approval, forKey: .approval)
        try container.encode(recordsProposal, forKey: .recordsProposal)
        try container.encodeIfPresent(closure, forKey: .closure)
        try container.encodeIfPresent(outcomeForms, forKey: .outcomeForms)
        try container.encode(status, forKey: .status)
    }
}
