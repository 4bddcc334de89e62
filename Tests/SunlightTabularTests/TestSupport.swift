import Foundation
@testable import SunlightTabular

/// A fresh temporary directory per test; tests write real files into it.
struct TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("sunlight-tabular-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> URL {
        url.appendingPathComponent(name)
    }

    func write(_ name: String, _ text: String) throws -> URL {
        try write(name, Data(text.utf8))
    }

    func write(_ name: String, _ data: Data) throws -> URL {
        let fileURL = file(name)
        try data.write(to: fileURL)
        return fileURL
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}

/// Everything a source delivers, for comparison.
struct ReadResult {
    var header: [String] = []
    var rows: [TabularRow] = []

    var lines: [Int] { rows.map(\.line) }
    var fields: [[String]] { rows.map(\.fields) }
}

func readAll(_ source: any TabularSource) throws -> ReadResult {
    var result = ReadResult()
    try source.read(header: { result.header = $0 }, row: { result.rows.append($0) })
    return result
}

/// Minimal OOXML boilerplate for hand-written workbooks.
enum HandWrittenWorkbook {
    static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

    static let contentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
        <Default Extension="xml" ContentType="application/xml"/>
        </Types>
        """

    static let rootRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
        </Relationships>
        """

    /// sheets: (name, relationship target relative to xl/ or absolute).
    static func write(
        to url: URL, sheets: [(name: String, target: String, xml: String)], sharedStrings: String? = nil
    ) throws {
        var workbook = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="\(mainNamespace)" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>
            """
        var relationships = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
            """
        var parts: [(path: String, data: Data)] = [
            ("[Content_Types].xml", Data(contentTypes.utf8)),
            ("_rels/.rels", Data(rootRelationships.utf8)),
        ]
        for (index, sheet) in sheets.enumerated() {
            workbook += "<sheet name=\"\(sheet.name)\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>"
            relationships += "<Relationship Id=\"rId\(index + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"\(sheet.target)\"/>"
            let path = sheet.target.hasPrefix("/") ? String(sheet.target.dropFirst()) : "xl/" + sheet.target
            parts.append((path, Data(sheet.xml.utf8)))
        }
        if let sharedStrings {
            relationships += "<Relationship Id=\"rId99\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
            parts.append(("xl/sharedStrings.xml", Data(sharedStrings.utf8)))
        }
        workbook += "</sheets></workbook>"
        relationships += "</Relationships>"
        parts.insert(("xl/workbook.xml", Data(workbook.utf8)), at: 2)
        parts.insert(("xl/_rels/workbook.xml.rels", Data(relationships.utf8)), at: 3)
        try ZIPPartsWriter.write(url: url, parts: parts)
    }

    static func sheet(_ rowsXML: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <worksheet xmlns="\(mainNamespace)"><sheetData>\(rowsXML)</sheetData></worksheet>
        """
    }
}
