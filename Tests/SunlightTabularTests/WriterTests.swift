import Foundation
import Testing
@testable import SunlightTabular

@Suite struct WriterTests {
    @Test func aLineIsQuotedExactlyAsTheWriterWritesIt() throws {
        let row = ["plain", "a,b", "say \"hi\"", "two\nlines", "中文"]
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("line-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        let writer = try CSVWriter(url: url, bom: false)
        try writer.write(row: row)
        try writer.close()
        #expect(CSVWriter.line(row) == (try String(contentsOf: url, encoding: .utf8)))
        #expect(CSVWriter.line(row) == "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",中文\r\n")
    }

    @Test func csvWriterQuotesOnlyWhenNeededAndRoundTrips() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = dir.file("out.csv")
        let rows: [[String]] = [
            ["姓名", "备注", "金额"],
            ["张三", "a,b", "1"],
            ["李四", "say \"hi\"", "2"],
            ["王五", "two\nlines", ""],
            ["赵六", "cr\r\nlf", " 3 "],
        ]
        let writer = try CSVWriter(url: url)
        for row in rows { try writer.write(row: row) }
        try writer.close()
        try writer.close()  // idempotent
        #expect(throws: (any Error).self) { try writer.write(row: ["late"]) }

        let data = try Data(contentsOf: url)
        #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: data.dropFirst(3), as: UTF8.self)
        #expect(text == "姓名,备注,金额\r\n张三,\"a,b\",1\r\n李四,\"say \"\"hi\"\"\",2\r\n王五,\"two\nlines\",\r\n赵六,\"cr\r\nlf\", 3 \r\n")

        let result = try readAll(CSVSource(url: url))
        #expect(result.header == rows[0])
        #expect(result.fields == Array(rows.dropFirst()))
        #expect(result.lines == [2, 3, 4, 6])
    }

    @Test func csvWriterWithoutBOM() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = dir.file("plain.csv")
        do {
            let writer = try CSVWriter(url: url, bom: false)
            try writer.write(row: ["a", "b"])
            // Closed by deinit.
        }
        #expect(try Data(contentsOf: url) == Data("a,b\r\n".utf8))
        #expect(try CSVSource.detectEncoding(url: url) == .utf8)
    }

    @Test func csvWriterBuffersLargeOutput() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = dir.file("many.csv")
        let writer = try CSVWriter(url: url)
        try writer.write(row: ["n", "text"])
        for n in 0..<20_000 { try writer.write(row: ["\(n)", "第\(n)行,含逗号"]) }
        try writer.close()
        var count = 0
        try CSVSource(url: url).read(header: { _ in }, row: { row in
            #expect(row.fields == ["\(count)", "第\(count)行,含逗号"])
            count += 1
        })
        #expect(count == 20_000)
    }

    @Test func xlsxSheetNamesAreMadeValid() {
        #expect(XLSXWriter.validSheetName("a/b:c*d?[e]\\f") == "a_b_c_d__e__f")
        #expect(XLSXWriter.validSheetName("") == "Sheet1")
        #expect(XLSXWriter.validSheetName(String(repeating: "长", count: 40)).count == 31)
        #expect(XLSXWriter.isPlainNumber("45000"))
        #expect(XLSXWriter.isPlainNumber("-1200.5"))
        #expect(XLSXWriter.isPlainNumber("1e10"))
        #expect(!XLSXWriter.isPlainNumber("inf"))
        #expect(!XLSXWriter.isPlainNumber("1,200"))
        #expect(!XLSXWriter.isPlainNumber("1."))
        #expect(!XLSXWriter.isPlainNumber(""))
    }

    @Test func xlsxEscapesRoundTrip() {
        for text in ["_x0041_", "a_b", "_x00", "\u{0}\u{1F}", "&<>\"", "\r\n", "普通文本"] {
            #expect(XMLSupport.decodeEscapes(XMLSupport.escape(text).replacingOccurrences(of: "&amp;", with: "&")
                .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&quot;", with: "\"")) == text, "\(text)")
        }
        #expect(XMLSupport.columnIndex(fromReference: "A1") == 0)
        #expect(XMLSupport.columnIndex(fromReference: "AA10") == 26)
        #expect(XMLSupport.columnIndex(fromReference: "xfd1") == 16_383)
        #expect(XMLSupport.columnIndex(fromReference: "12") == nil)
        #expect(XMLSupport.columnLetters(0) == "A")
        #expect(XMLSupport.columnLetters(26) == "AA")
        #expect(XMLSupport.columnLetters(16_383) == "XFD")
    }

    @Test func openTabularSourceChoosesCSVForText() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = try dir.write("data.xlsx", "a,b\n1,2\n")  // misnamed: content decides
        let source = try openTabularSource(url: url)
        #expect(source is CSVSource)
        #expect(try readAll(source).fields == [["1", "2"]])
        let tiny = try dir.write("tiny.csv", "P")
        #expect(try openTabularSource(url: tiny) is CSVSource)
    }
}
