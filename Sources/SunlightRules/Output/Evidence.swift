import SunlightDomain

/// A finding's evidence: a JSON value whose objects keep their keys in the order written, so
/// that the same finding always serialises to the same bytes (findings are hashed and logged).
public indirect enum Evidence: Sendable, Equatable {
    case object([Member])
    case array([Evidence])
    case string(String)
    case integer(Int64)
    case bool(Bool)
    case null

    public struct Member: Sendable, Equatable {
        public var key: String
        public var value: Evidence
        public init(_ key: String, _ value: Evidence) {
            self.key = key
            self.value = value
        }
    }

    /// An object from ordered pairs.
    public static func pairs(_ pairs: [(String, Evidence)]) -> Evidence {
        .object(pairs.map { Member($0.0, $0.1) })
    }

    /// An amount in fen as "yuan strings with two decimals" (rules.md, Conventions).
    public static func yuan(_ fen: Int64) -> Evidence { .string(Money.formatYuan(fen)) }

    /// An ISO date, or null.
    public static func date(_ date: LocalDate?) -> Evidence { date.map { .string($0.iso) } ?? .null }

    /// A text, or null when absent or empty.
    public static func text(_ text: String?) -> Evidence {
        guard let text, !text.isEmpty else { return .null }
        return .string(text)
    }

    public static func int(_ value: Int) -> Evidence { .integer(Int64(value)) }

    /// The value of `key` in an object (nil otherwise): for tests and readers.
    public subscript(key: String) -> Evidence? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// The elements of an array (empty otherwise).
    public var elements: [Evidence] {
        guard case .array(let items) = self else { return [] }
        return items
    }

    public var stringValue: String? {
        guard case .string(let s) = self else { return nil }
        return s
    }

    public var integerValue: Int64? {
        guard case .integer(let i) = self else { return nil }
        return i
    }

    /// Compact JSON: no whitespace, keys in the order given, non-ASCII written as UTF-8,
    /// `"`, `\` and control characters escaped.
    public func json() -> String {
        var out = ""
        write(to: &out)
        return out
    }

    func write(to out: inout String) {
        switch self {
        case .object(let members):
            out += "{"
            for (i, member) in members.enumerated() {
                if i > 0 { out += "," }
                Evidence.writeString(member.key, to: &out)
                out += ":"
                member.value.write(to: &out)
            }
            out += "}"
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                item.write(to: &out)
            }
            out += "]"
        case .string(let s): Evidence.writeString(s, to: &out)
        case .integer(let i): out += String(i)
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        }
    }

    static func writeString(_ s: String, to out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}

extension Evidence: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: Evidence...) { self = .array(elements) }
    /// Keeps the literal's order.
    public init(dictionaryLiteral elements: (String, Evidence)...) { self = .object(elements.map { Member($0.0, $0.1) }) }
    public init(nilLiteral: ()) { self = .null }
}
