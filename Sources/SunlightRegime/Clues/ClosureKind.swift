/// How a clue was closed (予以了结), and the duties that come with each way.
///
/// The three kinds of `regime.md`: closed without inquiry; after a talk or letter of inquiry
/// (a feedback letter to the person; the materials go into their integrity file); after
/// preliminary verification (clarified with the person's party organisation, name cleared).
public struct ClosureKind: Sendable, Codable, Equatable {
    /// `without_inquiry`, `after_talk_or_letter`, `after_verification`.
    public var code: String
    public var label: BilingualText
    /// What the closing body must still do.
    public var duties: BilingualText
    /// A feedback letter (函告) to the person is due.
    public var feedbackLetter: Bool
    /// The person's name is to be cleared (澄清正名) with their party organisation.
    public var clearsName: Bool
    public var status: SourceStatus

    public init(code: String, label: BilingualText, duties: BilingualText, feedbackLetter: Bool,
                clearsName: Bool, status: SourceStatus) {
        self.code = code
        self.label = label
        self.duties = duties
        self.feedbackLetter = feedbackLetter
        self.clearsName = clearsName
        self.status = status
    }
}
