/// The Cardinal red-flag indicators Sunlight computes, by their stable public codes.
///
/// The codes, titles and subjects are Cardinal 0.0.8's (docs/cli/indicators); the Chinese titles
/// are Sunlight's, for the UI and reports.
public enum IndicatorCode: String, Sendable, CaseIterable, Comparable, Codable {
    case r003 = "R003"
    case r018 = "R018"
    case r024 = "R024"
    case r025 = "R025"
    case r028 = "R028"
    case r030 = "R030"
    case r035 = "R035"
    case r036 = "R036"
    case r038 = "R038"
    case r048 = "R048"
    case r058 = "R058"

    public static func < (lhs: IndicatorCode, rhs: IndicatorCode) -> Bool { lhs.rawValue < rhs.rawValue }

    public var titleEn: String {
        switch self {
        case .r003: return "Short submission period"
        case .r018: return "Single bid received"
        case .r024: return "Price close to winning bid"
        case .r025: return "Excessive unsuccessful bids"
        case .r028: return "Identical bid prices"
        case .r030: return "Late bid won"
        case .r035: return "All except winning bid disqualified"
        case .r036: return "Lowest bid disqualified"
        case .r038: return "Excessive disqualified bids"
        case .r048: return "Heterogeneous supplier"
        case .r058: return "Heavily discounted bid"
        }
    }

    public var titleZh: String {
        switch self {
        case .r003: return "投标期过短"
        case .r018: return "仅收到一份投标"
        case .r024: return "次低价与中标价过于接近"
        case .r025: return "投标多而中标少"
        case .r028: return "投标报价相同"
        case .r030: return "逾期投标中标"
        case .r035: return "除中标人外其余投标均被否决"
        case .r036: return "最低价投标被否决"
        case .r038: return "否决投标比例过高"
        case .r048: return "供应商经营范围异常宽泛"
        case .r058: return "中标价大幅低于次低价"
        }
    }

    /// The groups of Cardinal's output this indicator writes to.
    public var groups: [ResultGroup] {
        switch self {
        case .r003, .r018, .r036: return [.ocid]
        case .r024, .r028, .r030, .r035, .r058: return [.ocid, .tenderer]
        case .r025, .r048: return [.tenderer]
        case .r038: return [.buyer, .procuringEntity, .tenderer]
        }
    }
}

/// The top-level keys of Cardinal's output, in Cardinal's spelling.
public enum ResultGroup: String, Sendable, CaseIterable, Codable {
    case ocid = "OCID"
    case buyer = "Buyer"
    case procuringEntity = "ProcuringEntity"
    case tenderer = "Tenderer"
}
