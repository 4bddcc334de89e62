import SunlightDomain

/// A parsed, validated cell value in the form it is stored.
///
/// Dates are ISO text and money is integer fen in every backend, so SQLite and PostgreSQL hold
/// byte-identical values and a record's canonical hash does not depend on the database.
public enum FieldValue: Sendable, Hashable {
    case null
    case text(String)
    case integer(Int64)
    case bool(Bool)

    public var text: String? {
        if case .text(let s) = self { return s }
        return nil
    }

    public var integer: Int64? {
        if case .integer(let i) = self { return i }
        return nil
    }

    public var isNull: Bool { self == .null }

    /// The value as shown to a person or written into a canonical encoding:
    /// money is shown in yuan with two decimals by the caller that knows the type.
    public func display(as type: FieldType) -> String {
        switch self {
        case .null: return ""
        case .text(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .integer(let i):
            if case .money = type { return Money.formatYuan(i) }
            return String(i)
        }
    }
}
