import Foundation
import Testing
import ZIPFoundation
@testable import SunlightTabular

/// Hostile files (issue 18): each test reproduces an attack on the running server and fails
/// on the reader as it was before the limits (it read everything it was given).
@Suite struct HostileFileTests {
    // MARK: - XLSX bombs

    /// A sheet part of 200 MB of zeros, deflated to about 200 KB (ratio ~1,000:1), with an
    /// honest header: refused on the declared sizes before a byte is inflated.
    @Test func xlsxBombIsRefusedBeforeInflating() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = dir.file("bomb.xlsx")
        try BombWorkbook.write(to: url, sheetBytes: 200 << 20)
        let compressed = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int ?? 0
        #expect(compressed < 1 << 20)

        let started = ContinuousClock.now
        let error = try #require(throws: TabularError.self) { try readAll(XLSXSource(url: url)) }
        #expect(error.code == "xlsx.compression_ratio")
        #expect(error.messageZh.contains("压缩炸弹"))
        // Inflating 200 MB to the temporary folder takes seconds; refusing it takes nothing.
        #expect(ContinuousClock.now - started < .seconds(2))
    }

    /// The same bomb whose headers declare 4 KB: the declared sizes pass, so only the running
    /// byte count can stop it — at the declared size, long before 200 MB reach the disk.
    @Test func xlsxBombWithLyingHeaderIsStoppedWhileInflating() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = dir.file("liar.xlsx")
        try BombWorkbook.write(to: url, sheetBytes: 200 << 20)
        try BombWorkbook.declareUncompressedSize(4096, of: "xl/worksheets/sheet1.xml", in: url)

        let package = try XLSXPackage(url: url)
        var bodyRan = false
        let started = ContinuousClock.now
        let error = try #require(throws: TabularError.self) {
            try package.withExtractedPart("xl/worksheets/sheet1.xml") { _ in bodyRan = true }
        }
        #expect(error.code == "xlsx.compression_ratio")
        #expect(!bodyRan)
        #expect(ContinuousClock.now - started < .seconds(2))
    }

    /// A part bigger than `maxPartBytes` is refused on its declared size whatever its ratio.
    @Test func xlsxPartOverTheSizeCapIsRefused() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = dir.file("big.xlsx")
        try BombWorkbook.write(to: url, sheetBytes: 3 << 20)
        var limits = TabularLimits()
        limits.maxPartBytes = 1 << 20
        let error = try #require(throws: TabularError.self) { try readAll(XLSXSource(url: url, limits: limits)) }
        #expect(error.code == "xlsx.part_too_large")
    }

    /// Millions of empty `<si/>` entries: 6 bytes of XML each that deflate to nothing, but 16
    /// bytes of memory each once read. Refused by default (the ratio), and by the count when
    /// the ratio is allowed.
    @Test func sharedStringsBombIsRefused() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = dir.file("sst.xlsx")
        let entries = 20_000
        let sharedStrings = "<sst xmlns=\"\(HandWrittenWorkbook.mainNamespace)\" uniqueCount=\"2000000000\">"
            + String(repeating: "<si/>", count: entries) + "</sst>"
        let sheet = HandWrittenWorkbook.sheet(#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#)
        try HandWrittenWorkbook.write(to: url, sheets: [("Sheet1", "worksheets/sheet1.xml", sheet)], sharedStrings: sharedStrings)

        var limits = TabularLimits()
        limits.maxSharedStrings = 10_000
        let byCount = try #require(throws: TabularError.self) { try readAll(XLSXSource(url: url, limits: limits)) }
        #expect(byCount.code == "xlsx.shared_strings_limit")

        limits = TabularLimits()
        limits.maxSharedStringBytes = 1_000
        let text = "<sst xmlns=\"\(HandWrittenWorkbook.mainNamespace)\">"
            + String(repeating: "<si><t>0123456789</t></si>", count: 200) + "</sst>"
        let url2 = dir.file("sst2.xlsx")
        try HandWrittenWorkbook.write(to: url2, sheets: [("Sheet1", "worksheets/sheet1.xml", sheet)], sharedStrings: text)
        let byBytes = try #require(throws: TabularError.self) { try readAll(XLSXSource(url: url2, limits: limits)) }
        #expect(byBytes.code == "xlsx.shared_strings_limit")

        // With the standard limits, a table of two million empty entries is a bomb by ratio.
        let url3 = dir.file("sst3.xlsx")
        let huge = "<sst xmlns=\"\(HandWrittenWorkbook.mainNamespace)\">"
            + String(repeating: "<si/>", count: 2_500_000) + "</sst>"
        try HandWrittenWorkbook.write(to: url3, sheets: [("Sheet1", "worksheets/sheet1.xml", sheet)], sharedStrings: huge)
        let standard = try #require(throws: TabularError.self) { try readAll(XLSXSource(url: url3)) }
        #expect(standard.code == "xlsx.compression_ratio")
    }

    @Test func xlsxOversizedCellAndTooManyCellsAreRefusedNamingTheRow() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let header = #"<row r="1"><c r="A1" t="inlineStr"><is><t>name</t></is></c></row>"#
        let long = String(repeating: "长", count: 30_000)  // 90,000 bytes of UTF-8
        let url = dir.file("long.xlsx")
        try HandWrittenWorkbook.write(to: url, sheets: [("Sheet1", "worksheets/sheet1.xml", HandWrittenWorkbook.sheet(
            header + #"<row r="2"><c r="A2" t="inlineStr"><is><t>ok</t></is></c></row>"#
                + #"<row r="3"><c r="A3" t="inlineStr"><is><t>\#(long)</t></is></c></row>"#))])
        let tooLong = try #require(throws: TabularError.self) { try readAll(XLSXSource(url: url)) }
        #expect(tooLong.code == "file.field_too_long")
        #expect(tooLong.line == 3)

        var wide = #"<row r="2">"#
        for column in 0..<5_000 { wide += #"<c r="\#(XMLSupport.columnLetters(column))2"><v>1</v></c>"# }
        wide += "</row>"
        let url2 = dir.file("wide.xlsx")
        try HandWrittenWorkbook.write(to: url2, sheets: [("Sheet1", "worksheets/sheet1.xml", HandWrittenWorkbook.sheet(header + wide))])
        let tooMany = try #require(throws: TabularError.self) { try readAll(XLSXSource(url: url2)) }
        #expect(tooMany.code == "file.too_many_fields")
        #expect(tooMany.line == 2)

        // Formatting-only cells far to the right cost nothing and are not "too many".
        let url3 = dir.file("styled.xlsx")
        try HandWrittenWorkbook.write(to: url3, sheets: [("Sheet1", "worksheets/sheet1.xml", HandWrittenWorkbook.sheet(
            header + #"<row r="2"><c r="A2"><v>7</v></c><c r="XFD2" s="1"/></row>"#))])
        #expect(try readAll(XLSXSource(url: url3)).fields == [["7"]])
    }

    // MARK: - CSV lengths

    @Test func csvOversizedFieldIsRefusedNamingItsLine() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let long = String(repeating: "x", count: 100_000)
        let url = try dir.write("long.csv", "name,note\na,b\n\(long),c\n")
        let error = try #require(throws: TabularError.self) { try readAll(CSVSource(url: url)) }
        #expect(error.code == "file.field_too_long")
        #expect(error.line == 3)
        #expect(error.messageZh.contains("字段过长"))

        // Quoted, across lines: the line where it passed the limit.
        let quoted = try dir.write("quoted.csv", "name,note\n\"\(String(repeating: "y\n", count: 40_000))\",c\n")
        let quotedError = try #require(throws: TabularError.self) { try readAll(CSVSource(url: quoted)) }
        #expect(quotedError.code == "file.field_too_long")
        #expect(quotedError.line.map { $0 > 2 } == true)
    }

    /// The attack: one 40 MB line of commas took 805 MB. Here 16 MB of commas on line 2.
    @Test func csvLineOfCommasIsRefusedWithoutBufferingIt() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = dir.file("commas.csv")
        try (Data("a,b\n".utf8) + Data(repeating: 0x2C, count: 16 << 20)).write(to: url)
        let started = ContinuousClock.now
        let error = try #require(throws: TabularError.self) { try readAll(CSVSource(url: url)) }
        #expect(error.code == "file.too_many_fields")
        #expect(error.line == 2)
        #expect(ContinuousClock.now - started < .seconds(2))
    }

    @Test func csvOversizedRecordIsRefusedNamingItsLine() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let field = String(repeating: "z", count: 60_000)
        let record = Array(repeating: field, count: 20).joined(separator: ",")  // 1.2 MB
        let url = try dir.write("wide.csv", "a\n1\n2\n\(record)\n")
        let error = try #require(throws: TabularError.self) { try readAll(CSVSource(url: url)) }
        #expect(error.code == "file.record_too_long")
        #expect(error.line == 4)
    }

    @Test func csvWithinTheLimitsStillReads() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let field = String(repeating: "长", count: 20_000)  // 60,000 bytes: under 64 KiB
        let url = try dir.write("ok.csv", "a,b\n\(field),\(String(repeating: ",", count: 4_000))\n")
        let result = try readAll(CSVSource(url: url))
        #expect(result.fields.first?.first == field)
        #expect(result.fields.first?.count == 4_002)
    }

    // MARK: - Formula injection

    @Test func csvExportNeutralisesFormulasButKeepsNumbers() throws {
        let row = [
            "=HYPERLINK(\"http://evil.example\",\"点此\")", "+1+2", "-2+3", "@SUM(A1)", "\tx", "\r=1",
            "-12.50", "+3", "-7", "1200.5", "-", "普通", "a=b",
        ]
        let line = CSVWriter.line(row)
        #expect(line == #"'=HYPERLINK(""http://evil.example"",""点此"")"#.quotedForTest
            + ",'+1+2,'-2+3,'@SUM(A1),'\tx,\"'\r=1\",-12.50,+3,-7,1200.5,'-,普通,a=b\r\n")

        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = dir.file("export.csv")
        let writer = try CSVWriter(url: url, bom: false)
        try writer.write(row: ["=1+1", "-12.50"])
        try writer.close()
        #expect(try String(contentsOf: url, encoding: .utf8) == "'=1+1,-12.50\r\n")

        // Trusted round trips may opt out.
        let raw = try CSVWriter(url: url, bom: false, neutralizesFormulas: false)
        try raw.write(row: ["=1+1"])
        try raw.close()
        #expect(try String(contentsOf: url, encoding: .utf8) == "=1+1\r\n")
    }
}

private extension String {
    /// Wraps in the quotes CSV gives a field holding quotes or commas.
    var quotedForTest: String { "\"" + self + "\"" }
}

/// Workbooks whose sheet part is `sheetBytes` of zeros, written as a stream (never in memory).
enum BombWorkbook {
    static func write(to url: URL, sheetBytes: Int64) throws {
        try HandWrittenWorkbook.write(to: url, sheets: [("Sheet1", "worksheets/sheet1.xml", HandWrittenWorkbook.sheet(""))])
        // Replace the sheet by a streamed part of zeros.
        let archive = try Archive(url: url, accessMode: .update)
        if let entry = archive["xl/worksheets/sheet1.xml"] { try archive.remove(entry) }
        let zeros = Data(count: 1 << 20)
        try archive.addEntry(
            with: "xl/worksheets/sheet1.xml", type: .file, uncompressedSize: sheetBytes, compressionMethod: .deflate
        ) { position, size in
            zeros.prefix(min(size, Int(sheetBytes - position)))
        }
    }

    /// Overwrites the uncompressed size in the entry's local and central headers (a lying bomb).
    static func declareUncompressedSize(_ size: UInt32, of path: String, in url: URL) throws {
        var bytes = [UInt8](try Data(contentsOf: url))
        let name = Array(path.utf8)
        func le32(_ at: Int) -> UInt32 { (0..<4).reduce(0) { $0 | UInt32(bytes[at + $1]) << (8 * $1) } }
        func le16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func put(_ at: Int) { for k in 0..<4 { bytes[at + k] = UInt8((size >> (8 * UInt32(k))) & 0xFF) } }
        var i = 0
        while i + 46 < bytes.count {
            let signature = le32(i)
            if signature == 0x0403_4B50, Array(bytes[(i + 30)..<(i + 30 + le16(i + 26))]) == name {
                put(i + 22)
            } else if signature == 0x0201_4B50, Array(bytes[(i + 46)..<(i + 46 + le16(i + 28))]) == name {
                put(i + 24)
            }
            i += 1
        }
        try Data(bytes).write(to: url)
    }
}

@Suite struct XMLEntityTests {
    /// "Billion laughs": nested entities that expand to gigabytes inside the XML parser. OPC
    /// forbids DTDs in package parts, so any DTD is refused before parsing.
    @Test func dtdInAPartIsRefused() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var dtd = "<!DOCTYPE worksheet [<!ENTITY a0 \"hahahahahahahahahaha\">"
        for level in 1...9 { dtd += "<!ENTITY a\(level) \"" + String(repeating: "&a\(level - 1);", count: 10) + "\">" }
        dtd += "]>"
        let sheet = "<?xml version=\"1.0\"?><!-- a - comment -->\(dtd)<worksheet xmlns=\"\(HandWrittenWorkbook.mainNamespace)\">"
            + #"<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&a9;</t></is></c></row></sheetData></worksheet>"#
        let url = dir.file("laughs.xlsx")
        try HandWrittenWorkbook.write(to: url, sheets: [("Sheet1", "worksheets/sheet1.xml", sheet)])
        let error = try #require(throws: TabularError.self) { try readAll(XLSXSource(url: url)) }
        #expect(error.code == "xlsx.invalid")
        #expect(error.messageEn.contains("DTD"))

        // Comments and processing instructions before the root element are fine.
        let plain = "<?xml version=\"1.0\"?><!-- <!DOCTYPE in a comment --><?pi x?>"
            + HandWrittenWorkbook.sheet(#"<row r="1"><c r="A1" t="inlineStr"><is><t>ok</t></is></c></row>"#)
                .replacingOccurrences(of: "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>", with: "")
        let url2 = dir.file("plain.xlsx")
        try HandWrittenWorkbook.write(to: url2, sheets: [("Sheet1", "worksheets/sheet1.xml", plain)])
        #expect(try readAll(XLSXSource(url: url2)).header == ["ok"])
    }
}

/// Inputs found by `scripts/fuzz.sh xlsx` (issue 18), kept as regression tests.
@Suite struct XLSXFuzzRegressionTests {
    /// Fuzz crash-b3eb103d…: an element name that is not UTF-8 made Foundation's XMLParser trap
    /// (the whole server process, not an error). Parts must now be valid UTF-8.
    @Test func elementNameThatIsNotUTF8IsRefusedNotACrash() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = dir.file("name.xlsx")
        var sheet = Data(#"<worksheet><sheetData><row r="1"><"#.utf8)
        sheet.append(contentsOf: [0xC1, 0xCB])
        sheet.append(contentsOf: Data(#"/></row></sheetData></worksheet>"#.utf8))
        try BombWorkbook.replaceSheet(in: url, with: sheet)
        let error = try #require(throws: TabularError.self) { try readAll(XLSXSource(url: url)) }
        #expect(error.code == "xlsx.invalid")
        #expect(error.messageEn.contains("UTF-8"))
    }

    /// A multi-byte character cut by the 64 KiB inflation chunk boundary is still valid UTF-8.
    @Test func utf8StraddlingChunksIsAccepted() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = dir.file("chunks.xlsx")
        var rows = ""
        for n in 1...4_000 { rows += #"<row r="\#(n)"><c r="A\#(n)" t="inlineStr"><is><t>第\#(n)行</t></is></c></row>"# }
        try BombWorkbook.replaceSheet(in: url, with: Data(HandWrittenWorkbook.sheet(rows).utf8))
        let result = try readAll(XLSXSource(url: url))
        #expect(result.header == ["第1行"])
        #expect(result.rows.count == 3_999)
    }

    /// Fuzz crash-67792933… (minimised: a sheet part of five bytes, `<?x?>`): libxml2 reports a
    /// processing instruction without data with a NULL data pointer, which Foundation's
    /// XMLParser passes to `strlen` — a segmentation fault of the whole server. Such an
    /// instruction is now refused in every part, before the parser sees it.
    @Test(arguments: [
        "<?x?>",
        #"<?xml version="1.0"?><?mso-application?><worksheet><sheetData/></worksheet>"#,
        #"<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row><?x?></sheetData></worksheet>"#,
    ])
    func processingInstructionWithoutDataInASheetIsRefusedNotACrash(sheet: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = dir.file("pi.xlsx")
        try BombWorkbook.replaceSheet(in: url, with: Data(sheet.utf8))
        let error = try #require(throws: TabularError.self) { try readAll(XLSXSource(url: url)) }
        #expect(error.code == "xlsx.invalid")
        #expect(error.messageEn.contains("processing instruction"))
    }

    /// The same in the shared strings and in the workbook part (read whole, not streamed).
    @Test func processingInstructionWithoutDataInOtherPartsIsRefused() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let strings = dir.file("sst.xlsx")
        try HandWrittenWorkbook.write(
            to: strings, sheets: [("Sheet1", "worksheets/sheet1.xml", HandWrittenWorkbook.sheet(#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#))],
            sharedStrings: "<sst><?x?><si><t>a</t></si></sst>")
        let stringsError = try #require(throws: TabularError.self) { try readAll(XLSXSource(url: strings)) }
        #expect(stringsError.messageEn.contains("processing instruction"))

        let workbook = dir.file("workbook.xlsx")
        try ZIPPartsWriter.write(url: workbook, parts: [
            ("_rels/.rels", Data(HandWrittenWorkbook.rootRelationships.utf8)),
            ("xl/workbook.xml", Data(#"<workbook><?x?><sheets><sheet name="S"/></sheets></workbook>"#.utf8)),
            ("xl/worksheets/sheet1.xml", Data(HandWrittenWorkbook.sheet("").utf8)),
        ])
        let workbookError = try #require(throws: TabularError.self) { try readAll(XLSXSource(url: workbook)) }
        #expect(workbookError.code == "xlsx.invalid")
        #expect(workbookError.messageEn.contains("processing instruction"))
    }

    /// Instructions with data (even empty data) are the parser's business, and `<?x?>` inside a
    /// comment or a CDATA section is not an instruction: all read as before.
    @Test func processingInstructionsWithDataCommentsAndCDATAAreRead() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = dir.file("fine.xlsx")
        let sheet = #"<?xml version="1.0"?><?x ?><!-- <?x?> --><worksheet><sheetData><?y data?><![CDATA[<?x?>]]>"#
            + #"<row r="1"><c r="A1" t="inlineStr"><is><t>ok</t></is></c></row></sheetData></worksheet>"#
        try BombWorkbook.replaceSheet(in: url, with: Data(sheet.utf8))
        #expect(try readAll(XLSXSource(url: url)).header == ["ok"])
    }

    /// The check is fed chunk by chunk: an instruction cut anywhere is still refused.
    @Test func processingInstructionGuardAcrossChunks() {
        let bytes = Array("<a>text</a><?target?>".utf8)
        for split in 0...bytes.count {
            var guardian = ProcessingInstructionGuard()
            let first = bytes[..<split].withUnsafeBytes { guardian.feed($0) }
            let second = bytes[split...].withUnsafeBytes { guardian.feed($0) }
            #expect(first == (split < bytes.count), "split at \(split)")
            #expect(!(first && second), "split at \(split)")
        }
    }
}

extension BombWorkbook {
    /// A workbook whose sheet part is exactly `bytes`.
    static func replaceSheet(in url: URL, with bytes: Data) throws {
        try HandWrittenWorkbook.write(to: url, sheets: [("Sheet1", "worksheets/sheet1.xml", HandWrittenWorkbook.sheet(""))])
        let archive = try Archive(url: url, accessMode: .update)
        if let entry = archive["xl/worksheets/sheet1.xml"] { try archive.remove(entry) }
        try archive.addEntry(
            with: "xl/worksheets/sheet1.xml", type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate
        ) { position, size in
            bytes.subdata(in: Int(position)..<min(Int(position) + size, bytes.count))
        }
    }
}
