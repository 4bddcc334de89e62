/// One measure that is not a sanction, e.g. 提醒谈话 (reminder talk) or 免职 (removal from post).
public struct FormMeasure: Sendable, Codable, Equatable {
    public var code: String
    public var label: BilingualText

    public init(code: String, label: BilingualText) {
        self.code = code
        self.label = label
    }
}

/// One of the four forms (四种形态) of supervision and discipline: graded outcomes from a talk
/// to a criminal case. The measures listed here are those that are not sanctions; which
/// sanction belongs to which form is a separate table (`SanctionFormMapping`), because
/// `regime.md` marks that mapping ❓ and an administrator must be able to change it alone.
public struct OutcomeForm: Sendable, Codable, Equatable {
    /// 1…4.
    public var number: Int
    public var label: BilingualText
    public var meaning: BilingualText
    public var measures: [FormMeasure]
    public var status: SourceStatus

    public init(number: Int, label: BilingualText, meaning: BilingualText, measures: [FormMeasure],
                status: SourceStatus) {
        self.number = number
        self.label = label
        self.meaning = meaning
        self.measures = measures
        self.status = status
    }
}

/// Which form a sanction counts under, e.g. 记大过 → form 2. ❓ for government sanctions.
public struct SanctionFormMapping: Sendable, Codable, Equatable {
    public var sanction: String
    public var form: Int
    public var status: SourceStatus

    public init(sanction: String, form: Int, status: SourceStatus) {
        self.sanction = sanction
        self.form = form
        self.status = status
    }
}
