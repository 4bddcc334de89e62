/// A state of a clue's disposition (问题线索处置), spelled as stored: `"talk_or_letter"`.
///
/// A string wrapper rather than an enum: the workflow is a table an administrator may edit,
/// and a transition naming a state the table does not define must come back as a clear
/// validation error, not as a JSON decoding failure.
public struct ClueState: RawRepresentable, Hashable, Sendable, Codable, ExpressibleByStringLiteral,
    CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }

    /// 受理登记.
    public static let received: ClueState = "received"
    /// 承办: a handler is assigned.
    public static let assigned: ClueState = "assigned"
    /// 拟处置: a disposition is proposed, awaiting the collective decision and approval.
    public static let proposed: ClueState = "proposed"
    /// 谈话函询.
    public static let talkOrLetter: ClueState = "talk_or_letter"
    /// 初步核实.
    public static let preliminaryVerification: ClueState = "preliminary_verification"
    /// 暂存待查: kept for later, reviewed periodically.
    public static let held: ClueState = "held"
    /// 予以了结 (how: see `ClosureKind`).
    public static let closed: ClueState = "closed"
    /// 立案审查调查.
    public static let investigation: ClueState = "investigation"
    /// 作出处理: an outcome in the four forms was decided.
    public static let outcomeDecided: ClueState = "outcome_decided"
    /// 留存备查: a repeat report or one without substance.
    public static let filedForReference: ClueState = "filed_for_reference"
    /// 报送上级: belongs to a higher level.
    public static let escalated: ClueState = "escalated"
    /// 转下级办理.
    public static let referredDown: ClueState = "referred_down"
}

/// A state as the workflow table defines it: its label, and whether the clue ends there.
public struct ClueStateInfo: Sendable, Codable, Equatable {
    public var state: ClueState
    public var label: BilingualText
    /// No transition leaves a terminal state (regime validation enforces it).
    public var terminal: Bool
    public var status: SourceStatus

    public init(state: ClueState, label: BilingualText, terminal: Bool = false, status: SourceStatus) {
        self.state = state
        self.label = label
        self.terminal = terminal
        self.status = status
    }
}
