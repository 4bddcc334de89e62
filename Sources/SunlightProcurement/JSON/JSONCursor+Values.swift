/// Typed reads that tolerate the wrong JSON type the way Cardinal does: a value of another type
/// is skipped (still validated) and reads as nil.
extension JSONCursor {
    /// A string, or nil (value skipped) if the value is not a string.
    @inline(__always) mutating func readOptionalString() throws(JSONSyntaxError) -> String? {
        if try peek() == UInt8(ascii: "\"") { return try readString() }
        try skipValue()
        return nil
    }

    /// An identifier: a string, or a number kept as its text (Cardinal's `prepare` stringifies
    /// numeric ids), else nil.
    @inline(__always) mutating func readIdentifier() throws(JSONSyntaxError) -> String? {
        let b = try peek()
        if b == UInt8(ascii: "\"") { return try readString() }
        if b == UInt8(ascii: "-") || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) {
            let token = try scanNumber()
            return text(of: token)
        }
        try skipValue()
        return nil
    }

    /// A number as `Amount`, or nil if the value is not a number (or overflows a `Double`).
    @inline(__always) mutating func readAmount() throws(JSONSyntaxError) -> Amount? {
        let b = try peek()
        guard b == UInt8(ascii: "-") || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) else {
            try skipValue()
            return nil
        }
        let token = try scanNumber()
        let bytes = bytes(of: token)
        let value = NumberConversion.double(bytes)
        // serde_json's `as_f64` (arbitrary precision) refuses numbers beyond the `Double` range.
        guard value.isFinite else { return nil }
        return Amount(value: value, exact: ExactDecimal.parse(bytes) ?? .zero, isIntegerLiteral: token.isInteger)
    }

    /// A date string, or nil.
    @inline(__always) mutating func readDate() throws(JSONSyntaxError) -> OCDSDate? {
        guard let raw = try readOptionalString() else { return nil }
        return OCDSDate(raw: raw)
    }

    /// Calls `body` for each member of an object (body must consume the value) and returns
    /// true; if the value is not an object, skips it and returns false.
    @inline(__always) mutating func forEachMember(
        _ body: (inout JSONCursor, StringToken) throws(JSONSyntaxError) -> Void
    ) throws(JSONSyntaxError) -> Bool {
        guard try peek() == UInt8(ascii: "{") else {
            try skipValue()
            return false
        }
        try enterObject()
        var state = false
        while try nextMember(&state) {
            let key = try scanString()
            try expectColon()
            try body(&self, key)
        }
        return true
    }

    /// Calls `body` for each element of an array (body must consume it) and returns true; if the
    /// value is not an array, skips it and returns false.
    @inline(__always) mutating func forEachElement(
        _ body: (inout JSONCursor) throws(JSONSyntaxError) -> Void
    ) throws(JSONSyntaxError) -> Bool {
        guard try peek() == UInt8(ascii: "[") else {
            try skipValue()
            return false
        }
        try enterArray()
        var state = false
        while try nextElement(&state) {
            try body(&self)
        }
        return true
    }

    /// Whether the next value is an object (not consumed).
    @inline(__always) mutating func nextIsObject() throws(JSONSyntaxError) -> Bool {
        try peek() == UInt8(ascii: "{")
    }
}
