import SunlightDomain

/// The disposition workflow of clues (问题线索处置) as a table: its states, the allowed
/// transitions with the roles that may make them, the closure kinds and the review interval of
/// held clues.
///
/// Everything not listed is forbidden, so the whole policy can be read — and tested — row by
/// row: for every state and every action there is exactly one answer.
public struct ClueWorkflow: Sendable, Codable, Equatable {
    public var header: TableHeader
    public var states: [ClueStateInfo]
    public var transitions: [ClueTransition]
    public var closureKinds: [ClosureKind]
    /// Held clues (暂存待查) come up for review this long after the last review.
    public var heldReview: ReviewInterval

    public init(header: TableHeader, states: [ClueStateInfo], transitions: [ClueTransition],
                closureKinds: [ClosureKind], heldReview: ReviewInterval) {
        self.header = header
        self.states = states
        self.transitions = transitions
        self.closureKinds = closureKinds
        self.heldReview = heldReview
    }

    public func info(_ state: ClueState) -> ClueStateInfo? {
        states.first { $0.state == state }
    }

    /// Every action code the table knows, in table order, without repeats.
    public var actions: [String] {
        var seen = Set<String>()
        return transitions.map(\.action).filter { seen.insert($0).inserted }
    }

    public func transitions(from state: ClueState) -> [ClueTransition] {
        transitions.filter { $0.from == state }
    }

    public func transition(_ action: String, from state: ClueState) -> ClueTransition? {
        transitions.first { $0.from == state && $0.action == action }
    }

    /// What `actor` may do now — for the buttons of the clue page. (Whether they may approve a
    /// particular proposal also depends on who made it: see `check`.)
    public func actions(from state: ClueState, for actor: Actor) -> [ClueTransition] {
        transitions(from: state).filter { $0.roles.contains(actor.role) }
    }

    public func closureKind(_ code: String) -> ClosureKind? {
        closureKinds.first { $0.code == code }
    }

    /// The held-review interval as a deadline rule, so the same engine counts it.
    public var heldReviewRule: DeadlineRule {
        DeadlineRule(code: "clue.held_review", area: .clue,
                     title: BilingualText(zh: "暂存待查线索定期复查", en: "periodic review of a held clue"),
                     basis: BilingualText(zh: "问题线索定期清理（可配置默认值）", en: "periodic review of clues (configurable default)"),
                     runsFrom: .lastReview, amount: heldReview.amount, unit: heldReview.unit,
                     status: heldReview.status)
    }
}
