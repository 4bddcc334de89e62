#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A validating pull scanner over UTF-8 JSON bytes.
///
/// Why hand-written: an OCDS release is mostly text Sunlight never looks at (documents,
/// descriptions, amendments). `JSONSerialization` builds every one of those strings and
/// dictionaries before we can throw them away; this cursor *skips* them while still checking
/// that they are valid JSON (so a corrupt line is reported, never half-read), and only
/// materialises the few values the indicators need. Skipping runs eight bytes at a time over
/// string contents (SWAR), which is where most of the bytes are.
///
/// The cursor does not own its bytes: it is only valid inside the `withUnsafeBytes` (or mapped
/// file) scope that produced the pointer.
struct JSONCursor {
    let base: UnsafePointer<UInt8>
    /// One past the last byte this cursor may read.
    let end: Int
    var position: Int
    var depth: Int = 0

    /// serde_json, which Cardinal uses, refuses nesting deeper than 128; OCDS needs about ten.
    static let maximumDepth = 128

    init(base: UnsafePointer<UInt8>, start: Int, end: Int) {
        self.base = base
        self.position = start
        self.end = end
    }

    // MARK: Bytes

    @inline(__always) var isAtEnd: Bool { position >= end }

    @inline(__always) func error(_ kind: JSONSyntaxError.Kind) -> JSONSyntaxError {
        JSONSyntaxError(kind, at: position)
    }

    @inline(__always) mutating func skipWhitespace() {
        while position < end {
            let b = base[position]
            if b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { position += 1 } else { return }
        }
    }

    /// The next non-whitespace byte, not consumed.
    @inline(__always) mutating func peek() throws(JSONSyntaxError) -> UInt8 {
        skipWhitespace()
        guard position < end else { throw error(.unexpectedEnd) }
        return base[position]
    }

    /// After a complete value: only whitespace may follow.
    mutating func expectEnd() throws(JSONSyntaxError) {
        skipWhitespace()
        if position < end { throw error(.trailingCharacters) }
    }

    // MARK: Skipping (validating)

    /// Skips one value, validating it completely.
    mutating func skipValue() throws(JSONSyntaxError) {
        let b = try peek()
        switch b {
        case UInt8(ascii: "\""):
            _ = try scanString()
        case UInt8(ascii: "{"):
            try skipObject()
        case UInt8(ascii: "["):
            try skipArray()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            _ = try scanNumber()
        case UInt8(ascii: "t"):
            try literal("true")
        case UInt8(ascii: "f"):
            try literal("false")
        case UInt8(ascii: "n"):
            try literal("null")
        default:
            throw error(.unexpectedCharacter)
        }
    }

    private mutating func skipObject() throws(JSONSyntaxError) {
        var state = false
        try enterObject()
        while try nextMember(&state) {
            _ = try scanString()
            try expectColon()
            try skipValue()
        }
    }

    private mutating func skipArray() throws(JSONSyntaxError) {
        var state = false
        try enterArray()
        while try nextElement(&state) {
            try skipValue()
        }
    }

    mutating func literal(_ text: StaticString) throws(JSONSyntaxError) {
        let n = text.utf8CodeUnitCount
        guard end - position >= n, memcmp(base + position, text.utf8Start, n) == 0 else {
            throw error(.invalidLiteral)
        }
        position += n
    }

    // MARK: Containers

    /// Consumes `{` (the caller has peeked it).
    @inline(__always) mutating func enterObject() throws(JSONSyntaxError) {
        depth += 1
        if depth > Self.maximumDepth { throw error(.tooDeep) }
        position += 1
    }

    @inline(__always) mutating func enterArray() throws(JSONSyntaxError) {
        depth += 1
        if depth > Self.maximumDepth { throw error(.tooDeep) }
        position += 1
    }

    /// Advances to the next member name of an object entered with `enterObject`; returns false
    /// (having consumed `}`) when there is none. `state` starts false.
    @inline(__always) mutating func nextMember(_ state: inout Bool) throws(JSONSyntaxError) -> Bool {
        skipWhitespace()
        guard position < end else { throw error(.unexpectedEnd) }
        var b = base[position]
        if b == UInt8(ascii: "}") {
            // `{"a":1,}` is not JSON: a closing brace may only follow `{` or a value.
            position += 1
            depth -= 1
            return false
        }
        if state {
            guard b == UInt8(ascii: ",") else { throw error(.expectedCommaOrEnd) }
            position += 1
            skipWhitespace()
            guard position < end else { throw error(.unexpectedEnd) }
            b = base[position]
        }
        state = true
        guard b == UInt8(ascii: "\"") else { throw error(.expectedKey) }
        return true
    }

    @inline(__always) mutating func expectColon() throws(JSONSyntaxError) {
        skipWhitespace()
        guard position < end else { throw error(.unexpectedEnd) }
        guard base[position] == UInt8(ascii: ":") else { throw error(.expectedColon) }
        position += 1
    }

