import Foundation
import Testing
@testable import SunlightTabular

@Suite struct EncodingTests {
    @Test func gb18030RoundTripsIncludingFourByteCharacters() throws {
        let text = "张三,身份证号,￥1,200 𠀀 😀 €"
        let encoded = try GB18030.encode(text)
        #expect(Array(try GB18030.encode("张")) == [0xD5, 0xC5])
        #expect(Array(try GB18030.encode("𠀀")) == [0x95, 0x32, 0x82, 0x36])
        #expect(try GB18030.decode(encoded) == text)
        let error = #expect(throws: TabularError.self) { try GB18030.decode(Data([0x61, 0xFF, 0x62])) }
        #expect(error?.code == "file.encoding")
        #expect(throws: TabularError.self) { try GB18030.decode(Data([0xD5])) }  // truncated
    }

    @Test func gb18030FileIsDetectedAndDecodedExactly() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let text = "张三,身份证号,\"￥1,200\"\r\n李四,110101199001011234,\"￥45,000.50\"\r\n"
        let url = try dir.write("gbk.csv", try GB18030.encode(text))
        #expect(try CSVSource.detectEncoding(url: url) == .gb18030)
        let result = try readAll(CSVSource(url: url))
        #expect(result.header == ["张三", "身份证号", "￥1,200"])
        #expect(result.fields == [["李四", "110101199001011234", "￥45,000.50"]])
        // Forcing the encoding gives the same result.
        #expect(try readAll(CSVSource(url: url, encoding: .gb18030)).header == result.header)
    }

    @Test func utf8IsPreferredOverGB18030() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = try dir.write("utf8.csv", "姓名,金额\n张三,100\n")
        #expect(try CSVSource.detectEncoding(url: url) == .utf8)
        let ascii = try dir.write("ascii.csv", "a,b\n")
        #expect(try CSVSource.detectEncoding(url: ascii) == .utf8)
    }

    @Test func invalidGB18030LaterInTheFileReportsTheLine() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let data = try GB18030.encode("姓名,金额\n张三,100\n李四,") + Data([0xFF]) + Data("\n".utf8)
        let url = try dir.write("bad.csv", data)
        let error = #expect(throws: TabularError.self) { try readAll(CSVSource(url: url, encoding: .gb18030)) }
        #expect(error?.code == "file.encoding")
        #expect(error?.line == 3)
    }

    /// A GB18030 file larger than two read chunks, built so that a two-byte character straddles
    /// the first chunk boundary (which is also the end of the detection sample) and a four-byte
    /// character straddles the second; every row must come back exactly.
    @Test func gb18030SequencesSplitAcrossChunksDecodeExactly() throws {
        let chunk = CSVSource.chunkSize
        var expected: [[String]] = []
        var data = try GB18030.encode("序号,姓名,备注\n")
        var index = 0

        func appendRow(_ fields: [String]) throws {
            expected.append(fields)
            data += try GB18030.encode(fields.joined(separator: ",") + "\n")
        }
        /// Pads with an ASCII row so that the row after it puts `character` (the start of its
        /// second field) at byte offset `target`.
        func straddle(_ character: String, at target: Int) throws {
            index += 1
            let prefix = "\(index + 1),"
            let padPrefix = "\(index),pad,"
            let padLength = target - data.count - prefix.utf8.count - padPrefix.utf8.count - 1
            precondition(padLength > 0)
            try appendRow(["\(index)", "pad", String(repeating: "x", count: padLength)])
            index += 1
            precondition(data.count + prefix.utf8.count == target)
            try appendRow(["\(index)", character + "某某", "跨块"])
        }

        while data.count < chunk - 200 {
            index += 1
            try appendRow(["\(index)", "张三\(index % 97)", "备注：人民币￥\(index * 7)元，“引号”"])
        }
        try straddle("张", at: chunk - 1)
        while data.count < 2 * chunk - 200 {
            index += 1
            try appendRow(["\(index)", "李四𠀀\(index % 13)", "说明 \(index)"])
        }
        try straddle("𠀀", at: 2 * chunk - 2)
        for _ in 0..<1000 {
            index += 1
            try appendRow(["\(index)", "王五", "结束"])
        }
        #expect(data.count > 2 * chunk)
        #expect(data[chunk - 1] == 0xD5 && data[chunk] == 0xC5)  // 张 split 1 | 1
        #expect(Array(data[(2 * chunk - 2)..<(2 * chunk + 2)]) == [0x95, 0x32, 0x82, 0x36])  // 𠀀 split 2 | 2

        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = try dir.write("big-gbk.csv", data)
        #expect(try CSVSource.detectEncoding(url: url) == .gb18030)
        let result = try readAll(CSVSource(url: url))
        #expect(result.header == ["序号", "姓名", "备注"])
        #expect(result.rows.count == expected.count)
        #expect(result.fields == expected)
        #expect(result.lines == Array(2..<(expected.count + 2)))
    }

    /// The same for UTF-8: a three-byte character cut by the first chunk (and by the detection
    /// sample), and a CRLF pair cut by the second.
    @Test func utf8SequencesAndCRLFSplitAcrossChunks() throws {
        let chunk = CSVSource.chunkSize
        var expected: [[String]] = []
        var data = Data("序号,姓名\r\n".utf8)
        var index = 0
        func appendRow(_ fields: [String]) {
            expected.append(fields)
            data += Data((fields.joined(separator: ",") + "\r\n").utf8)
        }
        while data.count < chunk - 100 {
            index += 1
            appendRow(["\(index)", "张三\(index)"])
        }
        // Pad so that the next row's "张" starts at chunk - 1.
        index += 1
        let padPrefix = "\(index),"
        let nextPrefix = "\(index + 1),"
        appendRow(["\(index)", String(repeating: "y", count: chunk - 1 - data.count - padPrefix.utf8.count - 2 - nextPrefix.utf8.count)])
        index += 1
        appendRow(["\(index)", "张跨块"])
        #expect(Array(data[(chunk - 1)...(chunk + 1)]) == Array("张".utf8))
        while data.count < 2 * chunk - 100 {
            index += 1
            appendRow(["\(index)", "李四\(index)"])
        }
        // Pad so that this row's CR is the last byte of the second chunk.
        index += 1
        let rowPrefix = "\(index),"
        appendRow(["\(index)", String(repeating: "z", count: 2 * chunk - 1 - data.count - rowPrefix.utf8.count)])
        #expect(data[2 * chunk - 1] == 0x0D && data[2 * chunk] == 0x0A)
        for _ in 0..<10 {
            index += 1
            appendRow(["\(index)", "王五"])
        }

        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let url = try dir.write("big-utf8.csv", data)
        #expect(try CSVSource.detectEncoding(url: url) == .utf8)
        let result = try readAll(CSVSource(url: url))
        #expect(result.fields == expected)
        #expect(result.lines == Array(2..<(expected.count + 2)))
    }
}
