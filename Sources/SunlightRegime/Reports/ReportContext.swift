/// The facts about one report that decide which deadline rules apply to it.
public struct ReportContext: Sendable, Equatable, Codable {
    public var type: ReportType?
    public var source: ReportSource?
    /// The reporter gave their real name (实名举报): they are owed acceptance and result notices.
    public var realName: Bool
    /// The same matter was reported before (重复举报): no second acceptance notice.
    public var repeatReport: Bool

    public init(type: ReportType? = nil, source: ReportSource? = nil, realName: Bool = false,
                repeatReport: Bool = false) {
        self.type = type
        self.source = source
        self.realName = realName
        self.repeatReport = repeatReport
    }
}
