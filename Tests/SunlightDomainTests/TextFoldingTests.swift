import Testing
import SunlightDomain

@Suite struct TextFoldingTests {
    @Test func foldsFullWidthAndTrims() {
        #expect(TextFolding.fold("　１２３ＡＢｃ　") == "123ABc")
        #expect(TextFolding.fold("\u{FEFF} abc \n") == "abc")
        #expect(TextFolding.fold("（元）") == "(元)")
        #expect(TextFolding.fold("a\u{3000}b") == "a b")      // inner spaces are kept
        #expect(TextFolding.fold("") == "")
        #expect(TextFolding.fold("　") == "")
    }

    @Test func headerKeys() {
        #expect(TextFolding.headerKey("金额（元）") == "金额")
        #expect(TextFolding.headerKey(" 金额 (元) ") == "金额")
        #expect(TextFolding.headerKey("比例(%)") == "比例")
        #expect(TextFolding.headerKey("比例（％）") == "比例")
        #expect(TextFolding.headerKey("Amount_Yuan") == "amount_yuan")
        #expect(TextFolding.headerKey("ＩＤ　Ｎｕｍｂｅｒ") == "idnumber")
        #expect(TextFolding.headerKey("身份证号") == "身份证号")
        // Only one trailing unit is stripped, and a bare parenthesised header is kept.
        #expect(TextFolding.headerKey("金额(万元)(元)") == "金额(万元)")
        #expect(TextFolding.headerKey("(元)") == "(元)")
        #expect(TextFolding.headerKey("a(b)c") == "a(b)c")
    }
}
