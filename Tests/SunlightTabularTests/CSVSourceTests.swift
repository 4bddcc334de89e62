import Foundation
import Testing
@testable import SunlightTabular

@Suite struct CSVSourceTests {
    @Test func quotedFieldsWithCommasQuotesAndNewlinesKeepLineNumbers() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = try dir.write("people.csv", #"""
            name,note,amount
            张三,"hello, world",1
            李四,"multi
            line
            text",2
            "王""五",plain,3
            "",,"trailing ""q"""
            ,,
            end,"",x

            """#)
        let result = try readAll(CSVSource(url: url))
        #expect(result.header == ["name", "note", "amount"])
        #expect(result.fields == [
            ["张三", "hello, world", "1"],
            ["李四", "multi\nline\ntext", "2"],
            ["王\"五", "plain", "3"],
            ["", "", "trailing \"q\""],
            ["end", "", "x"],
        ])
        #expect(result.lines == [2, 3, 6, 7, 9])
    }

    @Test func crlfLineEndsIncludingInsideQuotedFields() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = try dir.write("crlf.csv", "a,b\r\n1,\"x\r\ny\"\r\n2,z\r\n")
        let result = try readAll(CSVSource(url: url))
        #expect(result.header == ["a", "b"])
        #expect(result.fields == [["1", "x\r\ny"], ["2", "z"]])
        #expect(result.lines == [2, 4])
    }

    @Test func loneCarriageReturnLineEnds() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = try dir.write("mac.csv", "a,b\r1,2\r3,4")
        let result = try readAll(CSVSource(url: url))
        #expect(result.fields == [["1", "2"], ["3", "4"]])
        #expect(result.lines == [2, 3])
    }

    @Test func byteOrderMarkIsDetectedAndDropped() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = try dir.write("bom.csv", Data([0xEF, 0xBB, 0xBF]) + Data("姓名,金额\n张三,100\n".utf8))
        #expect(try CSVSource.detectEncoding(url: url) == .utf8BOM)
        let result = try readAll(CSVSource(url: url))
        #expect(result.header == ["姓名", "金额"])
        #expect(result.fields == [["张三", "100"]])
    }

    @Test func finalLineWithoutNewline() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = try dir.write("nonl.csv", "a,b\n1,2\n3,\"4\"")
        let result = try readAll(CSVSource(url: url))
        #expect(result.fields == [["1", "2"], ["3", "4"]])

        let trailingComma = try dir.write("comma.csv", "a,b\n1,")
        #expect(try readAll(CSVSource(url: trailingComma)).fields == [["1", ""]])
    }

    @Test func blankLinesAreSkippedBeforeAndAfterTheHeader() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = try dir.write("blank.csv", "\n\r\n,,\na,b\n\n1,2\n , \n,\n\n3,4\n\n")
        let result = try readAll(CSVSource(url: url))
        #expect(result.header == ["a", "b"])
        // " , " is not blank: spaces are data.
        #expect(result.fields == [["1", "2"], [" ", " "], ["3", "4"]])
        #expect(result.lines == [6, 7, 10])
    }

    @Test func headerOnlyFileHasNoRows() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = try dir.write("header.csv", "a,b\n")
        let result = try readAll(CSVSource(url: url))
        #expect(result.header == ["a", "b"])
        #expect(result.rows.isEmpty)
    }

    @Test func unterminatedQuoteReportsTheLineWhereItOpened() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = try dir.write("open.csv", "a,b\n1,2\n3,\"abc\ndef\n4,5\n")
        let error = #expect(throws: TabularError.self) { try readAll(CSVSource(url: url)) }
        #expect(error?.code == "csv.unterminated_quote")
        #expect(error?.line == 3)
    }

    @Test func strayQuotesAreErrorsWithThePhysicalLine() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let cases: [(String, Int)] = [
            ("a,b\n1,x\"y\n", 2),  // quote inside an unquoted field
            ("a,b\n1,\"x\"y\n", 2),  // text after a closing quote
            ("a,b\n\"1\n2\",3\n4,5\"\n", 4),  // after a multi-line record
            ("a,b\n1, \"2\"\n", 2),  // a space before the opening quote makes the field unquoted
        ]
        for (index, (text, line)) in cases.enumerated() {
            let url = try dir.write("stray\(index).csv", text)
            let error = #expect(throws: TabularError.self) { try readAll(CSVSource(url: url)) }
            #expect(error?.code == "csv.stray_quote", "case \(index)")
            #expect(error?.line == line, "case \(index)")
        }
    }

    @Test func emptyAndBlankFilesAreEmpty() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        for (name, data) in [("empty.csv", Data()), ("bom.csv", Data([0xEF, 0xBB, 0xBF])), ("blank.csv", Data("\n,,\r\n\n".utf8))] {
            let url = try dir.write(name, data)
            let error = #expect(throws: TabularError.self) { try readAll(CSVSource(url: url)) }
            #expect(error?.code == "file.empty", "\(name)")
        }
    }

    @Test func missingFileIsUnreadable() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let error = #expect(throws: TabularError.self) { try readAll(CSVSource(url: dir.file("nope.csv"))) }
        #expect(error?.code == "file.unreadable")
        let openError = #expect(throws: TabularError.self) { try openTabularSource(url: dir.file("nope.csv")) }
        #expect(openError?.code == "file.unreadable")
    }

    @Test func bytesInNeitherEncodingAreRejected() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = try dir.write("bad.csv", Data("a,b\n1,".utf8) + Data([0xFF, 0xFE, 0x80, 0xFF]) + Data("\n".utf8))
        let detectError = #expect(throws: TabularError.self) { try CSVSource.detectEncoding(url: url) }
        #expect(detectError?.code == "file.encoding")
        let readError = #expect(throws: TabularError.self) { try readAll(CSVSource(url: url)) }
        #expect(readError?.code == "file.encoding")
    }

    @Test func invalidUTF8WithForcedEncodingReportsTheLine() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = try dir.write("bad.csv", Data("a,b\n1,2\n3,".utf8) + Data([0xC3, 0x28]) + Data("\n".utf8))
        let error = #expect(throws: TabularError.self) { try readAll(CSVSource(url: url, encoding: .utf8)) }
        #expect(error?.code == "file.encoding")
        #expect(error?.line == 3)
    }

    @Test func bodyErrorsAreRethrownAndStopTheRead() throws {
        struct Stop: Error, Equatable {}
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = try dir.write("rows.csv", "a\n1\n2\n3\n")
        var seen: [String] = []
        #expect(throws: Stop()) {
            try CSVSource(url: url).read(header: { _ in }, row: { row in
                seen.append(row.fields[0])
                if row.fields[0] == "2" { throw Stop() }
            })
        }
        #expect(seen == ["1", "2"])
        #expect(throws: Stop()) {
            try CSVSource(url: url).read(header: { _ in throw Stop() }, row: { _ in Issue.record("no rows after a header error") })
        }
    }

    /// Feeds the parser the same input split at every position (and byte by byte): records,
    /// quotes, CRLF pairs and multi-byte characters must survive any chunk boundary.
    @Test func parserIsIndependentOfChunkBoundaries() throws {
        let input = Array("h1,h2\r\n\"a\r\nb\",\"c\"\"d\"\r\n张三,\"￥1,200\"\r\r\n,x\n\"\"\n😀,end".utf8)
        func parse(_ chunks: [ArraySlice<UInt8>]) throws -> [[String]] {
            var parser = CSVRecordParser()
            var records: [[String]] = []
            for chunk in chunks {
                try Array(chunk).withUnsafeBufferPointer { buffer in
                    try parser.feed(buffer) { line, fields in records.append(["\(line)"] + fields) }
                }
            }
            try parser.finish { line, fields in records.append(["\(line)"] + fields) }
            return records
        }
        let whole = try parse([input[...]])
        #expect(whole == [
            ["1", "h1", "h2"],
            ["2", "a\r\nb", "c\"d"],
            ["4", "张三", "￥1,200"],
            ["5", ""],
            ["6", "", "x"],
            ["7", ""],
            ["8", "😀", "end"],
        ])
        for split in 1..<input.count {
            #expect(try parse([input[..<split], input[split...]]) == whole, "split at \(split)")
        }
        #expect(try parse(input.indices.map { input[$0...$0] }) == whole)
    }
}
