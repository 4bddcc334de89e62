import Foundation

/// The 16-digit code a reporter gets once, on submitting a report: with it alone they follow
/// the report, read replies and add information. It is the reporter's only key, so it is
/// random (≈ 53 bits, drawn from the system's CSPRNG), shown once, and never stored: the server
/// keeps a slow salted hash to find the report (`ReceiptHasher`) and a key wrapped under it.
///
/// Written in four groups of four digits so it can be read out on the phone and copied by hand;
/// parsing accepts spaces, hyphens and full-width digits, as people type them.
public struct ReceiptCode: Sendable, Equatable, CustomStringConvertible {
    /// The 16 digits, without separators.
    public let digits: String

    public static let length = 16

    /// A fresh random code.
    public static func generate() -> ReceiptCode {
        var generator = SystemRandomNumberGenerator()
        var digits = ""
        digits.reserveCapacity(length)
        for _ in 0..<length { digits.append(Character(String(Int.random(in: 0...9, using: &generator)))) }
        return ReceiptCode(validDigits: digits)
    }

    private init(validDigits: String) { self.digits = validDigits }

    /// Parses what a reporter typed; `nil` unless exactly 16 digits remain once spaces,
    /// hyphens and other separators are removed.
    public init?(_ text: String) {
        var digits = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x30...0x39: digits.unicodeScalars.append(scalar)
            case 0xFF10...0xFF19: digits.unicodeScalars.append(Unicode.Scalar(scalar.value - 0xFF10 + 0x30)!)  // full-width
            case 0x20, 0x2D, 0x3000, 0xFF0D, 0x2010...0x2015, 0x09: continue
            default: return nil
            }
        }
        guard digits.count == Self.length else { return nil }
        self.digits = digits
    }

    /// `1234 5678 9012 3456`.
    public var grouped: String {
        stride(from: 0, to: Self.length, by: 4).map { start in
            let from = digits.index(digits.startIndex, offsetBy: start)
            return String(digits[from..<digits.index(from, offsetBy: 4)])
        }.joined(separator: " ")
    }

    public var description: String { "ReceiptCode(****)" }   // never the digits, even in a log line by mistake
}
