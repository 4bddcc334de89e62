/// A JSON value as a tree, for the rare paths that need one: compiling a record's releases into
/// a compiled release, and tests. The streaming paths never build trees.
///
/// Objects keep member order (OCDS merge output and Cardinal's coverage order both depend on
/// it); numbers keep their text, so nothing is rounded on the way through.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([(key: String, value: JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.number(a), .number(b)): return a == b
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    /// Member lookup (the last one wins, as in serde_json).
    public subscript(key: String) -> JSONValue? {
        guard case let .object(members) = self else { return nil }
        return members.last(where: { $0.key == key })?.value
    }

    public var stringValue: String? {
        if case let .string(s) = self { return s }
        return nil
    }

    // MARK: Parsing

    /// Parses a complete JSON text.
    public static func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        var bytes = Array(text.utf8)
        return try parse(bytes: &bytes)
    }

    static func parse(bytes: inout [UInt8]) throws(JSONSyntaxError) -> JSONValue {
        let count = bytes.count
        let result: Result<JSONValue, JSONSyntaxError> = bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return .failure(JSONSyntaxError(.unexpectedEnd, at: 0)) }
            var c = JSONCursor(base: base, start: 0, end: count)
            do throws(JSONSyntaxError) {
                let value = try JSONValue.read(&c)
                try c.expectEnd()
                return .success(value)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Reads one value at the cursor.
    static func read(_ c: inout JSONCursor) throws(JSONSyntaxError) -> JSONValue {
        let b = try c.peek()
        switch b {
        case UInt8(ascii: "\""):
            return .string(try c.readString())
        case UInt8(ascii: "{"):
            var members: [(key: String, value: JSONValue)] = []
            _ = try c.forEachMember { (c, key) throws(JSONSyntaxError) in
                let name = c.string(of: key)
                members.append((name, try JSONValue.read(&c)))
            }
            return .object(members)
        case UInt8(ascii: "["):
            var elements: [JSONValue] = []
            _ = try c.forEachElement { (c) throws(JSONSyntaxError) in elements.append(try JSONValue.read(&c)) }
            return .array(elements)
        case UInt8(ascii: "t"):
            try c.literal("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try c.literal("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try c.literal("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let token = try c.scanNumber()
            return .number(c.text(of: token))
        default:
            throw c.error(.unexpectedCharacter)
        }
    }

    // MARK: Writing

    /// Compact JSON text.
    public var jsonText: String {
        var out: [UInt8] = []
        write(into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    func write(into out: inout [UInt8]) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case let .bool(b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case let .number(n): out.append(contentsOf: n.utf8)
        case let .string(s): JSONValue.writeString(s, into: &out)
        case let .array(elements):
            out.append(UInt8(ascii: "["))
            for (i, e) in elements.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                e.write(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case let .object(members):
            out.append(UInt8(ascii: "{"))
            for (i, m) in members.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                JSONValue.writeString(m.key, into: &out)
                out.append(UInt8(ascii: ":"))
                m.value.write(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): out.append(contentsOf: "\\\"".utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
            case 0x0A: out.append(contentsOf: "\\n".utf8)
            case 0x0D: out.append(contentsOf: "\\r".utf8)
            case 0x09: out.append(contentsOf: "\\t".utf8)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: "\\u00".utf8)
                out.append(hex[Int(b >> 4)])
                out.append(hex[Int(b & 0xF)])
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
