/// What a rule allows by way of extension, e.g. "情况复杂的，经本机关、单位负责人批准，可以适当
/// 延长办理期限，但延长期限不得超过30日" (信访 Art. 34).
///
/// The extension is counted in the same unit as the rule (regime validation enforces it), so an
/// extended deadline is simply a longer one from the same start: 60 + 30 days = 90 days from
/// acceptance, 3 + 3 months = 6 months from receipt.
public struct ExtensionProvision: Sendable, Codable, Equatable {
    /// The usual extension, used when a grant names no amount.
    public var amount: Int
    public var unit: DeadlineUnit
    /// A grant must name its approver (and a reason).
    public var requiresApproval: Bool
    /// Who may approve, e.g. "本机关负责人" / "the head of the body".
    public var approver: BilingualText
    /// `true` when `amount` is also the most the extensions may add up to (Art. 34: "不得超过30日");
    /// `false` when more is possible with a higher approval (交办件: "more needs the higher body").
    public var isLimit: Bool
    /// Conditions and duties that go with the extension ("告知信访人延期理由").
    public var note: BilingualText

    public init(amount: Int, unit: DeadlineUnit, requiresApproval: Bool, approver: BilingualText,
                isLimit: Bool, note: BilingualText) {
        self.amount = amount
        self.unit = unit
        self.requiresApproval = requiresApproval
        self.approver = approver
        self.isLimit = isLimit
        self.note = note
    }
}
