/// Amounts of money as integer fen (分, 0.01 yuan).
///
/// Rules compare amounts exactly (a project 10 % over budget is not an overrun, 10.01 % is), and
/// sums over thousands of payments must not drift, so no floating point is used anywhere: text
/// is parsed digit by digit into an `Int64` count of fen, with every step checked for overflow.
public enum Money {
    /// Yuan text → integer fen.
    ///
    /// Accepts `1200`, `1,200.5`, `1200.50`, `￥1,200.00`, `¥12`, `12元`, `12元整`, full-width
    /// digits, and a leading `-` (or `+`) before or after the currency sign. Commas must be
    /// thousands separators (`1,2` is rejected: it might be a European decimal comma). Trailing
    /// zeros beyond the fen are harmless (`1.230` = 123 fen); any other third decimal is rejected,
    /// since silently rounding an amount would alter evidence.
    ///
    /// Errors: `"money.invalid"` (empty or not a number), `"money.negative"` (a minus sign when
    /// `allowNegative` is false; `-0` is zero and accepted), `"money.precision"` (fractions of a
    /// fen), `"money.overflow"` (beyond `Int64.max` fen).
    public static func parseFen(_ raw: String, allowNegative: Bool = false) throws(ValueError) -> Int64 {
        let text = TextFolding.fold(raw)
        var s = ScalarScanner(text)
        var negative = false
        var sawSign = false
        var sawCurrency = false
        // Prefix: currency sign and/or arithmetic sign, in either order, spaces allowed.
        while let next = s.peek {
            if next == "¥" || next == "￥" {
                guard !sawCurrency else { throw invalid(text) }
                sawCurrency = true
            } else if next == "-" || next == "+" || next == "\u{2212}" {
                guard !sawSign else { throw invalid(text) }
                sawSign = true
                negative = next != "+"
            } else if next.properties.isWhitespace, sawSign || sawCurrency {
                // a space after "¥" or "-"
            } else {
                break
            }
            s.position += 1
        }
        let integerDigits = try integerPart(&s, text: text)
        var fractionDigits: [UInt8] = []
        if s.take(".") { fractionDigits = s.digitRun() }
        guard !integerDigits.isEmpty || !fractionDigits.isEmpty else { throw invalid(text) }
        // Suffix: the yuan character, optionally 元整 ("exactly"), spaces allowed before it.
        s.skipSpaces()
        if s.take("元") { _ = s.take("整") }
        guard s.isAtEnd else { throw invalid(text) }

        if fractionDigits.dropFirst(2).contains(where: { $0 != 0 }) {
            throw ValueError(code: "money.precision",
                             messageZh: "金额“\(text)”超过两位小数：最小单位为分",
                             messageEn: "amount \"\(text)\" has more than 2 decimal places: the smallest unit is the fen")
        }
        var fen: Int64 = 0
        for digit in integerDigits + [fractionDigits.first ?? 0, fractionDigits.dropFirst().first ?? 0] {
            let (times10, o1) = fen.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(Int64(digit))
            guard !o1, !o2 else { throw overflow(text) }
            fen = sum
        }
        if negative && fen != 0 {
            guard allowNegative else {
                throw ValueError(code: "money.negative",
                                 messageZh: "金额“\(text)”为负数，此处不允许负数",
                                 messageEn: "amount \"\(text)\" is negative, which is not allowed here")
            }
            return -fen
        }
        return fen
    }

    /// Digits of the integer part, with optional thousands separators checked for proper grouping.
    private static func integerPart(_ s: inout ScalarScanner, text: String) throws(ValueError) -> [UInt8] {
        var digits = s.digitRun()
        guard s.peek == "," else { return digits }
        guard (1...3).contains(digits.count) else { throw invalid(text) }
        while s.take(",") {
            let group = s.digitRun()
            guard group.count == 3 else { throw invalid(text) }
            digits += group
        }
        return digits
    }

