import Foundation
import Testing
import SunlightDomain

@Suite struct USCCTests {
    @Test func acceptsValidCodes() throws {
        #expect(try USCC.parse("91110000600037341L").value == "91110000600037341L")
        #expect(try USCC.parse("91350100M000100Y43").value == "91350100M000100Y43")
        #expect(USCC.checkCharacter(for: "91350100M000100Y4") == "3")
        #expect(USCC.checkCharacter(for: "91110000600037341") == "L")
    }

    @Test func foldsCaseAndWidth() throws {
        #expect(try USCC.parse(" 91110000600037341l ").value == "91110000600037341L")
        #expect(try USCC.parse("９１３５０１００Ｍ０００１００Ｙ４３").value == "91350100M000100Y43")
    }

    @Test func rejectsBrokenChecksum() {
        #expect(code { try USCC.parse("91110000600037341M") } == "uscc.checksum")
        #expect(code { try USCC.parse("91350100M000100Y44") } == "uscc.checksum")
        #expect(code { try USCC.parse("91350100M000100Y34") } == "uscc.checksum")   // transposed
    }

    @Test func rejectsCharactersOutsideTheCodeSet() {
        for bad in ["I", "O", "Z", "S", "V"] {
            let text = "91350100M000100Y4" + bad
            #expect(code { try USCC.parse(text) } == "uscc.format", "\(text)")
        }
        #expect(code { try USCC.parse("91350100O000100Y43") } == "uscc.format")
        #expect(code { try USCC.parse("91350100-000100Y43") } == "uscc.format")
    }

    @Test func rejectsWrongLength() {
        #expect(code { try USCC.parse("") } == "uscc.empty")
        #expect(code { try USCC.parse("91110000600037341") } == "uscc.length")
        #expect(code { try USCC.parse("91110000600037341LL") } == "uscc.length")
    }

    @Test func codableAsTheString() throws {
        let value = try USCC.parse("91350100M000100Y43")
        let data = try JSONEncoder().encode(value)
        #expect(String(decoding: data, as: UTF8.self) == #""91350100M000100Y43""#)
        #expect(try JSONDecoder().decode(USCC.self, from: data) == value)
    }
}
