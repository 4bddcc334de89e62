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
