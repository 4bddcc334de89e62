/// An exact decimal with six fractional digits, for parameters such as δ = 0.05, a tolerance of
/// 0.10 or a threshold of 1,000,000 yuan. Money is compared exactly ("project.overrun compares
/// exact amounts (10 % over = no, 10.01 % = yes)"), so no floating point is involved: products
/// are taken in full width (128 bits) and compared as integers.
struct FixedDecimal: Sendable, Equatable, Comparable {
    /// Value × 10⁶.
    let micros: Int64
    static let scale: Int64 = 1_000_000

    init(micros: Int64) { self.micros = micros }

    /// Digits with an optional sign and at most `maxFractionDigits` (≤ 6) decimals; `,` and `_`
    /// thousands separators are allowed in the integer part.
    init?(text raw: String, maxFractionDigits: Int = 6) {
        var text = Substring(raw)
        var negative = false
        if let first = text.first, first == "-" || first == "+" {
            negative = first == "-"
            text = text.dropFirst()
        }
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let integer = parts[0].filter { $0 != "," && $0 != "_" }
        let fraction = parts.count > 1 ? parts[1] : ""
        guard !integer.isEmpty || !fraction.isEmpty, parts.count == 1 || !fraction.isEmpty,
              integer.allSatisfy({ $0.isASCII && $0.isNumber }), fraction.allSatisfy({ $0.isASCII && $0.isNumber }),
              fraction.count <= maxFractionDigits, integer.count <= 12 else { return nil }
        var value: Int64 = 0
        for c in integer { value = value * 10 + Int64(c.wholeNumberValue!) }
        var frac: Int64 = 0
        var digits = 0
        for c in fraction { frac = frac * 10 + Int64(c.wholeNumberValue!); digits += 1 }
        while digits < 6 { frac *= 10; digits += 1 }
        let total = value * Self.scale + frac
        micros = negative ? -total : total
    }

    /// Canonical text: no trailing zeros, no separators (`0.1`, `1000000`, `0.05`).
    var text: String {
        let magnitude = micros.magnitude
        let whole = magnitude / UInt64(Self.scale)
        var fraction = String(magnitude % UInt64(Self.scale))
        fraction = String(repeating: "0", count: 6 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return (micros < 0 ? "-" : "") + String(whole) + (fraction.isEmpty ? "" : "." + fraction)
    }

    /// This amount of yuan in fen (the parameter spec allows at most 2 decimals for money).
    var fen: Int64 { micros / 10_000 }

    static func < (lhs: FixedDecimal, rhs: FixedDecimal) -> Bool { lhs.micros < rhs.micros }
}

/// Exact comparison of a·b with c·d on 128-bit products.
enum Exact {
    static func compare(_ a: Int64, times b: Int64, _ c: Int64, times d: Int64) -> Int {
        let left = a.multipliedFullWidth(by: b)
        let right = c.multipliedFullWidth(by: d)
        if left.high != right.high { return left.high < right.high ? -1 : 1 }
        if left.low != right.low { return left.low < right.low ? -1 : 1 }
        return 0
    }

    /// amount > base × (1 + tolerance), exactly: amount·10⁶ > base·(10⁶ + tolerance·10⁶).
    static func exceeds(_ amount: Int64, base: Int64, tolerance: FixedDecimal) -> Bool {
        compare(amount, times: FixedDecimal.scale, base, times: FixedDecimal.scale + tolerance.micros) > 0
    }
}
