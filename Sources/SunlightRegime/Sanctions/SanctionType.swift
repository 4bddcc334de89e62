/// The two sanction systems: 政务处分 (公职人员政务处分法, by supervision commissions) and
/// 党纪处分 (中国共产党纪律处分条例, by party discipline bodies). A person may receive one of
/// each for the same conduct; their influence periods run separately.
public enum SanctionSystem: String, Sendable, Codable, CaseIterable {
    case government
    case party

    public var label: BilingualText {
        switch self {
        case .government: BilingualText(zh: "政务处分", en: "government sanction")
        case .party: BilingualText(zh: "党纪处分", en: "party sanction")
        }
    }
}

/// One kind of sanction and its influence period (影响期 / 处分期), as data.
public struct SanctionType: Sendable, Codable, Equatable {
    /// `gov.warning` … `gov.expulsion`, `party.warning` … `party.expulsion`.
    public var code: String
    public var system: SanctionSystem
    public var label: BilingualText
    /// 1 = lightest. Decides which sanction applies when several are due (Art. 15: the heaviest).
    public var severity: Int
    /// The possible influence periods in months: one value normally, two for 留党察看 (1 or 2
    /// years of probation), none for expulsion (no period: the relationship ends).
    public var periodMonths: [Int]
    /// Several identical sanctions may be combined into one longer period (政务处分法 Art. 15:
    /// "撤职以下多个相同政务处分").
    public var combinable: Bool
    /// Ends public employment (开除) or membership (开除党籍): in force for good.
    public var endsRelationship: Bool
    /// After 开除党籍: no re-admission for this many months (5 years).
    public var readmissionBarMonths: Int?
    /// What the sanction restricts, in words for the integrity file.
    public var effects: BilingualText
    public var basis: BilingualText
    public var status: SourceStatus

    public init(code: String, system: SanctionSystem, label: BilingualText, severity: Int,
                periodMonths: [Int], combinable: Bool, endsRelationship: Bool = false,
                readmissionBarMonths: Int? = nil, effects: BilingualText, basis: BilingualText,
                status: SourceStatus) {
        self.code = code
        self.system = system
        self.label = label
        self.severity = severity
        self.periodMonths = periodMonths
        self.combinable = combinable
        self.endsRelationship = endsRelationship
        self.readmissionBarMonths = readmissionBarMonths
        self.effects = effects
        self.basis = basis
        self.status = status
    }

    /// The period when there is exactly one; nil for a choice (留党察看) or none (expulsion).
    public var singlePeriodMonths: Int? {
        periodMonths.count == 1 ? periodMonths[0] : nil
    }
}
