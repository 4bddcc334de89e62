import Foundation
import SunlightDomain
import Testing

/// The import's fast paths answer exactly as the general code they short-cut.
@Suite("Fast paths agree with the general parsers")
struct FastPathTests {
    static let texts = [
        "", " ", "王伟", " 王伟", "王伟 ", "王\u{3000}伟", "\u{3000}王伟", "ＡＢＣ", "abc", "a b", "a\tb", "\u{FEFF}x", "x\u{200B}",
        "科员", "四级主任科员", "2020-01-01", "１２３", "é", "e\u{301}", "〇", "㐀", "鿿", "龥", "~", "\u{7F}", "11010519491231002X",
    ]

    @Test func aFoldedTextFoldsToItself() {
        for text in Self.texts where TextFolding.isFolded(text) {
            #expect(TextFolding.fold(text) == text, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            #expect(text.trimmingCharacters(in: .whitespacesAndNewlines) == text)
        }
        #expect(TextFolding.isFolded("王伟") && TextFolding.isFolded("abc") && TextFolding.isFolded("2020-01-01"))
        #expect(!TextFolding.isFolded(" 王伟") && !TextFolding.isFolded("ＡＢＣ") && !TextFolding.isFolded("\u{FEFF}x"))
    }

    @Test func canonicalIDsParseAsTheFullParserSays() {
        let asOf = day("2025-06-30")
        for id in ["11010519491231002X", "110105194912310021", "11010519491231002x", "110105194912310022",
                   "110105190002300021", "110105203001010021", "110105491231002", "１１０１０５１９４９１２３１００２Ｘ"] {
            let parsed = try? ResidentID.parse(id, asOf: asOf)
            #expect(code { try ResidentID.parse(id, asOf: asOf) } == code { try ResidentID.parse(" " + id, asOf: asOf) }, "\(id)")
            #expect(parsed?.value == (try? ResidentID.parse(" " + id, asOf: asOf))?.value, "\(id)")
        }
    }

    @Test func canonicalISODatesAreTheDatesTheParserReads() {
        for text in ["2020-01-01", "2024-02-29", "2023-02-29", "0000-01-01", "0001-01-01", "9999-12-31", "2020-1-01",
                     "2020-13-01", "2020-00-10", "2020/01/01", "20200101", "2020-01-0a", "２０２０-01-01"] {
            let fast = DateParsing.canonicalISODate(text)
            let full = try? DateParsing.date(text)
            if let fast {
                #expect(fast == full && fast.iso == text, "\(text)")
            } else {
                #expect(full == nil || full!.iso != text, "\(text) is canonical but was not recognised")
            }
        }
    }

    @Test func canonicalYearMonthsAreTheMonthsTheParserReads() {
        for text in ["2024-01", "2024-12", "0001-01", "9999-12", "0000-01", "2024-00", "2024-13", "2024-1", "2024/01",
                     "202401", "2024年1月", "2024-0a", "２０２４-01", " 2024-01", "2024-011"] {
            let fast = DateParsing.canonicalYearMonth(text)
            let full = try? DateParsing.yearMonth(text)
            if let fast {
                #expect(fast == full && fast.text == text, "\(text)")
            } else {
                #expect(full == nil || full!.text != text, "\(text) is canonical but was not recognised")
            }
        }
    }

    @Test func boolWordsAreReadBeforeFolding() {
        for word in ["是", "否", "y", "Y", "yes", "no", "1", "0", "true", "FALSE", "Ｙ", " 是", "x"] {
            #expect((try? BoolParsing.bool(word)) == (try? BoolParsing.bool(" " + word + " ")), "\(word)")
        }
    }
}
