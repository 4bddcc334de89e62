/// Whether a rule could be run at all.
public enum RuleStatus: Sendable, Equatable {
    case computed
    /// "A rule that cannot be computed for lack of data says so" — e.g. zh "无法计算：未导入死亡数据",
    /// en "not computable: no deaths imported".
    case notComputable(reasonZh: String, reasonEn: String)
}

/// Why some subjects could not be judged, and how many.
public struct NotComputableReason: Sendable, Equatable {
    public var reasonZh: String
    public var reasonEn: String
    public var count: Int

    public init(reasonZh: String, reasonEn: String, count: Int) {
        self.reasonZh = reasonZh
        self.reasonEn = reasonEn
        self.count = count
    }
}

/// A rule's run: the tri-state counts of subjects and the findings (sorted by subject, byte
/// order, one per subject).
public struct RuleResult: Sendable {
    public var code: String
    public var version: Int
    /// Effective parameter values, canonical text.
    public var parameters: [String: String]
    public var status: RuleStatus
    public var flagged: Int
    public var clear: Int
    public var notComputable: Int
    /// Most frequent first.
    public var notComputableReasons: [NotComputableReason]
    public var findings: [Finding]

    public init(code: String, version: Int, parameters: [String: String], status: RuleStatus, flagged: Int, clear: Int,
                notComputable: Int, notComputableReasons: [NotComputableReason], findings: [Finding]) {
        self.code = code
        self.version = version
        self.parameters = parameters
        self.status = status
        self.flagged = flagged
        self.clear = clear
        self.notComputable = notComputable
        self.notComputableReasons = notComputableReasons
        self.findings = findings
    }
}
