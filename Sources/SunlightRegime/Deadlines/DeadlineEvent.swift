/// The event a deadline runs from. The application supplies that event's date; the day itself
/// is never counted ("自收到之日起15日内": the 15th day after receipt is the last).
public enum DeadlineEvent: String, Sendable, Codable, CaseIterable {
    /// 收到之日: the petition, report or forwarded item was received.
    case received
    /// 受理之日: the petition was accepted for handling.
    case accepted
    /// 收到书面答复之日: the petitioner received the written reply or opinion.
    case replyReceived = "reply_received"
    /// 收到请求之日: a request for review (复查、复核、复审) was received.
    case requestReceived = "request_received"
    /// 收到处理决定之日: the person received the decision (or the review decision).
    case decisionReceived = "decision_received"
    /// 办结之日: the matter was closed.
    case closed
    /// 上次复查之日: a held clue was last reviewed (or put on hold).
    case lastReview = "last_review"

    public var label: BilingualText {
        switch self {
        case .received: BilingualText(zh: "收到之日", en: "the day of receipt")
        case .accepted: BilingualText(zh: "受理之日", en: "the day of acceptance")
        case .replyReceived: BilingualText(zh: "收到书面答复之日", en: "the day the written reply was received")
        case .requestReceived: BilingualText(zh: "收到请求之日", en: "the day the request was received")
        case .decisionReceived: BilingualText(zh: "收到决定之日", en: "the day the decision was received")
        case .closed: BilingualText(zh: "办结之日", en: "the day of closure")
        case .lastReview: BilingualText(zh: "上次复查之日", en: "the day of the last review")
        }
    }
}
