/// How a report or clue reached us.
///
/// The source matters for deadlines (a 交办件 assigned by a higher body has 3 months) and for
/// statistics by channel (网上信访、来信、来访、来电).
public enum ReportSource: String, Sendable, Codable, CaseIterable {
    /// 网络举报: the public reporting portal (online).
    case portal
    /// 来信.
    case letter
    /// 来访.
    case visit
    /// 来电: the 12388 reporting line.
    case phone
    /// 上级交办: assigned by a higher body (交办件).
    case transferFromAbove = "transfer_from_above"
    /// 大数据监督发现: raised from a data-supervision finding.
    case finding
    /// 其他.
    case other

    public var label: BilingualText {
        switch self {
        case .portal: BilingualText(zh: "网络举报", en: "online portal")
        case .letter: BilingualText(zh: "来信", en: "letter")
        case .visit: BilingualText(zh: "来访", en: "visit")
        case .phone: BilingualText(zh: "来电（12388）", en: "phone (12388)")
        case .transferFromAbove: BilingualText(zh: "上级交办件", en: "assigned by a higher body")
        case .finding: BilingualText(zh: "大数据监督发现", en: "data-supervision finding")
        case .other: BilingualText(zh: "其他", en: "other")
        }
    }
}
