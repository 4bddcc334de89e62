/// The kinds of value a dataset column holds, as `data-contract.md` lists them.
///
/// A field's type decides how a spreadsheet cell or an API value is parsed and validated,
/// how it is stored (dates as ISO text, money as integer fen) and how a form shows it.
public enum FieldType: Sendable, Equatable {
    case text
    case date
    case datetime
    /// Yuan in, integer fen stored.
    case money
    /// A GB 11643 resident ID, validated (15-digit IDs upgraded).
    case idNumber
    /// A resident ID kept even when invalid (benefits, payments: a forged ID is evidence).
    case idNumberLenient
    /// A GB 32100 unified social credit code.
    case uscc
    /// A USCC or a resident ID (payees, holders).
    case partyCode
    case bool
    case yearMonth
    /// A decimal number such as a share percentage, kept as canonical text (never floating point).
    case decimal
    case integer
    case enumeration([EnumOption])

    /// The most characters a value of this type may have unless its `Field` says otherwise.
    ///
    /// Text: 200 (`Field.shortTextMaxLength`, names and titles). Typed values by their format,
    /// with room for the spellings the parser accepts (spaces, separators, Chinese dates such
    /// as "2026年12月7日 星期一", full-width digits): identity codes 32 (18 characters), dates and
    /// months 40, instants 64, numbers 40 (an Int64 has 19 digits; money may carry separators
    /// and "元"), yes/no 16, enumerations 64 (the longest label is a few Chinese words).
    /// Checked before the type's own parsing, which so never sees a megabyte of input.
    public var defaultMaxLength: Int {
        switch self {
        case .text: return 200
        case .idNumber, .idNumberLenient, .uscc, .partyCode: return 32
        case .date, .yearMonth: return 40
        case .datetime: return 64
        case .money, .decimal, .integer: return 40
        case .bool: return 16
        case .enumeration: return 64
        }
    }

    /// Whether values of this type are stored as integers (money in fen, counts).
    public var isInteger: Bool {
        switch self {
        case .money, .integer: return true
        default: return false
        }
    }
}

/// One allowed value of an enumerated field: the English code stored, and its Chinese label
/// accepted on input and shown in the Chinese UI.
public struct EnumOption: Sendable, Equatable {
    public let code: String
    public let labelZh: String

    public init(_ code: String, _ labelZh: String) {
        self.code = code
        self.labelZh = labelZh
    }

    /// An English label for the UI: the code with underscores as spaces.
    public var labelEn: String { code.replacingOccurrences(of: "_", with: " ") }
}
