/// How urgently a finding should be looked at. A lead, never a verdict.
public enum Severity: String, Sendable, Codable, CaseIterable {
    case high, medium, low
}
