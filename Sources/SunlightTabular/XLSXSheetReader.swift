import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Streams one worksheet part, turning `<row>`/`<c>` elements into arrays of cell texts.
///
/// Cell values: shared strings (`t="s"`, looked up), inline strings (`t="inlineStr"`, rich-text
/// runs concatenated), formula string results (`t="str"`) and every other type as the raw
/// `<v>` text — numbers stay exactly as stored ("45000", "1200.5", date serials like "45292"),
/// booleans stay "1"/"0", errors stay "#N/A" — because converting is the caller's business and
/// any conversion here would lose information. Formulas contribute their cached value only.
///
/// Rows and cells may be sparse: positions come from the `r` attributes ("C5" → third column,
/// `<row r="7">` → line 7), gaps are filled with "", and a missing `r` means "next one".
///
/// Limits (`TabularLimits`), checked as the text arrives: a cell's text beyond `maxFieldBytes`,
/// a cell *with content* beyond column `maxFieldsPerRecord`, or a row's texts beyond
/// `maxRecordBytes` stop the parse with an error naming the row. Empty cells far to the right
/// (formatting only, which Excel does write) are ignored rather than padded out to, so a
/// reference like `XFD1` costs nothing.
final class XLSXSheetReader: NSObject, XMLParserDelegate {
    /// Excel's limit; a larger column reference is treated as corrupt rather than allocated.
    private static let maxColumns = 16_384

    private let sharedStrings: [String]
    private let limits: TabularLimits
    /// Bytes of the current row's cell texts so far.
    private var rowBytes = 0
    private let onRow: (Int, [String]) throws -> Void
    /// The first error (from `onRow` or a bad cell); parsing is aborted when it is set.
    private(set) var failure: (any Error)?

    private var rowNumber = 0
    private var cells: [String] = []
    private var column = -1
    private var cellType: String?
    private var value = ""
    private var collecting = false
    private var inInlineString = false
    private var phoneticDepth = 0

    private init(sharedStrings: [String], limits: TabularLimits, onRow: @escaping (Int, [String]) throws -> Void) {
        self.sharedStrings = sharedStrings
        self.limits = limits
        self.onRow = onRow
    }

    /// Parses the sheet at `fileURL`, calling `onRow(rowNumber, cells)` for each `<row>`.
    static func read(
        from fileURL: URL, sharedStrings: [String], limits: TabularLimits = .standard,
        onRow: (Int, [String]) throws -> Void
    ) throws {
        guard let stream = InputStream(url: fileURL) else {
            throw TabularError.xlsxInvalid("无法读取工作表", "cannot read the worksheet")
        }
        try withoutActuallyEscaping(onRow) { onRow in
            let reader = XLSXSheetReader(sharedStrings: sharedStrings, limits: limits, onRow: onRow)
            let parser = XMLParser(stream: stream)
            parser.delegate = reader
            let succeeded = parser.parse()
            if let failure = reader.failure { throw failure }
            guard succeeded else {
                throw TabularError.xlsxInvalid(
                    "工作表 XML 无法解析", "the worksheet XML cannot be parsed",
                    line: reader.rowNumber > 0 ? reader.rowNumber : nil)
            }
        }
    }

    private func fail(_ error: any Error, _ parser: XMLParser) {
        if failure == nil { failure = error }
        parser.abortParsing()
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
        qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
    ) {
        guard failure == nil else { return }
        switch XMLSupport.localName(elementName) {
        case "c":
            if let reference = attributeDict["r"] {
                guard let index = XMLSupport.columnIndex(fromReference: reference), index < Self.maxColumns else {
                    fail(TabularError.xlsxInvalid("单元格引用无效：\(reference)", "invalid cell reference \(reference)", line: rowNumber), parser)
                    return
                }
                column = index
            } else {
                column += 1
            }
            cellType = attributeDict["t"]
            value = ""
        case "v":
            value = ""
            collecting = true
        case "is":
            inInlineString = true
        case "t":
            if inInlineString && phoneticDepth == 0 { collecting = true }
        case "rPh":
            phoneticDepth += 1
        case "row":
            if let number = attributeDict["r"].flatMap(Int.init), number > 0 {
                rowNumber = number
            } else {
                rowNumber += 1
            }
            cells.removeAll(keepingCapacity: true)
            rowBytes = 0
            column = -1
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
        case "v", "t":
            collecting = false
        case "rPh":
            phoneticDepth = max(0, phoneticDepth - 1)
        case "is":
            inInlineString = false
        case "c":
            let text: String
            switch cellType {
            case "s":
                let trimmed = value.trimmingCharacters(in: .whitespaces)
                if trimmed.isEmpty {
                    text = ""
                } else if let index = Int(trimmed), sharedStrings.indices.contains(index) {
                    text = sharedStrings[index]
                } else {
                    fail(TabularError.xlsxInvalid("共享字符串索引无效：\(trimmed)", "invalid shared string index \(trimmed)", line: rowNumber), parser)
                    return
                }
            case "inlineStr", "str":
                text = XMLSupport.decodeEscapes(value)
            default:
                text = value
            }
            value = ""
            cellType = nil
            guard column >= 0 else { return }
            if text.isEmpty && column >= cells.count { return }
            guard column < limits.maxFieldsPerRecord else {
                fail(TabularError.tooManyFields(line: rowNumber, limit: limits.maxFieldsPerRecord), parser)
                return
            }
            let bytes = text.utf8.count
            guard bytes <= limits.maxFieldBytes else {
                fail(TabularError.fieldTooLong(line: rowNumber, limit: limits.maxFieldBytes), parser)
                return
            }
            rowBytes += bytes + 1
            guard rowBytes <= limits.maxRecordBytes else {
                fail(TabularError.recordTooLong(line: rowNumber, limit: limits.maxRecordBytes), parser)
                return
            }
            if column < cells.count {
                cells[column] = text
            } else {
                if column > cells.count {
                    cells.append(contentsOf: repeatElement("", count: column - cells.count))
                }
                cells.append(text)
            }
        case "row":
            do {
                try onRow(rowNumber, cells)
            } catch {
                fail(error, parser)
            }
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if collecting { append(string, parser) }
    }

    func parser(_ parser: XMLParser, foundIgnorableWhitespace whitespaceString: String) {
        if collecting { append(whitespaceString, parser) }
    }

    /// Adds text to the cell being read, refusing it before it grows past the field limit.
    private func append(_ text: String, _ parser: XMLParser) {
        guard failure == nil else { return }
        if value.utf8.count + text.utf8.count > limits.maxFieldBytes {
            fail(TabularError.fieldTooLong(line: rowNumber, limit: limits.maxFieldBytes), parser)
            return
        }
        value += text
    }
}
