/// A resident identity number (居民身份证号码) under GB 11643-1999.
///
/// The ID is the key that links a benefit recipient to officials, relatives, companies, vehicles
/// and death records, so every ID is brought to one canonical 18-character form before it is
/// stored or compared: folded to ASCII, upper-case `X`, legacy 15-digit numbers upgraded.
/// A parsed `ResidentID` is always valid: 17 digits, the right ISO 7064 MOD 11-2 check
/// character, and a real birth date between 1900-01-01 and the as-of date.
public struct ResidentID: Hashable, Sendable, Codable, CustomStringConvertible {
    /// 18 characters: 17 digits and a check character `0`–`9` or upper-case `X`.
    public let value: String

    private init(validated value: String) {
        self.value = value
    }

    public var description: String { value }

    private var ascii: [UInt8] { Array(value.utf8) }

    /// Digits 7–14, `YYYYMMDD`.
    public var birthDate: LocalDate {
        let d = ascii.map { Int($0) - 48 }
        let year = d[6] * 1000 + d[7] * 100 + d[8] * 10 + d[9]
        return LocalDate(uncheckedYear: year, month: d[10] * 10 + d[11], day: d[12] * 10 + d[13])
    }

    /// The 17th character (the sequence code's last digit) is odd for men, even for women.
    public var isMale: Bool { (Int(ascii[16]) - 48) % 2 == 1 }

    /// The first six digits: the administrative division (行政区划代码) where it was first issued.
    public var regionCode: String { String(value.prefix(6)) }

    /// Completed years of age on `date` ("ages are completed years on the first day of the period").
    public func age(on date: LocalDate) -> Int {
        birthDate.completedYears(on: date)
    }

    /// ISO 7064 MOD 11-2 weights, 2^(17−i) mod 11 for positions 1…17.
    private static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    private static let checkCharacters: [Character] = ["1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2"]

    /// The check character for the first 17 characters, or nil if they are not 17 ASCII digits.
    public static func checkCharacter(for first17: String) -> Character? {
        let bytes = Array(first17.utf8)
        guard bytes.count == 17, bytes.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        var sum = 0
        for (i, b) in bytes.enumerated() { sum += (Int(b) - 48) * weights[i] }
        return checkCharacters[sum % 11]
    }

    /// The form stored for a raw ID that is kept even when invalid (a forged ID is itself
    /// evidence, rule `benefit.invalid_id`): folded, trimmed, upper-cased. A 15-digit ID stays 15.
    public static func stored(_ raw: String) -> String {
        TextFolding.fold(raw).uppercased()
    }

