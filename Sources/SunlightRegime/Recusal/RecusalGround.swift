/// Why a handler must step aside (回避).
///
/// 监察法 (2024) Art. 67 — `regime.md` cites Art. 47, the number in an earlier draft; in the
/// 2024 text in `law/` Art. 47 is about detention and recusal is Art. 67: (1) close relative of
/// the person under supervision or of the reporter; (2) served as a witness in the case;
/// (3) they or a close relative have an interest in the matter; (4) anything else that may
/// affect fair handling. 信访工作条例 Art. 28 adds: staff with a direct interest in the petition
/// or the petitioner recuse. Being the reported person or the reporter oneself is the most
/// direct interest there is, so it is a ground of its own. Ground (4) is a judgement, not a
/// computation: it is recorded by people, not found by `RecusalTable.check`.
public enum RecusalGround: String, Sendable, Codable, CaseIterable {
    case handlerIsSubject = "handler_is_subject"
    case handlerIsReporter = "handler_is_reporter"
    case relativeOfSubject = "relative_of_subject"
    case relativeOfReporter = "relative_of_reporter"
    case witness
    case interest
}

/// A ground as the recusal table describes it.
public struct RecusalGroundInfo: Sendable, Codable, Equatable {
    public var ground: RecusalGround
    public var label: BilingualText
    public var basis: BilingualText
    public var status: SourceStatus

    public init(ground: RecusalGround, label: BilingualText, basis: BilingualText, status: SourceStatus) {
        self.ground = ground
        self.label = label
        self.basis = basis
        self.status = status
    }
}

/// One reason found for a handler to recuse: the ground, the person it concerns, and the
/// sentence shown to the handler and the approver.
public struct RecusalFinding: Sendable, Equatable {
    public var ground: RecusalGround
    /// The identity (person id) the ground concerns: the reported person, the reporter, …
    public var person: String
    public var reason: BilingualText

    public init(ground: RecusalGround, person: String, reason: BilingualText) {
        self.ground = ground
        self.person = person
        self.reason = reason
    }
}