    /// Excel numeric cell text (the `<v>` of an XLSX number cell, e.g. `1200.5`, `1.2E3`,
    /// `-3.5E-1`) → fen, exactly.
    ///
    /// Excel keeps numbers as binary doubles and writes their shortest decimal spelling, so a sum
    /// typed as 1200.5 may arrive as `1200.4999999999998`. Excel itself shows at most 15
    /// significant digits, so the value is first normalised to 15 significant digits (decimal
    /// rounding, half up, on the digits themselves — never through `Double`) and trailing zeros
    /// are dropped; only then is a third decimal rejected (`"money.precision"`). The arithmetic
    /// is on integers rather than `Decimal`, whose string initialiser accepts trailing garbage
    /// (`"12abc"` → 12). Other errors as in `parseFen`.
    public static func parseExcelFen(_ cellText: String, allowNegative: Bool = false) throws(ValueError) -> Int64 {
        let text = TextFolding.fold(cellText)
        var s = ScalarScanner(text)
        var negative = false
        if let sign = s.take(anyOf: ["-", "+"]) { negative = sign == "-" }
        var mantissa = s.digitRun()
        var scale = 0   // value = mantissa × 10^(-scale)
        if s.take(".") {
            let fraction = s.digitRun()
            mantissa += fraction
            scale = fraction.count
        }
        guard !mantissa.isEmpty else { throw invalid(text) }
        if s.take(anyOf: ["e", "E"]) != nil {
            var exponentNegative = false
            if let sign = s.take(anyOf: ["-", "+"]) { exponentNegative = sign == "-" }
            let exponentDigits = s.digitRun()
            guard !exponentDigits.isEmpty else { throw invalid(text) }
            // Beyond a few hundred the value is either zero-ish or far past Int64: cap it.
            let exponent = min(ScalarScanner.value(of: exponentDigits.drop(while: { $0 == 0 }).prefix(4)), 1000)
            scale += exponentNegative ? exponent : -exponent
        }
        guard s.isAtEnd else { throw invalid(text) }

        mantissa = Array(mantissa.drop(while: { $0 == 0 }))
        if mantissa.count > 15 {
            let dropped = mantissa.count - 15
            let roundUp = mantissa[15] >= 5
            mantissa = Array(mantissa.prefix(15))
            scale -= dropped
            if roundUp {
                var i = mantissa.count - 1
                while i >= 0 {
                    if mantissa[i] == 9 { mantissa[i] = 0; i -= 1 } else { mantissa[i] += 1; break }
                }
                if i < 0 { mantissa.insert(1, at: 0) }
            }
        }
        while let last = mantissa.last, last == 0 {
            mantissa.removeLast()
            scale -= 1
        }
        if mantissa.isEmpty { return 0 }
        guard scale <= 2 else {
            throw ValueError(code: "money.precision",
                             messageZh: "金额“\(text)”超过两位小数：最小单位为分",
                             messageEn: "amount \"\(text)\" has more than 2 decimal places: the smallest unit is the fen")
        }
        // value in fen = mantissa × 10^(2 - scale)
        let zeros = 2 - scale
        guard mantissa.count + zeros <= 19 else { throw overflow(text) }
        var fen: Int64 = 0
        for digit in mantissa + Array(repeating: 0, count: zeros) {
            let (times10, o1) = fen.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(Int64(digit))
            guard !o1, !o2 else { throw overflow(text) }
            fen = sum
        }
        if negative {
            guard allowNegative else {
                throw ValueError(code: "money.negative",
                                 messageZh: "金额“\(text)”为负数，此处不允许负数",
                                 messageEn: "amount \"\(text)\" is negative, which is not allowed here")
            }
            return -fen
        }
        return fen
    }

    /// Fen → yuan text with exactly two decimals and no separators: `"1200.00"`, `"-0.50"`.
    /// This is the stored and exported spelling (it parses back with `parseFen`).
    public static func formatYuan(_ fen: Int64) -> String {
        let magnitude = fen.magnitude   // UInt64, so Int64.min is fine
        let yuan = magnitude / 100
        let cents = magnitude % 100
        return (fen < 0 ? "-" : "") + String(yuan) + "." + (cents < 10 ? "0" : "") + String(cents)
    }

    private static func invalid(_ text: String) -> ValueError {
        if text.isEmpty {
            return ValueError(code: "money.invalid", messageZh: "金额为空", messageEn: "the amount is empty")
        }
        return ValueError(
            code: "money.invalid",
            messageZh: "无法识别的金额“\(text)”：应为以元为单位的数字，如 1200、1,200.50 或 ￥1200.00",
            messageEn: "unrecognised amount \"\(text)\": expected a number of yuan such as 1200, 1,200.50 or ¥1200.00")
    }

    private static func overflow(_ text: String) -> ValueError {
        ValueError(code: "money.overflow",
                   messageZh: "金额“\(text)”过大，超出可处理的范围",
                   messageEn: "amount \"\(text)\" is too large to be handled")
    }
}
