/// Writes a `Double` the way serde_json does (through the `ryu` crate), so that Sunlight's
/// Cardinal-format output is textually what Cardinal prints: `1.0`, `0.2`, `100.0`,
/// `0.16666666666666666`, `1e16`, `1.5e-7`, and `null` for NaN and infinities.
///
/// Swift's `description` already produces the shortest round-tripping digits; only the layout
/// differs (Swift writes `1e-05` and `1e+16`), so the digits are re-laid-out with ryu's rules.
public enum CardinalNumberFormat {
    public static func format(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == 0 { return value.sign == .minus ? "-0.0" : "0.0" }
        let text = value.magnitude.description
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...].replacingPlus()) ?? 0
        }
        // Digits without the point; `point` = digits before the point.
        var digits = ""
        var point = 0
        var seenPoint = false
        for c in mantissa {
            if c == "." { seenPoint = true; continue }
            digits.append(c)
            if !seenPoint { point += 1 }
        }
        // Strip leading zeros (moving the point) and trailing zeros.
        while digits.first == "0" && digits.count > 1 {
            digits.removeFirst()
            point -= 1
        }
        while digits.last == "0" && digits.count > 1 { digits.removeLast() }
        let length = digits.count
        let kk = point + exponent          // position of the decimal point in ryu's terms
        let k = kk - length                // value = digits × 10^k
        var out = value.sign == .minus ? "-" : ""
        if k >= 0 && kk <= 16 {
            out += digits + String(repeating: "0", count: k) + ".0"
        } else if kk > 0 && kk <= 16 {
            let split = digits.index(digits.startIndex, offsetBy: kk)
            out += digits[..<split] + "." + digits[split...]
        } else if kk > -5 && kk <= 0 {
            out += "0." + String(repeating: "0", count: -kk) + digits
        } else if length == 1 {
            out += digits + "e" + String(kk - 1)
        } else {
            out += String(digits.first!) + "." + digits.dropFirst() + "e" + String(kk - 1)
        }
        return out
    }
}

private extension Substring {
    func replacingPlus() -> Substring { first == "+" ? dropFirst() : self }
}
