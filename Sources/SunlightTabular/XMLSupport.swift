import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Small XML helpers shared by the XLSX reader and writer.
enum XMLSupport {
    /// The element name without a namespace prefix ("x:row" → "row"). Some producers write
    /// SpreadsheetML with a prefix; the parser is run without namespace processing for speed.
    /// Returns the `String` itself when there is no prefix, so the element `switch`es compare
    /// small strings directly (a measurable share of XLSX parse time).
    @inline(__always)
    static func localName(_ name: String) -> String {
        guard name.utf8.contains(0x3A), let colon = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
    }

    /// The value of an attribute by local name ("r:id" matches "id").
    static func attribute(_ localName: String, in attributes: [String: String]) -> String? {
        if let value = attributes[localName] { return value }
        for (key, value) in attributes where self.localName(key) == localName {
            return value
        }
        return nil
    }

    /// Escapes text for element content or an attribute value, and encodes characters that XML
    /// 1.0 cannot carry (most C0 controls, U+FFFE/U+FFFF) plus CR (which XML parsers normalise
    /// away) as OOXML `_xHHHH_` escapes, as Excel does. A literal "_xHHHH_" in the text gets its
    /// underscore escaped (`_x005F_`) so that it survives the round trip.
    static func escape(_ text: String) -> String {
        var needsWork = false
        for unit in text.utf8 where unit < 0x20 || unit == 0x26 || unit == 0x3C || unit == 0x3E || unit == 0x22 || unit == 0x5F || unit == 0xEF {
            needsWork = true
            break
        }
        guard needsWork else { return text }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        func append(_ s: String) { out.append(contentsOf: s.unicodeScalars) }
        while i < scalars.count {
            let s = scalars[i]
            switch s.value {
            case 0x26: append("&amp;")
            case 0x3C: append("&lt;")
            case 0x3E: append("&gt;")
            case 0x22: append("&quot;")
            case 0x09, 0x0A: out.append(s)
            case 0x00..<0x20, 0xFFFE, 0xFFFF:
                append("_x" + hex4(s.value) + "_")
            case 0x5F where looksLikeEscape(scalars, at: i):
                append("_x005F_")
            default:
                out.append(s)
            }
            i += 1
        }
        return String(out)
    }

    /// Decodes OOXML `_xHHHH_` escapes in cell text.
    static func decodeEscapes(_ text: String) -> String {
        guard text.utf8.contains(0x5F), text.contains("_x") else { return text }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            if looksLikeEscape(scalars, at: i),
               let value = UInt32(String(String.UnicodeScalarView(scalars[(i + 2)..<(i + 6)])), radix: 16),
               let scalar = Unicode.Scalar(value) {
                out.append(scalar)
                i += 7
            } else {
                out.append(scalars[i])
                i += 1
            }
        }
        return String(out)
    }

    /// Whether `_xHHHH_` (four hex digits) starts at `i`.
    private static func looksLikeEscape(_ scalars: [Unicode.Scalar], at i: Int) -> Bool {
        guard i + 6 < scalars.count, scalars[i] == "_", scalars[i + 1] == "x", scalars[i + 6] == "_" else {
            return false
        }
        return scalars[(i + 2)..<(i + 6)].allSatisfy { $0.properties.isASCIIHexDigit }
    }

    private static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// 0-based column index from a cell reference ("C5" → 2, "AA10" → 26), nil without letters.
    static func columnIndex(fromReference reference: String) -> Int? {
        var index = 0
        var letters = 0
        for unit in reference.utf8 {
            let upper = unit & 0xDF
            guard upper >= 0x41 && upper <= 0x5A else { break }
            index = index * 26 + Int(upper - 0x40)
            letters += 1
            if letters > 3 { return nil }
        }
        return letters == 0 ? nil : index - 1
    }

    /// Column letters for a 0-based index (0 → "A", 26 → "AA").
    static func columnLetters(_ index: Int) -> String {
        var n = index + 1
        var letters: [UInt8] = []
        while n > 0 {
            let remainder = (n - 1) % 26
            letters.append(UInt8(0x41 + remainder))
            n = (n - 1) / 26
        }
        return String(decoding: letters.reversed(), as: UTF8.self)
    }
}

/// Collects chosen elements' attributes from a small XML part (relationships, workbook).
final class ElementCollector: NSObject, XMLParserDelegate {
    private let wanted: Set<String>
    private(set) var elements: [(name: String, attributes: [String: String])] = []

    init(wanted: Set<String>) {
        self.wanted = wanted
    }

    static func collect(_ data: Data, wanted: Set<String>) -> [(name: String, attributes: [String: String])]? {
        let collector = ElementCollector(wanted: wanted)
        let parser = XMLParser(data: data)
        parser.delegate = collector
        guard parser.parse() else { return nil }
        return collector.elements
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
        qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
    ) {
        let local = XMLSupport.localName(elementName)
        if wanted.contains(local) {
            elements.append((local, attributeDict))
        }
    }
}
