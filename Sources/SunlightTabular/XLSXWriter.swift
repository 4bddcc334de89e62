import Foundation

/// Writes a one-sheet XLSX workbook: used for exports (findings) and by tests for fixtures.
///
/// The package is the minimal valid OOXML set that Excel, WPS and LibreOffice open without a
/// repair prompt: `[Content_Types].xml`, the package and workbook relationships, the workbook,
/// a minimal stylesheet (Excel wants one) and the sheet. Cells are inline strings (no shared
/// string table to build, and the reader handles both); cells in `numericColumns` whose text is
/// a plain decimal number are written as numbers so Excel can sum them. Empty strings are
/// omitted, which is how Excel itself stores empty cells.
///
/// Formula injection: not possible here, unlike CSV. Text is always an inline string
/// (`t="inlineStr"`, `<is><t>`), which spreadsheets display as text even when it starts with
/// `=`; no cell is ever written with an `<f>` element, and numbers only when `isPlainNumber`
/// holds. So `=HYPERLINK(…)` stays inert text and needs no `'` prefix (which would show up).
public enum XLSXWriter {
    /// - Parameters:
    ///   - sheetName: made valid for Excel (no `[]:*?/\`, at most 31 characters, not empty).
    ///   - rows: all rows, the header first.
    ///   - numericColumns: 0-based column indices to store as numbers where the text allows.
    public static func write(url: URL, sheetName: String, rows: [[String]], numericColumns: Set<Int> = []) throws {
        let name = validSheetName(sheetName)
        try ZIPPartsWriter.write(url: url, parts: [
            ("[Content_Types].xml", Data(contentTypes.utf8)),
            ("_rels/.rels", Data(packageRelationships.utf8)),
            ("xl/workbook.xml", Data(workbook(sheetName: name).utf8)),
            ("xl/_rels/workbook.xml.rels", Data(workbookRelationships.utf8)),
            ("xl/styles.xml", Data(styles.utf8)),
            ("xl/worksheets/sheet1.xml", worksheet(rows: rows, numericColumns: numericColumns)),
        ])
    }

    static func worksheet(rows: [[String]], numericColumns: Set<Int>) -> Data {
        var xml = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
            """
        for (rowIndex, row) in rows.enumerated() {
            let rowNumber = rowIndex + 1
            xml += "<row r=\"\(rowNumber)\">"
            for (columnIndex, text) in row.enumerated() where !text.isEmpty {
                let reference = XMLSupport.columnLetters(columnIndex) + String(rowNumber)
                if numericColumns.contains(columnIndex), isPlainNumber(text) {
                    xml += "<c r=\"\(reference)\"><v>\(text)</v></c>"
                } else {
                    xml += "<c r=\"\(reference)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">"
                    xml += XMLSupport.escape(text)
                    xml += "</t></is></c>"
                }
            }
            xml += "</row>"
        }
        xml += "</sheetData></worksheet>"
        return Data(xml.utf8)
    }

    /// A decimal number Excel stores as-is: optional minus, digits, optional fraction and exponent.
    static func isPlainNumber(_ text: String) -> Bool {
        var bytes = Array(text.utf8)[...]
        func digits() -> Int {
            var count = 0
            while let b = bytes.first, b >= 0x30 && b <= 0x39 { bytes.removeFirst(); count += 1 }
            return count
        }
        if bytes.first == 0x2D { bytes.removeFirst() }
        guard digits() > 0 else { return false }
        if bytes.first == 0x2E {
            bytes.removeFirst()
            guard digits() > 0 else { return false }
        }
        if bytes.first == 0x65 || bytes.first == 0x45 {
            bytes.removeFirst()
            if bytes.first == 0x2B || bytes.first == 0x2D { bytes.removeFirst() }
            guard digits() > 0 else { return false }
        }
        return bytes.isEmpty
    }

    static func validSheetName(_ name: String) -> String {
        let forbidden: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]
        var cleaned = String(name.map { forbidden.contains($0) ? "_" : $0 })
        cleaned = cleaned.trimmingCharacters(in: CharacterSet(charactersIn: "'"))
        cleaned = String(cleaned.prefix(31))
        return cleaned.trimmingCharacters(in: .whitespaces).isEmpty ? "Sheet1" : cleaned
    }

    private static func workbook(sheetName: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
        xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
        <sheets><sheet name="\(XMLSupport.escape(sheetName))" sheetId="1" r:id="rId1"/></sheets></workbook>
        """
    }

    private static let contentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/>\
        <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
        <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
        <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
        </Types>
        """

    private static let packageRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
        </Relationships>
        """

    private static let workbookRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>\
        <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
        </Relationships>
        """

    private static let styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
        <fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>\
        <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
        <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
        <cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>\
        <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
        </styleSheet>
        """
}
