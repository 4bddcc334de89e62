import Foundation

/// Writes an RFC 4180 CSV file: comma-separated, CRLF line ends, and a field quoted (with `"`
/// doubled) only when it contains a comma, quote, CR or LF.
///
/// UTF-8 with a BOM by default, because that is what makes Excel on Chinese Windows open the
/// file as UTF-8 instead of GBK. Output is buffered (64 KiB) so large exports are not one
/// system call per row. Call `close()` to flush; `deinit` closes as a fallback but cannot
/// report errors. Not thread-safe: one writer per task.
public final class CSVWriter {
    private static let flushThreshold = 1 << 16

    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var closed = false

    /// Creates (or truncates) the file at `url`.
    public init(url: URL, bom: Bool = true) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        handle = try FileHandle(forWritingTo: url)
        buffer.reserveCapacity(Self.flushThreshold + 4096)
        if bom { buffer.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
    }

    deinit {
        if !closed { try? close() }
    }

    /// One row as RFC 4180 text with its CRLF, quoted exactly as `write(row:)` writes it — for
    /// CSV that goes to a response body or standard output rather than a file.
    public static func line(_ row: [String]) -> String {
        var bytes: [UInt8] = []
        for (index, field) in row.enumerated() {
            if index > 0 { bytes.append(0x2C) }
            append(field, to: &bytes)
        }
        bytes += [0x0D, 0x0A]
        return String(decoding: bytes, as: UTF8.self)
    }

    public func write(row: [String]) throws {
        guard !closed else { throw CocoaError(.fileWriteUnknown) }
        for (index, field) in row.enumerated() {
            if index > 0 { buffer.append(0x2C) }
            append(field)
        }
        buffer.append(0x0D)
        buffer.append(0x0A)
        if buffer.count >= Self.flushThreshold { try flush() }
    }

    public func close() throws {
        guard !closed else { return }
        closed = true
        try flush()
        try handle.close()
    }

    private func append(_ field: String) { Self.append(field, to: &buffer) }

    private static func append(_ field: String, to buffer: inout [UInt8]) {
        let needsQuotes = field.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }
        guard needsQuotes else {
            buffer.append(contentsOf: field.utf8)
            return
        }
        buffer.append(0x22)
        for unit in field.utf8 {
            if unit == 0x22 { buffer.append(0x22) }
            buffer.append(unit)
        }
        buffer.append(0x22)
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
