import Foundation

/// A CSV file in UTF-8 (with or without BOM) or GB18030, read in constant memory.
///
/// The file is read in chunks of `chunkSize` bytes into one reused buffer; GB18030 chunks are
/// converted to UTF-8 by iconv on the way (see `Iconv`), carrying any multi-byte sequence cut
/// by a chunk boundary over to the next chunk. Parsing is `CSVRecordParser` (RFC 4180).
public struct CSVSource: TabularSource, Sendable {
    /// Bytes read per chunk, and the size of the encoding-detection sample.
    static let chunkSize = 1 << 20

    public let url: URL
    /// The encoding to use, or nil to detect it when reading.
    public let encoding: TextEncodingKind?
    /// Field, fields-per-record and record limits (see `TabularLimits`).
    public let limits: TabularLimits

    /// - Parameter encoding: nil (the default) detects the encoding with `detectEncoding(url:)`.
    public init(url: URL, encoding: TextEncodingKind? = nil, limits: TabularLimits = .standard) {
        self.url = url
        self.encoding = encoding
        self.limits = limits
    }

    /// Detects the encoding from the first `chunkSize` bytes (about 1 MiB).
    ///
    /// A UTF-8 BOM → `.utf8BOM`; else if the sample is valid UTF-8 → `.utf8` (a multi-byte
    /// character cut off at the end of a full-size sample is fine — only the end of the *file*
    /// must be complete); else if it decodes as GB18030 → `.gb18030`; else `file.encoding`.
    /// UTF-8 is tried first because GB18030 accepts almost any byte pair, while valid UTF-8 with
    /// non-ASCII text is very unlikely to be GB18030 by accident. An empty file detects as UTF-8
    /// (reading it then reports `file.empty`).
    public static func detectEncoding(url: URL) throws -> TextEncodingKind {
        let reader = try FileByteReader(url: url)
        let sample = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 8)
        defer { sample.deallocate() }
        let count = try reader.read(into: sample)
        let atEndOfFile = count < chunkSize
        let bytes = UnsafeBufferPointer(start: sample.baseAddress!.assumingMemoryBound(to: UInt8.self), count: count)

        if count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
            return .utf8BOM
        }
        switch UTF8Validation.validate(bytes) {
        case .valid:
            return .utf8
        case .truncated where !atEndOfFile:
            return .utf8
        case .truncated, .invalid:
            break
        }
        if let converter = try? Iconv(from: "GB18030", to: "UTF-8") {
            let consumed = try? converter.convert(UnsafeRawBufferPointer(bytes)) { _ in }
            // A sequence cut off at the end of a full-size sample is fine (at most 3 bytes).
            if let consumed, consumed == count || (!atEndOfFile && count - consumed < 4) {
                return .gb18030
            }
        }
        throw TabularError.encoding(line: nil)
    }

    public func read(header: ([String]) throws -> Void, row: (TabularRow) throws -> Void) throws {
        let kind = try encoding ?? Self.detectEncoding(url: url)
        let reader = try FileByteReader(url: url)
        var parser = CSVRecordParser(limits: limits)
        var rows = HeaderThenRows()
        func accept(_ line: Int, _ fields: [String]) throws {
            try rows.accept(line: line, fields: fields, header: header, row: row)
        }

        // Room for a carried-over partial GB18030 sequence (at most 3 bytes) before the chunk.
        let carryRoom = 8
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: carryRoom + Self.chunkSize, alignment: 8)
        defer { buffer.deallocate() }
        let base = buffer.baseAddress!

        switch kind {
        case .utf8, .utf8BOM:
            while true {
                let count = try reader.read(into: UnsafeMutableRawBufferPointer(start: base, count: Self.chunkSize))
                if count == 0 { break }
                try parser.feed(UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: count), onRecord: accept)
            }

        case .gb18030:
            let converter: Iconv
            do {
                converter = try Iconv(from: "GB18030", to: "UTF-8", outputCapacity: 2 * Self.chunkSize)
            } catch {
                throw TabularError.unreadable("GB18030 conversion is not available (iconv)")
            }
            var carried = 0
            while true {
                let count = try reader.read(into: UnsafeMutableRawBufferPointer(start: base + carried, count: Self.chunkSize))
                if count == 0 {
                    if carried > 0 { throw TabularError.encoding(line: parser.line) }
                    break
                }
                let available = carried + count
                let consumed: Int
                do {
                    consumed = try converter.convert(UnsafeRawBufferPointer(start: base, count: available)) { utf8 in
                        try parser.feed(utf8, onRecord: accept)
                    }
                } catch is Iconv.Failure {
                    throw TabularError.encoding(line: parser.line)
                }
                carried = available - consumed
                guard carried < carryRoom else { throw TabularError.encoding(line: parser.line) }
                if carried > 0 {
                    (base).copyMemory(from: base + consumed, byteCount: carried)
                }
            }
        }

        try parser.finish(onRecord: accept)
        guard rows.sawHeader else { throw TabularError.empty() }
    }
}
