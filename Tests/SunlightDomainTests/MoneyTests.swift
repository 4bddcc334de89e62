import Testing
import SunlightDomain

@Suite struct MoneyTests {
    @Test func parsesYuanToFen() throws {
        #expect(try Money.parseFen("1,200.50") == 120_050)
        #expect(try Money.parseFen("1200") == 120_000)
        #expect(try Money.parseFen("1,200.5") == 120_050)
        #expect(try Money.parseFen("1200.50") == 120_050)
        #expect(try Money.parseFen("￥3") == 300)
        #expect(try Money.parseFen("¥12") == 1_200)
        #expect(try Money.parseFen("￥1,200.00") == 120_000)
        #expect(try Money.parseFen("12元") == 1_200)
        #expect(try Money.parseFen("12 元") == 1_200)
        #expect(try Money.parseFen("12元整") == 1_200)
        #expect(try Money.parseFen("0.1") == 10)
        #expect(try Money.parseFen("0.01") == 1)
        #expect(try Money.parseFen(".5") == 50)
        #expect(try Money.parseFen("１，２００．５０") == 120_050)   // full-width digits and punctuation
        #expect(try Money.parseFen(" 1,234,567.89 ") == 123_456_789)
        #expect(try Money.parseFen("1.230") == 123)                  // trailing zeros are exact
        #expect(try Money.parseFen("0") == 0)
        #expect(try Money.parseFen("-0") == 0)                       // zero is not negative
    }

    @Test func rejectsFractionsOfAFen() {
        #expect(code { try Money.parseFen("1.234") } == "money.precision")
        #expect(code { try Money.parseFen("0.001") } == "money.precision")
    }

    @Test func negativesOnlyWhenAllowed() throws {
        #expect(code { try Money.parseFen("-5") } == "money.negative")
        #expect(try Money.parseFen("-5", allowNegative: true) == -500)
        #expect(try Money.parseFen("-￥1,200.50", allowNegative: true) == -120_050)
        #expect(try Money.parseFen("¥-3", allowNegative: true) == -300)
        #expect(try Money.parseFen("+3") == 300)
    }

    @Test(arguments: ["abc", "", "   ", "12abc", "1.2.3", "1,2", "1,2345", "12,34.5", ",123", "1e3", "--5",
                      "¥¥5", "5 6", "元", "¥", ".", "1 .5", "0x10", "NaN"])
    func rejectsNonNumbers(_ text: String) {
        #expect(code { try Money.parseFen(text) } == "money.invalid")
    }

    @Test func guardsAgainstOverflow() throws {
        #expect(try Money.parseFen("92233720368547758.07") == Int64.max)
        #expect(code { try Money.parseFen("92233720368547758.08") } == "money.overflow")
        #expect(code { try Money.parseFen("99999999999999999999999999") } == "money.overflow")
        #expect(try Money.parseFen("-92233720368547758.07", allowNegative: true) == -Int64.max)
    }

    @Test func excelNumbersExactly() throws {
        #expect(try Money.parseExcelFen("1200.5") == 120_050)
        #expect(try Money.parseExcelFen("1.2E3") == 120_000)
        #expect(try Money.parseExcelFen("1.2e+3") == 120_000)
        #expect(try Money.parseExcelFen("3.5E-1") == 35)
        #expect(try Money.parseExcelFen("0") == 0)
        #expect(try Money.parseExcelFen("1200") == 120_000)
        // Binary noise of a double, beyond Excel's 15 significant digits, is normalised away.
        #expect(try Money.parseExcelFen("1200.4999999999998") == 120_050)
        #expect(try Money.parseExcelFen("0.30000000000000004") == 30)
        #expect(try Money.parseExcelFen("99.989999999999995") == 9_999)
        // A real third decimal is not.
        #expect(code { try Money.parseExcelFen("1200.505") } == "money.precision")
        #expect(code { try Money.parseExcelFen("1E-3") } == "money.precision")
        #expect(code { try Money.parseExcelFen("-5") } == "money.negative")
        #expect(try Money.parseExcelFen("-5.25", allowNegative: true) == -525)
        #expect(code { try Money.parseExcelFen("1E20") } == "money.overflow")
        #expect(code { try Money.parseExcelFen("1E999999") } == "money.overflow")
        #expect(code { try Money.parseExcelFen("1,200") } == "money.invalid")
        #expect(code { try Money.parseExcelFen("12abc") } == "money.invalid")
        #expect(code { try Money.parseExcelFen("1E") } == "money.invalid")
        #expect(code { try Money.parseExcelFen("") } == "money.invalid")
    }

    @Test func formatsYuan() throws {
        #expect(Money.formatYuan(120_000) == "1200.00")
        #expect(Money.formatYuan(120_050) == "1200.50")
        #expect(Money.formatYuan(-50) == "-0.50")
        #expect(Money.formatYuan(7) == "0.07")
        #expect(Money.formatYuan(0) == "0.00")
        #expect(Money.formatYuan(Int64.max) == "92233720368547758.07")
        #expect(Money.formatYuan(Int64.min) == "-92233720368547758.08")
        for fen: Int64 in [0, 1, 99, 100, 123_456_789, -1, -120_050] {
            #expect(try Money.parseFen(Money.formatYuan(fen), allowNegative: true) == fen)
        }
    }
}