    /// Like `nextMember` for arrays: positions at the next element, or consumes `]`.
    @inline(__always) mutating func nextElement(_ state: inout Bool) throws(JSONSyntaxError) -> Bool {
        skipWhitespace()
        guard position < end else { throw error(.unexpectedEnd) }
        let b = base[position]
        if b == UInt8(ascii: "]") {
            // `]` may follow `[` or a value; after a comma it is rejected below.
            position += 1
            depth -= 1
            return false
        }
        if state {
            guard b == UInt8(ascii: ",") else { throw error(.expectedCommaOrEnd) }
            position += 1
            skipWhitespace()
            guard position < end else { throw error(.unexpectedEnd) }
            if base[position] == UInt8(ascii: "]") { throw error(.unexpectedCharacter) }
        }
        state = true
        return true
    }

    // MARK: Strings

    /// Scans a string starting at `"`, validating escapes and UTF-8. Returns the byte range of
    /// its contents (without quotes) and whether it contains escapes.
    mutating func scanString() throws(JSONSyntaxError) -> StringToken {
        // Caller guarantees base[position] == '"'.
        position += 1
        let start = position
        var escaped = false
        let quotes: UInt64 = 0x2222_2222_2222_2222
        let backslashes: UInt64 = 0x5C5C_5C5C_5C5C_5C5C
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let spaces: UInt64 = 0x2020_2020_2020_2020
        while true {
            // Eight plain bytes at a time: no quote, backslash, control character or non-ASCII.
            while end - position >= 8 {
                let word = UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self)
                let q = word ^ quotes
                let s = word ^ backslashes
                let special = (((q &- ones) & ~q) | ((s &- ones) & ~s) | ((word &- spaces) & ~word) | word) & highs
                if special != 0 {
                    #if _endian(little)
                    // The lowest flagged byte is exact (borrows only run upward): jump to it.
                    position += special.trailingZeroBitCount >> 3
                    #endif
                    break
                }
                position += 8
            }
            guard position < end else { throw error(.unexpectedEnd) }
            let b = base[position]
            if b >= 0x80 {
                // A run of non-ASCII text (Chinese, Cyrillic): validate sequence after sequence
                // here, with the two- and three-byte forms inline, before returning to the
                // eight-byte loop.
                repeat {
                    let lead = base[position]
                    if lead >= 0xC2 && lead <= 0xDF && end - position >= 2 && base[position + 1] & 0xC0 == 0x80 {
                        position += 2
                    } else if ((lead >= 0xE1 && lead <= 0xEC) || lead == 0xEE || lead == 0xEF) && end - position >= 3
                                && base[position + 1] & 0xC0 == 0x80 && base[position + 2] & 0xC0 == 0x80 {
                        position += 3
                    } else {
                        try skipUTF8Sequence()
                    }
                } while position < end && base[position] >= 0x80
                continue
            }
            if b == UInt8(ascii: "\"") {
                let token = StringToken(start: start, end: position, escaped: escaped)
                position += 1
                return token
            } else if b == UInt8(ascii: "\\") {
                escaped = true
                try skipEscape()
            } else if b < 0x20 {
                throw error(.controlCharacterInString)
            } else {
                position += 1
            }
        }
    }

    private mutating func skipEscape() throws(JSONSyntaxError) {
        position += 1
        guard position < end else { throw error(.unexpectedEnd) }
        switch base[position] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
             UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            position += 1
        case UInt8(ascii: "u"):
            position += 1
            let unit = try hex4()
            if (0xD800...0xDBFF).contains(unit) {
                // A high surrogate must be followed by `\u` and a low surrogate.
                guard end - position >= 2, base[position] == UInt8(ascii: "\\"),
                      base[position + 1] == UInt8(ascii: "u") else { throw error(.loneSurrogate) }
                position += 2
                let low = try hex4()
                guard (0xDC00...0xDFFF).contains(low) else { throw error(.loneSurrogate) }
            } else if (0xDC00...0xDFFF).contains(unit) {
                throw error(.loneSurrogate)
            }
        default:
            throw error(.invalidEscape)
        }
    }

    private mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
        guard end - position >= 4 else { throw error(.unexpectedEnd) }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let b = base[position]
            let digit: UInt32
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(b - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(b - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(b - UInt8(ascii: "A") + 10)
            default: throw error(.invalidUnicodeEscape)
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }

    /// Validates one multi-byte UTF-8 sequence (RFC 3629: no overlongs, no surrogates, ≤ U+10FFFF).
    private mutating func skipUTF8Sequence() throws(JSONSyntaxError) {
        let b0 = base[position]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch b0 {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: throw error(.invalidUTF8)
        }
        guard end - position >= length else { throw error(.invalidUTF8) }
        let b1 = base[position + 1]
        guard b1 >= low, b1 <= high else { throw error(.invalidUTF8) }
        for i in 2..<length {
            let b = base[position + i]
            guard b & 0xC0 == 0x80 else { throw error(.invalidUTF8) }
        }
        position += length
    }

    /// Reads a string value at the cursor (which must be at `"`).
    mutating func readString() throws(JSONSyntaxError) -> String {
        let token = try scanString()
        return string(of: token)
    }

    /// Decodes a scanned string token. Valid by construction: `scanString` checked UTF-8 and escapes.
    func string(of token: StringToken) -> String {
        if !token.escaped {
            return String(decoding: UnsafeBufferPointer(start: base + token.start, count: token.end - token.start),
                          as: UTF8.self)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(token.end - token.start)
        var i = token.start
        while i < token.end {
            let b = base[i]
            guard b == UInt8(ascii: "\\") else {
                bytes.append(b)
                i += 1
                continue
            }
            let e = base[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "b"): bytes.append(0x08)
            case UInt8(ascii: "f"): bytes.append(0x0C)
            case UInt8(ascii: "n"): bytes.append(0x0A)
            case UInt8(ascii: "r"): bytes.append(0x0D)
            case UInt8(ascii: "t"): bytes.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = Self.hexValue(base + i)
                i += 4
                if (0xD800...0xDBFF).contains(scalar) {
                    let low = Self.hexValue(base + i + 2)
                    i += 6
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                Self.appendUTF8(scalar, to: &bytes)
            default: bytes.append(e) // " \ /
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ p: UnsafePointer<UInt8>) -> UInt32 {
        var value: UInt32 = 0
        for k in 0..<4 {
            let b = p[k]
            let digit: UInt32
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(b - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(b - UInt8(ascii: "a") + 10)
            default: digit = UInt32(b - UInt8(ascii: "A") + 10)
            }
            value = value << 4 | digit
        }
        return value
    }

    static func appendUTF8(_ scalar: UInt32, to bytes: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            bytes.append(UInt8(scalar))
        case 0x80..<0x800:
            bytes.append(UInt8(0xC0 | (scalar >> 6)))
            bytes.append(UInt8(0x80 | (scalar & 0x3F)))
        case 0x800..<0x10000:
            bytes.append(UInt8(0xE0 | (scalar >> 12)))
            bytes.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            bytes.append(UInt8(0x80 | (scalar & 0x3F)))
        default:
            bytes.append(UInt8(0xF0 | (scalar >> 18)))
            bytes.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
            bytes.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            bytes.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }

    /// Whether a scanned member name equals `name` (byte-wise, after unescaping if needed).
    @inline(__always) func key(_ token: StringToken, is name: StaticString) -> Bool {
        let n = name.utf8CodeUnitCount
        if !token.escaped {
            return token.end - token.start == n && memcmp(base + token.start, name.utf8Start, n) == 0
        }
        return string(of: token) == name.description
    }

    // MARK: Numbers

    /// Scans a number per RFC 8259 and returns its byte range.
    mutating func scanNumber() throws(JSONSyntaxError) -> NumberToken {
        let start = position
        if base[position] == UInt8(ascii: "-") { position += 1 }
        guard position < end else { throw error(.invalidNumber) }
        var isInteger = true
        if base[position] == UInt8(ascii: "0") {
            position += 1
        } else if base[position] >= UInt8(ascii: "1") && base[position] <= UInt8(ascii: "9") {
            while position < end && base[position] >= UInt8(ascii: "0") && base[position] <= UInt8(ascii: "9") {
                position += 1
            }
        } else {
            throw error(.invalidNumber)
        }
        if position < end && base[position] == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            let digits = position
            while position < end && base[position] >= UInt8(ascii: "0") && base[position] <= UInt8(ascii: "9") {
                position += 1
            }
            guard position > digits else { throw error(.invalidNumber) }
        }
        if position < end && (base[position] == UInt8(ascii: "e") || base[position] == UInt8(ascii: "E")) {
            isInteger = false
            position += 1
            if position < end && (base[position] == UInt8(ascii: "+") || base[position] == UInt8(ascii: "-")) {
                position += 1
            }
            let digits = position
            while position < end && base[position] >= UInt8(ascii: "0") && base[position] <= UInt8(ascii: "9") {
                position += 1
            }
            guard position > digits else { throw error(.invalidNumber) }
        }
        return NumberToken(start: start, end: position, isInteger: isInteger)
    }

    func text(of token: NumberToken) -> String {
        String(decoding: UnsafeBufferPointer(start: base + token.start, count: token.end - token.start), as: UTF8.self)
    }

    func bytes(of token: NumberToken) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: base + token.start, count: token.end - token.start)
    }
}

/// The contents of a scanned string: bytes `start..<end` of the buffer, without the quotes.
struct StringToken {
    let start: Int
    let end: Int
    let escaped: Bool
}

/// A scanned number: bytes `start..<end`; `isInteger` = no fraction and no exponent.
struct NumberToken {
    let start: Int
    let end: Int
    let isInteger: Bool
}
