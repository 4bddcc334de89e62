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
///
/// Because it is held in memory, the table is bounded while it is read: at most
/// `TabularLimits.maxSharedStrings` entries, `maxSharedStringBytes` bytes in all and
/// `maxFieldBytes` per entry. The `uniqueCount` attribute is only a capacity hint, and a
/// hint capped at the limit — the file says what it likes, the count is ours.
final class XLSXSharedStringsReader: NSObject, XMLParserDelegate {
    private(set) var strings: [String] = []
    private var current = ""
    private var currentBytes = 0
    private var totalBytes = 0
    private var inItem = false
    private var inText = false
    private var phoneticDepth = 0
    private let limits: TabularLimits
    /// The first limit passed; parsing is aborted when it is set.
    private var failure: TabularError?

    private init(limits: TabularLimits) {
        self.limits = limits
    }

    static func read(from fileURL: URL, limits: TabularLimits = .standard) throws -> [String] {
        guard let stream = InputStream(url: fileURL) else {
            throw TabularError.xlsxInvalid("无法读取共享字符串表", "cannot read the shared strings")
        }
        let reader = XLSXSharedStringsReader(limits: limits)
        let parser = XMLParser(stream: stream)
        parser.delegate = reader
        let succeeded = parser.parse()
        if let failure = reader.failure { throw failure }
        guard succeeded else {
            throw TabularError.xlsxInvalid("共享字符串表 XML 无法解析", "the shared strings XML cannot be parsed")
        }
        return reader.strings
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
        qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
    ) {
        guard failure == nil else { return }
        switch XMLSupport.localName(elementName) {
        case "si":
            guard strings.count < limits.maxSharedStrings else {
                fail(.sharedStringsLimit(count: limits.maxSharedStrings, bytes: limits.maxSharedStringBytes), parser)
                return
            }
            inItem = true
            current = ""
            currentBytes = 0
        case "t":
            if inItem && phoneticDepth == 0 { inText = true }
        case "rPh":
            phoneticDepth += 1
        case "sst":
            if let count = attributeDict["uniqueCount"].flatMap(Int.init), count > 0 {
                strings.reserveCapacity(min(count, limits.maxSharedStrings, 1 << 16))
            }
        default:
            break
        }
    }

    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
        qualifiedName qName: String?
    ) {
        guard failure == nil else { return }
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
        if inText { append(string, parser) }
    }

    func parser(_ parser: XMLParser, foundIgnorableWhitespace whitespaceString: String) {
        if inText { append(whitespaceString, parser) }
    }

    private func append(_ text: String, _ parser: XMLParser) {
        guard failure == nil else { return }
        let count = text.utf8.count
        currentBytes += count
        totalBytes += count
        if currentBytes > limits.maxFieldBytes {
            // No row number: the entry is refused wherever (and whether) it is used.
            fail(.fieldTooLong(line: nil, limit: limits.maxFieldBytes), parser)
            return
        }
        if totalBytes > limits.maxSharedStringBytes {
            fail(.sharedStringsLimit(count: limits.maxSharedStrings, bytes: limits.maxSharedStringBytes), parser)
            return
        }
        current += text
    }

    private func fail(_ error: TabularError, _ parser: XMLParser) {
        if failure == nil { failure = error }
        parser.abortParsing()
    }
}
