import Foundation
import Testing
import SunlightDomain

/// The as-of date used throughout, so that results never depend on the day the tests run.
private let asOf = LocalDate(year: 2025, month: 6, day: 30)!

@Suite struct ResidentIDTests {
    @Test func acceptsValidIDs() throws {
        let a = try ResidentID.parse("11010519491231002X", asOf: asOf)
        #expect(a.value == "11010519491231002X")
        #expect(a.birthDate == LocalDate(year: 1949, month: 12, day: 31))
        #expect(a.regionCode == "110105")
        #expect(a.isMale == false)          // 17th digit 2 is even

        let b = try ResidentID.parse("360426199101010071", asOf: asOf)
        #expect(b.birthDate == LocalDate(year: 1991, month: 1, day: 1))
        #expect(b.isMale == true)           // 17th digit 7 is odd
        #expect(b.regionCode == "360426")
        #expect(b.description == "360426199101010071")
    }

    @Test func checkCharacterFollowsISO7064() {
        #expect(ResidentID.checkCharacter(for: "11010519491231002") == "X")
        #expect(ResidentID.checkCharacter(for: "36042619910101007") == "1")
        #expect(ResidentID.checkCharacter(for: "1101051949123100") == nil)   // 16 characters
        #expect(ResidentID.checkCharacter(for: "1101051949123100A") == nil)
    }

    @Test func rejectsBrokenChecksum() {
        #expect(throws: ValueError.self) { try ResidentID.parse("110105194912310021", asOf: asOf) }
        #expect(code { try ResidentID.parse("110105194912310021", asOf: asOf) } == "id_number.checksum")
        #expect(code { try ResidentID.parse("360426199101010072", asOf: asOf) } == "id_number.checksum")
    }

    @Test func rejectsImpossibleBirthDateEvenWithRightCheckCharacter() {
        // 1949-02-30 does not exist; check character 0 is correct for these 17 digits, so only
        // the date is wrong.
        #expect(ResidentID.checkCharacter(for: "11010519490230002") == "0")
        #expect(code { try ResidentID.parse("110105194902300020", asOf: asOf) } == "id_number.birth_date")
        // Before 1900-01-01.
        #expect(code { try ResidentID.parse("110105189912310023", asOf: asOf) } == "id_number.birth_date")
        // After the as-of date.
        #expect(code { try ResidentID.parse("110105209912310029", asOf: asOf) } == "id_number.birth_date")
        // 29 February: real in 1948, not in 1949.
        #expect(code { try ResidentID.parse("110105194902290029", asOf: asOf) } == "id_number.birth_date")
        #expect((try? ResidentID.parse("110105194802290021", asOf: asOf)) != nil)
    }

    @Test func birthDateOnTheAsOfDateIsAccepted() throws {
        let first17 = "11010520250630002"
        let id = first17 + String(ResidentID.checkCharacter(for: first17)!)
        #expect(try ResidentID.parse(id, asOf: asOf).birthDate == asOf)
        #expect(code { try ResidentID.parse(id, asOf: asOf.adding(days: -1)) } == "id_number.birth_date")
    }

    @Test func rejectsWrongLengthAndFormat() {
        #expect(code { try ResidentID.parse("", asOf: asOf) } == "id_number.empty")
        #expect(code { try ResidentID.parse("   ", asOf: asOf) } == "id_number.empty")
        #expect(code { try ResidentID.parse("11010519491231002", asOf: asOf) } == "id_number.length")
        #expect(code { try ResidentID.parse("11010519491231002XX", asOf: asOf) } == "id_number.length")
        #expect(code { try ResidentID.parse("1101051949123100", asOf: asOf) } == "id_number.length")
        #expect(code { try ResidentID.parse("1101051949123100AX", asOf: asOf) } == "id_number.format")
        #expect(code { try ResidentID.parse("11010519491231002Y", asOf: asOf) } == "id_number.format")
        #expect(code { try ResidentID.parse("11010549123100X", asOf: asOf) } == "id_number.format")
        // 18 characters, one of them Chinese: a format error, not a length error.
        #expect(code { try ResidentID.parse("11010519491231002号", asOf: asOf) } == "id_number.format")
    }

    @Test func upgradesLegacy15DigitIDs() throws {
        let id = try ResidentID.parse("110105491231002", asOf: asOf)
        #expect(id.value == "11010519491231002X")
        #expect(id.birthDate == LocalDate(year: 1949, month: 12, day: 31))
        // A 15-digit ID with an impossible date is still rejected after the upgrade.
        #expect(code { try ResidentID.parse("110105490230002", asOf: asOf) } == "id_number.birth_date")
    }

    @Test func foldsCaseWidthAndSpaces() throws {
        #expect(try ResidentID.parse("11010519491231002x", asOf: asOf).value == "11010519491231002X")
        #expect(try ResidentID.parse("１１０１０５１９４９１２３１００２Ｘ", asOf: asOf).value == "11010519491231002X")
        #expect(try ResidentID.parse("\u{3000} 11010519491231002x\t", asOf: asOf).value == "11010519491231002X")
    }

    @Test func storedFormKeepsInvalidAndLegacyIDsRecognisable() {
        #expect(ResidentID.stored(" １１０１０５４９１２３１００２ ") == "110105491231002")
        #expect(ResidentID.stored("11010519491231002x") == "11010519491231002X")
        #expect(ResidentID.stored("110105194912310021") == "110105194912310021")
    }

    @Test func agesAreCompletedYears() throws {
        let id = try ResidentID.parse("360426199101010071", asOf: asOf)
        #expect(id.age(on: LocalDate(year: 2025, month: 1, day: 1)!) == 34)
        #expect(id.age(on: LocalDate(year: 2024, month: 12, day: 31)!) == 33)
        let leap = LocalDate(year: 2000, month: 2, day: 29)!
        #expect(leap.completedYears(on: LocalDate(year: 2001, month: 2, day: 28)!) == 0)
        #expect(leap.completedYears(on: LocalDate(year: 2001, month: 3, day: 1)!) == 1)
    }

    @Test func codableAsTheString() throws {
        let id = try ResidentID.parse("11010519491231002X", asOf: asOf)
        let data = try JSONEncoder().encode([id])
        #expect(String(decoding: data, as: UTF8.self) == #"["11010519491231002X"]"#)
        #expect(try JSONDecoder().decode([ResidentID].self, from: data) == [id])
        #expect(throws: (any Error).self) {
            try JSONDecoder().decode([ResidentID].self, from: Data(#"["110105194912310021"]"#.utf8))
        }
    }

    @Test func errorsCarryBothLanguages() {
        do {
            _ = try ResidentID.parse("110105194912310021", asOf: asOf)
            Issue.record("expected a checksum error")
        } catch {
            #expect(error.messageZh.contains("校验"))
            #expect(error.messageEn.contains("checksum"))
            #expect(error.messageEn.contains("X"))   // names the expected check character
        }
    }
}
