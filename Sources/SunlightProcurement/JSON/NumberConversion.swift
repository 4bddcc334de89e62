#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Converting scanned JSON number bytes to `Double`, correctly rounded.
///
/// Cardinal reads amounts with serde_json (`as_f64`), which rounds correctly. The fast path
/// (Clinger's: at most 15 significant digits and a power of ten up to 10^22, both exact in
/// binary, so one multiplication or division rounds correctly) covers nearly every amount in
/// procurement data; anything else goes through `strtod`, also correctly rounded.
enum NumberConversion {
    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    static func double(_ bytes: UnsafeBufferPointer<UInt8>) -> Double {
        var i = 0
        let n = bytes.count
        var negative = false
        if i < n && bytes[i] == UInt8(ascii: "-") { negative = true; i += 1 }
        var significand: UInt64 = 0
        var significantDigits = 0
        var scale = 0
        var inFraction = false
        var fastPath = true
        while i < n {
            let b = bytes[i]
            if b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") {
                if significand != 0 || b != UInt8(ascii: "0") {
                    significantDigits += 1
                    if significantDigits > 15 { fastPath = false; break }
                    significand = significand * 10 + UInt64(b - UInt8(ascii: "0"))
                }
                if inFraction { scale -= 1 }
            } else if b == UInt8(ascii: ".") {
                inFraction = true
            } else {
                break
            }
            i += 1
        }
        if fastPath && i < n {
            // Exponent part.
            i += 1 // e or E
            var expNegative = false
            if i < n && (bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-")) {
                expNegative = bytes[i] == UInt8(ascii: "-")
                i += 1
            }
            var e = 0
            while i < n {
                e = e * 10 + Int(bytes[i] - UInt8(ascii: "0"))
                if e > 400 { fastPath = false; break }
                i += 1
            }
            scale += expNegative ? -e : e
        }
        if fastPath && scale >= -22 && scale <= 22 {
            var value = Double(significand)
            if scale >= 0 { value *= powersOfTen[scale] } else { value /= powersOfTen[-scale] }
            return negative ? -value : value
        }
        return slowPath(bytes)
    }

    private static func slowPath(_ bytes: UnsafeBufferPointer<UInt8>) -> Double {
        var buffer = [CChar](repeating: 0, count: bytes.count + 1)
        for k in 0..<bytes.count { buffer[k] = CChar(bitPattern: bytes[k]) }
        return buffer.withUnsafeBufferPointer { strtod($0.baseAddress!, nil) }
    }
}
