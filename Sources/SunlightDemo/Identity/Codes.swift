import SunlightDomain

/// Unified social credit codes (GB 32100): `9` (market regulation) + `1` (enterprise) + the
/// 6-digit region + a 9-character organisation code (8 digits + its GB 11714 check character)
/// + the MOD 31 check character.
enum USCCFactory {
    static func make(region: String, serial: Int) -> String {
        // A bijective scramble of the serial keeps codes unique but not consecutive.
        let body = (UInt64(serial) &* 48_271 &+ 13_579_113) % 100_000_000
        var digits = String(body)
        digits = String(repeating: "0", count: 8 - digits.count) + digits
        let weights = [3, 7, 9, 10, 5, 8, 4, 2]
        var sum = 0
        for (i, c) in digits.enumerated() { sum += Int(String(c))! * weights[i] }
        let c9 = 11 - sum % 11
        let orgCheck = c9 == 10 ? "X" : c9 == 11 ? "0" : String(c9)
        let first17 = "91" + region + digits + orgCheck
        return first17 + String(USCC.checkCharacter(for: first17)!)
    }
}

/// Bank accounts, phone numbers, plates, device identifiers and IP addresses, each unique by
/// construction (derived from a running serial) so that no two parties share one by accident.
struct CodeFactory {
    let countyIndex: Int
    private var accountSerial = 0
    private var phoneSerial = 0
    private var plateSerial = 0
    private var deviceSerial = 0
    private var ipSerial = 0

    init(countyIndex: Int) { self.countyIndex = countyIndex }

    /// A 19-digit bank card number (`6217 99…` county bank BIN), unique in the whole demo.
    mutating func personalAccount() -> String {
        accountSerial += 1
        let n = (UInt64(accountSerial) &* 7_919 &+ 104_729) % 1_000_000_000
        return "62179" + pad(countyIndex, 2) + "1" + pad(Int(n), 9) + pad(accountSerial % 97, 2)
    }

    /// A company settlement account (基本户), unique in the whole demo.
    mutating func companyAccount() -> String {
        accountSerial += 1
        let n = (UInt64(accountSerial) &* 6_151 &+ 2_718) % 1_000_000_000
        return "3602" + pad(countyIndex, 2) + "2" + pad(Int(n), 9) + pad(accountSerial % 89, 2)
    }

    /// An 11-digit mobile number, unique in the whole demo.
    mutating func mobile() -> String {
        phoneSerial += 1
        let prefixes = ["138", "139", "135", "136", "137", "150", "151", "152", "158", "159", "186", "187", "188", "177", "180", "181", "189", "133", "153"]
        let p = prefixes[phoneSerial % prefixes.count]
        let n = (UInt64(phoneSerial) &* 7_907 &+ 31_337) % 1_000_000
        return p + pad(countyIndex + 10, 2) + pad(Int(n), 6)
    }

    /// A landline such as `0797-6123456`.
    mutating func landline() -> String {
        phoneSerial += 1
        let n = (UInt64(phoneSerial) &* 3_571 &+ 1_234) % 1_000_000
        return "079\(countyIndex % 10)-6" + pad(Int(n), 6)
    }

    /// A plate such as `赣X3K7Q2`, unique in the whole demo (one letter per county).
    mutating func plate(letter: String) -> String {
        plateSerial += 1
        let alphabet = Array("0123456789ABCDEFGHJKLMNPQRSTUVWXYZ")
        var n = (UInt64(plateSerial) &* 1_046_527) % 33_554_432   // 34^5 > 2^25, bijective mod 2^25
        var s = ""
        for _ in 0..<5 { s.append(alphabet[Int(n % 34)]); n /= 34 }
        return "赣" + letter + s
    }

    /// A MAC address, unique in the whole demo.
    mutating func device(_ rng: inout DemoRNG) -> String {
        deviceSerial += 1
        let vendors = ["3C-97-0E", "00-E0-4C", "F4-8E-38", "B0-6E-BF", "54-E1-AD", "D8-BB-C1", "74-D4-35"]
        let v = rng.pick(vendors)
        let n = (countyIndex << 16) | deviceSerial
        return v + "-" + hex2((n >> 16) & 0xFF) + "-" + hex2((n >> 8) & 0xFF) + "-" + hex2(n & 0xFF)
    }

    /// A public IPv4 address, unique in the whole demo.
    mutating func ip() -> String {
        ipSerial += 1
        let n = (UInt64(ipSerial) &* 40_503) % 16_777_216
        let a = [59, 61, 106, 117, 182, 218, 223][countyIndex % 7]
        return "\(a).\((n >> 16) & 0xFF).\((n >> 8) & 0xFF).\(n & 0xFF)"
    }

    private func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? String(s.suffix(width)) : String(repeating: "0", count: width - s.count) + s
    }

    private func hex2(_ n: Int) -> String {
        let h = String(n, radix: 16, uppercase: true)
        return h.count == 1 ? "0" + h : h
    }
}
