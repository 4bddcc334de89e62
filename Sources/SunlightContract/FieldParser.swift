import Foundation
import SunlightDomain

/// Turns a cell's text into a stored value, applying the contract's validation for the field's
/// type. The same parser serves spreadsheet imports, web forms and the JSON API, so a value
/// accepted by one is accepted by all.
public struct FieldParser: Sendable {
    /// The date against which birth dates are checked ("a real birth date up to today").
    public let asOf: LocalDate
    /// XLSX numeric cells carry Excel serial dates; CSV never does.
    public let acceptsExcelSerialDates: Bool

    public init(asOf: LocalDate = .today(), acceptsExcelSerialDates: Bool = false) {
        self.asOf = asOf
        self.acceptsExcelSerialDates = acceptsExcelSerialDates
    }

    /// Parses `raw` for `field`. Empty text is `.null` (the caller checks required fields).
    public func parse(_ raw: String, for field: Field) throws(ValueError) -> FieldValue {
        // Far too long whatever white space it holds: refused before folding a megabyte.
        if raw.utf8.count > Self.rawByteAllowance(field.maxLength) {
            throw Self.tooLong(field.maxLength)
        }
        // Most cells are already folded (see `TextFolding.isFolded`): no new string, no trimming.
        let isFolded = TextFolding.isFolded(raw)
        let folded = isFolded ? raw : TextFolding.fold(raw)
        if folded.isEmpty { return .null }
        // Characters are at most as many as UTF-8 bytes: count them only when the bytes exceed.
        if folded.utf8.count > field.maxLength, folded.count > field.maxLength {
            throw Self.tooLong(field.maxLength)
        }
        switch field.type {
        case .text:
            // A folded text has no white space at either end, so trimming would return it unchanged.
            return .text(isFolded ? raw : raw.trimmingCharacters(in: .whitespacesAndNewlines))
        case .date:
            // Already "YYYY-MM-DD" and a real day: stored as written (its `iso` is the same text).
            if DateParsing.canonicalISODate(folded) != nil { return .text(folded) }
            return .text(try parseDate(folded).iso)
        case .datetime:
            let instant = try DateParsing.instant(folded)
            return .text(Self.isoInstant(instant))
        case .money:
            return .integer(try Money.parseFen(folded))
        case .idNumber:
            return .text(try ResidentID.parse(folded, asOf: asOf).value)
        case .idNumberLenient:
            if let id = try? ResidentID.parse(folded, asOf: asOf) { return .text(id.value) }
            return .text(ResidentID.stored(folded))
        case .uscc:
            return .text(try USCC.parse(folded).value)
        case .partyCode:
            if let code = try? USCC.parse(folded) { return .text(code.value) }
            if let id = try? ResidentID.parse(folded, asOf: asOf) { return .text(id.value) }
            return .text(folded.uppercased())
        case .bool:
            return .bool(try BoolParsing.bool(folded))
        case .yearMonth:
            // Already "YYYY-MM" and a real month: stored as written (its `text` is the same).
            if DateParsing.canonicalYearMonth(folded) != nil { return .text(folded) }
            return .text(try DateParsing.yearMonth(folded).text)
        case .decimal:
            return .text(try Self.decimal(folded))
        case .integer:
            guard let value = Int64(folded) else {
                throw ValueError(code: "integer.invalid", messageZh: "不是整数", messageEn: "not a whole number")
            }
            return .integer(value)
        case .enumeration(let options):
            let key = Self.hasUpperCaseOrNonASCII(folded) ? folded.lowercased() : folded
            if let option = options.first(where: { Self.same($0.code, key) || Self.same($0.labelZh, folded) }) {
                return .text(option.code)
            }
            let allowed = options.map { "\($0.code)/\($0.labelZh)" }.joined(separator: ", ")
            throw ValueError(
                code: "enum.invalid",
                messageZh: "取值不在允许范围内（\(allowed)）",
                messageEn: "not one of the allowed values (\(allowed))"
            )
        }
    }

    /// The most UTF-8 bytes a raw value of a field limited to `maxLength` characters can have:
    /// four bytes per character plus 1 KiB of surrounding white space.
    static func rawByteAllowance(_ maxLength: Int) -> Int {
        maxLength * 4 + 1_024
    }

    /// `value.too_long`: the value has more characters than its field allows.
    static func tooLong(_ maxLength: Int) -> ValueError {
        ValueError(
            code: "value.too_long",
            messageZh: "内容过长：最多 \(maxLength) 个字符",
            messageEn: "too long: at most \(maxLength) characters")
    }

    /// `a == b` for an enumeration's spellings, lengths compared first: `==` compares non-ASCII
    /// text Unicode-aware on every mismatch, for each option of each row. Codes are ASCII and
    /// labels Chinese, which have no other canonically equivalent spelling of another length.
    @inline(__always)
    static func same(_ a: String, _ b: String) -> Bool {
        a.utf8.count == b.utf8.count && a == b
    }

    /// Whether `lowercased()` could change `text` (it cannot for lower-case ASCII, digits and marks).
    static func hasUpperCaseOrNonASCII(_ text: String) -> Bool {
        text.utf8.contains { $0 >= 0x80 || ($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z")) }
    }

    private func parseDate(_ folded: String) throws(ValueError) -> LocalDate {
        if acceptsExcelSerialDates, let serial = Double(folded), folded.allSatisfy({ $0.isNumber || $0 == "." }),
           !(folded.count == 8 && !folded.contains(".")),
           let date = DateParsing.excelSerialDate(serial) {
            return date
        }
        return try DateParsing.date(folded)
    }

    /// A decimal number as canonical text: no exponent, no trailing zeros after the point.
    static func decimal(_ folded: String) throws(ValueError) -> String {
        let cleaned = folded.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: ",", with: "")
        guard let value = Decimal(string: cleaned, locale: Locale(identifier: "en_US_POSIX")),
              cleaned.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" }) else {
            throw ValueError(code: "decimal.invalid", messageZh: "不是有效的数字", messageEn: "not a valid number")
        }
        if value < 0 {
            throw ValueError(code: "decimal.negative", messageZh: "不能为负数", messageEn: "must not be negative")
        }
        return NSDecimalNumber(decimal: value).stringValue
    }

    /// RFC 3339 in UTC with whole seconds: the one form instants are stored in.
    public static func isoInstant(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
