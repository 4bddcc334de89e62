/// Strict UTF-8 validation over raw bytes.
///
/// Written by hand (rather than `String(validating:as:)`) because it must also say whether an
/// invalid ending is merely a *truncated* sequence — the encoding-detection sample is cut at a
/// fixed size and may end in the middle of a character — and because it must run on the
/// package's minimum macOS as well as Linux.
enum UTF8Validation {
    enum Outcome: Equatable {
        case valid
        /// Valid up to `at`; the bytes from `at` to the end are a proper prefix of a valid sequence.
        case truncated(at: Int)
        case invalid
    }

    static func validate(_ bytes: UnsafeBufferPointer<UInt8>) -> Outcome {
        let n = bytes.count
        guard let base = bytes.baseAddress else { return .valid }
        var i = 0
        while i < n {
            // ASCII fast path, eight bytes at a time.
            while i + 8 <= n {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 != 0 { break }
                i += 8
            }
            guard i < n else { break }
            let b0 = base[i]
            if b0 < 0x80 {
                i += 1
                continue
            }
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch b0 {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F  // no UTF-16 surrogates
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F  // nothing above U+10FFFF
            default: return .invalid
            }
            for k in 1..<length {
                if i + k >= n { return .truncated(at: i) }
                let b = base[i + k]
                if b < low || b > high { return .invalid }
                low = 0x80
                high = 0xBF
            }
            i += length
        }
        return .valid
    }

    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        validate(bytes) == .valid
    }
}
