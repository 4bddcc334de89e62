/// One lead produced by a rule: the subject it is about, why, and the rows that made it fire.
public struct Finding: Sendable, Equatable {
    public var rule: String
    public var subject: String
    public var severity: Severity
    public var summaryZh: String
    public var summaryEn: String
    public var evidence: Evidence

    public init(rule: String, subject: String, severity: Severity, summaryZh: String, summaryEn: String, evidence: Evidence) {
        self.rule = rule
        self.subject = subject
        self.severity = severity
        self.summaryZh = summaryZh
        self.summaryEn = summaryEn
        self.evidence = evidence
    }

    /// The `sunlight scan --format jsonl` line: `{"rule":…,"subject":…,"severity":…,
    /// "summary_zh":…,"summary_en":…,"evidence":{…}}`, in that order (rules.md, Conventions).
    public func jsonLine() -> String {
        Evidence.pairs([
            ("rule", .string(rule)), ("subject", .string(subject)), ("severity", .string(severity.rawValue)),
            ("summary_zh", .string(summaryZh)), ("summary_en", .string(summaryEn)), ("evidence", evidence),
        ]).json()
    }
}
