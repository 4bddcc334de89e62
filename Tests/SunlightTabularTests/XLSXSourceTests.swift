import Foundation
import Testing
@testable import SunlightTabular

@Suite struct XLSXSourceTests {
    @Test func writerRoundTrip() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = dir.file("findings.xlsx")
        let rows: [[String]] = [
            ["姓名", "身份证号", "金额（元）", "备注"],
            ["张三", "110101199001011234", "45000", "A&B <x> \"q\" 'a'"],
            ["李四", "", "1200.5", "  leading space\nnew line\r\nCRLF\ttab"],
            ["", "", "", ""],
            ["王五", "x", "not-a-number", "_x0041_ literal, \u{1} control"],
            ["赵六"],
            ["钱七", "", "-3.25E+2", "😀 𠀀"],
        ]
        try XLSXWriter.write(url: url, sheetName: "people", rows: rows, numericColumns: [2])
        #expect(try XLSXSource.sheetNames(url: url) == ["people"])

        let result = try readAll(XLSXSource(url: url))
        #expect(result.header == rows[0])
        #expect(result.fields == [
            rows[1],
            rows[2],
            rows[4],
            ["赵六", "", "", ""],  // padded to the header's width
            rows[6],
        ])
        #expect(result.lines == [2, 3, 5, 6, 7])

        // Numeric columns are stored as numbers, everything else as inline strings.
        let sheet = String(decoding: XLSXWriter.worksheet(rows: rows, numericColumns: [2]), as: UTF8.self)
        #expect(sheet.contains("<c r=\"C2\"><v>45000</v></c>"))
        #expect(sheet.contains("<c r=\"C7\"><v>-3.25E+2</v></c>"))
        #expect(sheet.contains("<c r=\"C5\" t=\"inlineStr\">"))
        #expect(sheet.contains("<c r=\"B2\" t=\"inlineStr\">"))
    }

    @Test func sparseCellsArePlacedByReference() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = dir.file("sparse.xlsx")
        let sheet = HandWrittenWorkbook.sheet("""
            <row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="B1" t="inlineStr"><is><t>b</t></is></c>\
            <c r="C1" t="inlineStr"><is><t>c</t></is></c><c r="D1" t="inlineStr"><is><t>d</t></is></c><c r="E1" s="2"/></row>
            <row r="3"><c r="B3"><v>2</v></c><c r="D3" t="b"><v>1</v></c></row>
            <row r="4"><c r="A4" t="str"><f>"x"</f><v>x</v></c><c r="C4"><f>SUM(A1:A2)</f><v>3.5</v></c></row>
            <row r="5" spans="1:4"><c r="A5" s="1"/></row>
            <row><c t="inlineStr"><is><r><t>se</t></r><r><rPr><b/></rPr><t>q1</t></r></is></c><c><v>45292</v></c></row>
            <row r="8"><c r="A8" t="e"><v>#N/A</v></c><c r="F8" t="inlineStr"><is><t>extra</t></is></c><c r="G8" s="1"/></row>
            """)
        try HandWrittenWorkbook.write(to: url, sheets: [("Sheet1", "worksheets/sheet1.xml", sheet)])
        let result = try readAll(XLSXSource(url: url))
        #expect(result.header == ["a", "b", "c", "d"])  // the formatting-only E1 is dropped
        #expect(result.fields == [
            ["", "2", "", "1"],
            ["x", "", "3.5", ""],
            ["seq1", "45292", "", ""],
            ["#N/A", "", "", "", "", "extra"],
        ])
        #expect(result.lines == [3, 4, 6, 8])
    }

    @Test func sharedStringsAndPreferredSheet() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = dir.file("book.xlsx")
        let sharedStrings = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <sst xmlns="\(HandWrittenWorkbook.mainNamespace)" count="7" uniqueCount="7">\
            <si><t>姓名</t></si>\
            <si><t>金额</t></si>\
            <si><r><t>张</t></r><r><rPr><b/></rPr><t xml:space="preserve">三 </t></r><rPh sb="0" eb="1"><t>ZHANG</t></rPh></si>\
            <si><t>A &amp; B &lt;c&gt;</t></si>\
            <si><t xml:space="preserve">  </t></si>\
            <si><t>line1
            line2_x000D_</t></si>\
            <si><t>汇总</t></si>\
            </sst>
            """
        let summary = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <x:worksheet xmlns:x="\(HandWrittenWorkbook.mainNamespace)"><x:sheetData>\
            <x:row r="1"><x:c r="A1" t="s"><x:v>6</x:v></x:c></x:row>\
            <x:row r="2"><x:c r="A2"><x:v>1</x:v></x:c></x:row>\
            </x:sheetData></x:worksheet>
            """
        let people = HandWrittenWorkbook.sheet("""
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>\
            <row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2"><v>45000</v></c></row>\
            <row r="3"><c r="A3" t="s"><v>3</v></c><c r="B3" t="s"><v>4</v></c></row>\
            <row r="4"><c r="A4" t="s"><v>5</v></c><c r="B4"><v>1200.5</v></c></row>
            """)
        try HandWrittenWorkbook.write(
            to: url,
            sheets: [("Summary", "worksheets/sheet1.xml", summary), ("People", "/xl/worksheets/people.xml", people)],
            sharedStrings: sharedStrings)

        #expect(try XLSXSource.sheetNames(url: url) == ["Summary", "People"])

        let first = try readAll(XLSXSource(url: url))
        #expect(first.header == ["汇总"])
        #expect(first.fields == [["1"]])
        #expect(try readAll(XLSXSource(url: url, preferredSheet: "missing")).header == ["汇总"])

        let chosen = try readAll(XLSXSource(url: url, preferredSheet: "people"))
        #expect(chosen.header == ["姓名", "金额"])
        #expect(chosen.fields == [
            ["张三 ", "45000"],
            ["A & B <c>", "  "],
            ["line1\nline2\r", "1200.5"],
        ])
        #expect(chosen.lines == [2, 3, 4])

        // Choosing by content, whatever the extension.
        let renamed = dir.file("book.csv")
        try FileManager.default.copyItem(at: url, to: renamed)
        let source = try openTabularSource(url: renamed, preferredSheet: "PEOPLE")
        #expect(source is XLSXSource)
        #expect(try readAll(source).header == ["姓名", "金额"])
    }

    @Test func badSharedStringIndexIsInvalidWithTheRow() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = dir.file("bad.xlsx")
        let sheet = HandWrittenWorkbook.sheet("""
            <row r="1"><c r="A1" t="inlineStr"><is><t>h</t></is></c></row><row r="2"><c r="A2" t="s"><v>9</v></c></row>
            """)
        try HandWrittenWorkbook.write(to: url, sheets: [("S", "worksheets/sheet1.xml", sheet)])
        let error = #expect(throws: TabularError.self) { try readAll(XLSXSource(url: url)) }
        #expect(error?.code == "xlsx.invalid")
        #expect(error?.line == 2)
    }

    @Test func notAWorkbookIsInvalid() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let zip = dir.file("other.xlsx")
        try ZIPPartsWriter.write(url: zip, parts: [("readme.txt", Data("hello".utf8))])
        let error = #expect(throws: TabularError.self) { try readAll(XLSXSource(url: zip)) }
        #expect(error?.code == "xlsx.invalid")

        let garbage = try dir.write("garbage.xlsx", Data([0x50, 0x4B, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8]))
        let source = try openTabularSource(url: garbage)
        #expect(source is XLSXSource)
        let garbageError = #expect(throws: TabularError.self) { try readAll(source) }
        #expect(garbageError?.code == "xlsx.invalid")

        let missing = #expect(throws: TabularError.self) { try readAll(XLSXSource(url: dir.file("nope.xlsx"))) }
        #expect(missing?.code == "file.unreadable")
    }

    @Test func emptySheetIsEmpty() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = dir.file("empty.xlsx")
        try XLSXWriter.write(url: url, sheetName: "Sheet1", rows: [])
        let error = #expect(throws: TabularError.self) { try readAll(XLSXSource(url: url)) }
        #expect(error?.code == "file.empty")
    }

    @Test func bodyErrorsAreRethrown() throws {
        struct Stop: Error, Equatable {}
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = dir.file("rows.xlsx")
        try XLSXWriter.write(url: url, sheetName: "S", rows: [["a"], ["1"], ["2"], ["3"]])
        var seen: [String] = []
        #expect(throws: Stop()) {
            try XLSXSource(url: url).read(header: { _ in }, row: { row in
                seen.append(row.fields[0])
                if row.fields[0] == "2" { throw Stop() }
            })
        }
        #expect(seen == ["1", "2"])
    }
}