    /// Folds (`TextFolding.fold`, upper-case), upgrades a 15-digit legacy ID to 18 (inserting
    /// `19` after the 6-digit region and computing the check character — legacy IDs were issued to
    /// people born in the 1900s and had no check character), then validates.
    ///
    /// Checks run in order, and the first failure is reported: `"id_number.empty"`,
    /// `"id_number.length"` (not 15 or 18 characters), `"id_number.format"` (not digits, or a
    /// check character other than a digit or X), `"id_number.checksum"`, `"id_number.birth_date"`
    /// (no such day, before 1900-01-01, or after `asOf`, which defaults to today in China).
    public static func parse(_ raw: String, asOf: LocalDate? = nil) throws(ValueError) -> ResidentID {
        if let id = alreadyCanonical(raw, asOf: asOf) { return id }
        let text = stored(raw)
        guard !text.isEmpty else {
            throw ValueError(code: "id_number.empty", messageZh: "身份证号码为空", messageEn: "the ID number is empty")
        }
        let scalars = Array(text.unicodeScalars)
        guard scalars.count == 15 || scalars.count == 18 else {
            throw ValueError(
                code: "id_number.length",
                messageZh: "身份证号码“\(text)”长度为 \(scalars.count) 位，应为 18 位（或 15 位旧号码）",
                messageEn: "ID number \"\(text)\" has \(scalars.count) characters; expected 18 (or a legacy 15-digit number)")
        }
        guard scalars.allSatisfy(\.isASCII) else { throw formatError(text) }
        var bytes = scalars.map { UInt8($0.value) }
        let isDigit: (UInt8) -> Bool = { $0 >= 48 && $0 <= 57 }
        if bytes.count == 15 {
            guard bytes.allSatisfy(isDigit) else { throw formatError(text) }
            bytes.insert(contentsOf: Array("19".utf8), at: 6)
            let check = checkCharacter(for: String(decoding: bytes, as: UTF8.self))!
            bytes.append(contentsOf: Array(String(check).utf8))
        } else {
            guard bytes.prefix(17).allSatisfy(isDigit), isDigit(bytes[17]) || bytes[17] == UInt8(ascii: "X") else {
                throw formatError(text)
            }
            let expected = checkCharacter(for: String(decoding: bytes.prefix(17), as: UTF8.self))!
            guard Character(UnicodeScalar(bytes[17])) == expected else {
                throw ValueError(
                    code: "id_number.checksum",
                    messageZh: "身份证号码“\(text)”校验位错误：第 18 位应为 \(expected)",
                    messageEn: "ID number \"\(text)\" fails its checksum: the 18th character should be \(expected)")
            }
        }
        let value = String(decoding: bytes, as: UTF8.self)
        let d = bytes.map { Int($0) - 48 }
        let year = d[6] * 1000 + d[7] * 100 + d[8] * 10 + d[9]
        let month = d[10] * 10 + d[11]
        let day = d[12] * 10 + d[13]
        let limit = asOf ?? LocalDate.today()
        guard let birth = LocalDate(year: year, month: month, day: day),
              birth >= LocalDate(uncheckedYear: 1900, month: 1, day: 1), birth <= limit else {
            let digits = value.dropFirst(6).prefix(8)
            throw ValueError(
                code: "id_number.birth_date",
                messageZh: "身份证号码“\(text)”中的出生日期 \(digits) 不是 1900-01-01 至 \(limit.iso) 之间的真实日期",
                messageEn: "ID number \"\(text)\" has birth date \(digits), which is not a real date between 1900-01-01 and \(limit.iso)")
        }
        return ResidentID(validated: value)
    }

    /// The common case of an import, checked on the bytes without intermediate strings: `raw`
    /// is already the canonical form (17 ASCII digits and the right check character, `X`
    /// upper-case) with a valid birth date, so folding and upper-casing would not change it.
    /// Anything else, valid or not, takes the full path in `parse`, which words the errors.
    private static func alreadyCanonical(_ raw: String, asOf: LocalDate?) -> ResidentID? {
        let valid = raw.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard bytes.count == 18 else { return false }
            var sum = 0
            for position in 0..<17 {
                let digit = Int(bytes[position]) &- 48
                guard digit >= 0 && digit <= 9 else { return false }
                sum += digit * weights[position]
            }
            guard bytes[17] == checkBytes[sum % 11] else { return false }
            guard let year = DateParsing.digits(bytes, 6..<10), let month = DateParsing.digits(bytes, 10..<12),
                  let day = DateParsing.digits(bytes, 12..<14),
                  let birth = LocalDate(year: year, month: month, day: day) else { return false }
            return birth >= LocalDate(uncheckedYear: 1900, month: 1, day: 1) && birth <= (asOf ?? LocalDate.today())
        }
        return valid == true ? ResidentID(validated: raw) : nil
    }

    private static let checkBytes: [UInt8] = Array("10X98765432".utf8)

    private static func formatError(_ text: String) -> ValueError {
        ValueError(
            code: "id_number.format",
            messageZh: "身份证号码“\(text)”格式错误：前 17 位应为数字，第 18 位应为数字或 X",
            messageEn: "ID number \"\(text)\" is malformed: the first 17 characters must be digits and the 18th a digit or X")
    }

    /// Codable as the 18-character string; decoding re-validates it.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let raw = try container.decode(String.self)
        do {
            self = try ResidentID.parse(raw)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.messageEn)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
