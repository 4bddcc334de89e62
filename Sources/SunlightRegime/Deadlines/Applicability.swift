/// Which reports a deadline rule applies to. Each list is "any" when `nil`.
public struct Applicability: Sendable, Codable, Equatable {
    public var reportTypes: [ReportType]?
    public var sources: [ReportSource]?
    /// Only for real-name reports (实名举报): the notices owed to a named reporter.
    public var realNameOnly: Bool
    /// Not for repeat reports (重复举报不再告知受理情况).
    public var excludesRepeatReports: Bool

    public init(reportTypes: [ReportType]? = nil, sources: [ReportSource]? = nil,
                realNameOnly: Bool = false, excludesRepeatReports: Bool = false) {
        self.reportTypes = reportTypes
        self.sources = sources
        self.realNameOnly = realNameOnly
        self.excludesRepeatReports = excludesRepeatReports
    }

    /// Applies to every report.
    public static let any = Applicability()

    /// Whether a report with these facts falls under the rule. An unknown type or source (nil in
    /// the context) does not match a rule restricted to particular types or sources.
    public func matches(_ context: ReportContext) -> Bool {
        if let types = reportTypes {
            guard let type = context.type, types.contains(type) else { return false }
        }
        if let sources {
            guard let source = context.source, sources.contains(source) else { return false }
        }
        if realNameOnly && !context.realName { return false }
        if excludesRepeatReports && context.repeatReport { return false }
        return true
    }
}
