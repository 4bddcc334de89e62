import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads `sharedStrings.xml`: the workbook-wide table that `t="s"` cells index into.
///
/// Each `<si>` is either a plain `<t>` or rich text (several `<r><t>` runs, concatenated).
/// Phonetic guides (`<rPh>`, furigana-style annotations) are not part of the cell's value and
/// are skipped. The whole table is kept in memory: unavoidable, since any cell may reference
/// any entry, but the part itself is streamed from a temporary file.
final class XLSXSharedStringsReader: NSObject, XMLParserDelegate {
    private(set) var strings: [String] = []
    private var current = ""
    private var inItem = false
    private var inText = false
    private var phoneticDepth = 0

    static func read(from fileURL: URL) throws -> [String] {
        guard let stream = InputStream(url: fileURL) else {
            throw TabularError.xlsxInvalid("无法读取共享字符串表", "cannot read the shared strings")
        }
        let reader = XLSXSharedStringsReader()
        let parser = XMLParser(stream: stream)
        parser.delegate = reader
        guard parser.parse() else {
            throw TabularError.xlsxInvalid("共享字符串表 XML 无法解析", "the shared strings XML cannot be parsed")
        }
        return reader.strings
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
        qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
    ) {
        switch XMLSupport.localName(elementName) {
        case "si":
            inItem = true
            current = ""
        case "t":
            if inItem && phoneticDepth == 0 { inText = true }
        case "rPh":
            phoneticDepth += 1
        case "sst":
            if let count = attributeDict["uniqueCount"].flatMap(Int.init), count > 0 {
                strings.reserveCapacity(min(count, 1 << 20))
            }
        default:
            break
        }
    }

    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
        qualifiedName qName: String?
    ) {
        switch XMLSupport.localName(elementName) {
        case "t":
            inText = false
        case "rPh":
            phoneticDepth = max(0, phoneticDepth - 1)
        case "si":
            strings.append(XMLSupport.decodeEscapes(current))
            inItem = false
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { current += string }
    }

    func parser(_ parser: XMLParser, foundIgnorableWhitespace whitespaceString: String) {
        if inText { current += whitespaceString }
    }
}
