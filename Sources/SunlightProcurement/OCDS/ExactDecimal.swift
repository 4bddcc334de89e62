/// A JSON number kept exactly as written, for comparing money.
///
/// Why not `Double`: Sunlight keeps yuan exactly (PRODUCT.md). Two bids of `0.1 + 0.2`-style
/// amounts, or amounts with more than 15 significant digits, can compare equal or unequal in
/// binary floating point when they are not. Cardinal compares `f64`; in Sunlight mode the
/// indicators that ask "which bid is lowest?" or "are these two prices identical?" use this
/// type instead, and only the *ratios* Cardinal publishes are computed in `Double` (for parity).
///
/// The value is `(-1)^negative × digits × 10^exponent`, normalised: no leading or trailing zeros
/// in `digits`, and zero is `digits == ""`, not negative. So equal numbers are equal values
/// (`1`, `1.0`, `10e-1` are one value) and hashing is consistent with equality.
public struct ExactDecimal: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let negative: Bool
    /// ASCII decimal digits, without leading or trailing zeros; empty for zero.
    public let digits: String
    public let exponent: Int

    public static let zero = ExactDecimal(negative: false, digits: "", exponent: 0)

    init(negative: Bool, digits: String, exponent: Int) {
        self.negative = negative
        self.digits = digits
        self.exponent = exponent
    }

    /// Parses JSON number syntax (`-12.50e3`). Returns nil for anything else.
    public init?(_ text: String) {
        var copy = text
        let parsed: ExactDecimal? = copy.withUTF8 { ExactDecimal.parse(UnsafeBufferPointer(rebasing: $0[...])) }
        guard let parsed else { return nil }
        self = parsed
    }

    /// Parses the bytes of a number the scanner already validated (or any JSON-syntax number).
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> ExactDecimal? {
        var i = 0
        let n = bytes.count
        var negative = false
        if i < n && bytes[i] == UInt8(ascii: "-") { negative = true; i += 1 }
        var digitBytes: [UInt8] = []
        digitBytes.reserveCapacity(n)
        var fractionDigits = 0
        var sawDigit = false
        while i < n, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") {
            if !(digitBytes.isEmpty && bytes[i] == UInt8(ascii: "0")) { digitBytes.append(bytes[i]) }
            sawDigit = true
            i += 1
        }
        guard sawDigit else { return nil }
        if i < n && bytes[i] == UInt8(ascii: ".") {
            i += 1
            var any = false
            while i < n, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") {
                if !(digitBytes.isEmpty && bytes[i] == UInt8(ascii: "0")) { digitBytes.append(bytes[i]) }
                fractionDigits += 1
                any = true
                i += 1
            }
            guard any else { return nil }
        }
        var exponent = 0
        if i < n && (bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E")) {
            i += 1
            var expNegative = false
            if i < n && (bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-")) {
                expNegative = bytes[i] == UInt8(ascii: "-")
                i += 1
            }
            var any = false
            while i < n, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") {
                // Saturate: exponents beyond a million digits are not money.
                if exponent < 1_000_000 { exponent = exponent * 10 + Int(bytes[i] - UInt8(ascii: "0")) }
                any = true
                i += 1
            }
            guard any else { return nil }
            if expNegative { exponent = -exponent }
        }
        guard i == n else { return nil }
        exponent -= fractionDigits
        while let last = digitBytes.last, last == UInt8(ascii: "0") {
            digitBytes.removeLast()
            exponent += 1
        }
        if digitBytes.isEmpty { return .zero }
        return ExactDecimal(negative: negative, digits: String(decoding: digitBytes, as: UTF8.self), exponent: exponent)
    }

    public var isZero: Bool { digits.isEmpty }

    /// Position of the most significant digit (the "order of magnitude" + 1).
    private var magnitude: Int { digits.utf8.count + exponent }

    public static func < (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
        if lhs.negative != rhs.negative { return lhs.negative }
        let lessInMagnitude = compareMagnitude(lhs, rhs) < 0
        let greaterInMagnitude = compareMagnitude(lhs, rhs) > 0
        return lhs.negative ? greaterInMagnitude : lessInMagnitude
    }

    /// -1, 0, 1 comparing absolute values.
    private static func compareMagnitude(_ a: ExactDecimal, _ b: ExactDecimal) -> Int {
        if a.isZero || b.isZero { return a.isZero ? (b.isZero ? 0 : -1) : 1 }
        if a.magnitude != b.magnitude { return a.magnitude < b.magnitude ? -1 : 1 }
        // Same magnitude: compare digit strings, the shorter padded with zeros.
        var ia = a.digits.utf8.makeIterator()
        var ib = b.digits.utf8.makeIterator()
        while true {
            let da = ia.next()
            let db = ib.next()
            switch (da, db) {
            case (nil, nil): return 0
            case (nil, _): return -1 // b has more non-zero digits
            case (_, nil): return 1
            case let (x?, y?): if x != y { return x < y ? -1 : 1 }
            }
        }
    }

    /// Plain decimal notation (`-1250.5`), for evidence and messages.
    public var description: String {
        if isZero { return "0" }
        var s = negative ? "-" : ""
        let count = digits.utf8.count
        if exponent >= 0 {
            s += digits + String(repeating: "0", count: exponent)
        } else if -exponent < count {
            let split = digits.index(digits.startIndex, offsetBy: count + exponent)
            s += digits[..<split] + "." + digits[split...]
        } else {
            s += "0." + String(repeating: "0", count: -exponent - count) + digits
        }
        return s
    }
}
