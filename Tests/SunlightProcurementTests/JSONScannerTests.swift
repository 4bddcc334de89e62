import Foundation
import Testing
@testable import SunlightProcurement

@Suite struct JSONScannerTests {
    func kind(_ text: String) -> JSONSyntaxError.Kind? {
        do {
            _ = try JSONValue.parse(text)
            return nil
        } catch {
            return error.kind
        }
    }

    @Test func acceptsValidJSON() throws {
        let text = #"{"a":[1,-0.5e+3,true,false,null,"é\u00e9\ud83d\ude00\"\\\/\b\f\n\r\t"],"b":{},"c":[]}"#
        let value = try JSONValue.parse(text)
        #expect(value["a"] == .array([.number("1"), .number("-0.5e+3"), .bool(true), .bool(false), .null,
                                      .string("éé😀\"\\/\u{08}\u{0C}\n\r\t")]))
        #expect(try JSONValue.parse(value.jsonText) == value)
    }

    @Test func rejectsWhatSerdeRejects() {
        #expect(kind("{\"a\":1,}") == .expectedKey)
        #expect(kind("[1,]") == .unexpectedCharacter)
        #expect(kind("[1 2]") == .expectedCommaOrEnd)
        #expect(kind("{\"a\" 1}") == .expectedColon)
        #expect(kind("{\"a\":01}") == .expectedCommaOrEnd)
        #expect(kind("1.") == .invalidNumber)
        #expect(kind("-") == .invalidNumber)
        #expect(kind("tru") == .invalidLiteral)
        #expect(kind("\"\u{01}\"") == .controlCharacterInString)
        #expect(kind("\"\\x\"") == .invalidEscape)
        #expect(kind("\"\\u12G4\"") == .invalidUnicodeEscape)
        #expect(kind("\"\\ud800\"") == .loneSurrogate)
        #expect(kind("\"abc") == .unexpectedEnd)
        #expect(kind("{} x") == .trailingCharacters)
        #expect(kind(String(repeating: "[", count: 200) + String(repeating: "]", count: 200)) == .tooDeep)
    }

    @Test func validatesUTF8InsideStrings() {
        func bytesKind(_ bytes: [UInt8]) -> JSONSyntaxError.Kind? {
            var copy = bytes
            do {
                _ = try JSONValue.parse(bytes: &copy)
                return nil
            } catch {
                return error.kind
            }
        }
        let quote = UInt8(ascii: "\"")
        #expect(bytesKind([quote] + Array("中文Кириллица".utf8) + [quote]) == nil)
        #expect(bytesKind([quote, 0xC0, 0x80, quote]) == .invalidUTF8)        // overlong
        #expect(bytesKind([quote, 0xED, 0xA0, 0x80, quote]) == .invalidUTF8)  // surrogate
        #expect(bytesKind([quote, 0xF4, 0x90, 0x80, 0x80, quote]) == .invalidUTF8) // > U+10FFFF
        #expect(bytesKind([quote, 0xE4, 0xB8, quote]) == .invalidUTF8)        // truncated
    }

    @Test func eightByteSkippingFindsEveryQuoteAndEscape() throws {
        // Strings of every length around the 8-byte stride, with escapes at every offset.
        for length in 0..<40 {
            for escapeAt in -1..<length {
                var s = ""
                for i in 0..<length { s += i == escapeAt ? "\\\"" : "a" }
                let value = try JSONValue.parse("[\"\(s)\",1]")
                #expect(value == .array([.string(s.replacingOccurrences(of: "\\\"", with: "\"")), .number("1")]))
            }
        }
    }
}
