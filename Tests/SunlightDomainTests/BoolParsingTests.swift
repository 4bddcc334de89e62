import Testing
import SunlightDomain

@Suite struct BoolParsingTests {
    @Test(arguments: ["是", "Y", "y", "yes", "YES", "true", "True", "1", "１", "Ｙ", " 是 "])
    func trueForms(_ text: String) throws {
        #expect(try BoolParsing.bool(text) == true)
    }

    @Test(arguments: ["否", "N", "n", "no", "No", "false", "FALSE", "0", "０"])
    func falseForms(_ text: String) throws {
        #expect(try BoolParsing.bool(text) == false)
    }

    @Test func rejectsEverythingElse() {
        for text in ["", "2", "maybe", "是的", "t", "yes!"] {
            #expect(code { try BoolParsing.bool(text) } == "bool.invalid", "\(text)")
        }
    }
}
