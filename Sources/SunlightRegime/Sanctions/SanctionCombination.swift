/// What 政务处分法 Art. 15 makes of several violations: the sanction carried out, and the range
/// its period may be set in.
///
/// "应当给予两种以上政务处分的，执行其中最重的政务处分；应当给予撤职以下多个相同政务处分的，可以在
/// 一个政务处分期以上、多个政务处分期之和以下确定政务处分期，但是最长不得超过四十八个月。"
public struct SanctionCombination: Sendable, Equatable {
    /// The heaviest sanction due: the one carried out.
    public var applies: String
    /// How many times that heaviest sanction was due. Design choice: when it was due more than
    /// once (2 × 记大过 + 1 × 记过), the identical-sanction range applies to those occurrences;
    /// lighter ones are absorbed.
    public var count: Int
    /// The months the period may be set to: single ... min(sum, cap). nil for a sanction without
    /// a period or not combinable (开除).
    public var allowedMonths: ClosedRange<Int>?

    public init(applies: String, count: Int, allowedMonths: ClosedRange<Int>?) {
        self.applies = applies
        self.count = count
        self.allowedMonths = allowedMonths
    }
}
