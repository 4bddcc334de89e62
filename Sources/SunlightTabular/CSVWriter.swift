import Foundation

/// Writes an RFC 4180 CSV file: comma-separated, CRLF line ends, and a field quoted (with `"`
/// doubled) only when it contains a comma, quote, CR or LF.
///
/// UTF-8 with a BOM by default, because that is what makes Excel on Chinese Windows open the
/// file as UTF-8 instead of GBK. Output is buffered (64 KiB) so large exports are not one
/// system call per row. Call `close()` to flush; `deinit` closes as a fallback but cannot
/// report errors. Not thread-safe: one writer per task.
///
/// Formula injection (CWE-1236): a cell that starts with `=`, `+`, `-`, `@`, tab or CR is read
/// by Excel, WPS and LibreOffice as a formula — a project code `=HYPERLINK("http://…","点此")`
/// in a findings export would become a live link, and `=cmd|…` worse. Every such cell is
/// written with a leading `'` (OWASP's advice; spreadsheets show the text and hide the quote)
/// — *except* a plain decimal number like `-12.50` or `+3`, so that money and other numeric
/// columns stay numbers (a plain number cannot be a formula). This is the writer every CSV
/// export goes through (`CSVWriter.line` for response bodies and standard output), so the
/// rule lives here once; `neutralizesFormulas: false` is for trusted round trips only
/// (files that only our own reader will read, never a spreadsheet).
public final class CSVWriter {
    private static let flushThreshold = 1 << 16

    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var closed = false
    private let neutralizesFormulas: Bool

    /// Creates (or truncates) the file at `url`.
    public init(url: URL, bom: Bool = true, neutralizesFormulas: Bool = true) throws {
        self.neutralizesFormulas = neutralizesFormulas
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
            append(field, to: &bytes, neutralize: true)
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

    private func append(_ field: String) { Self.append(field, to: &buffer, neutralize: neutralizesFormulas) }

    /// Whether a spreadsheet would take `field` as a formula: it starts with `=`, `+`, `-`, `@`,
    /// tab or CR and is not a plain decimal number (see the type's doc comment).
    public static func looksLikeFormula(_ field: String) -> Bool {
        guard let first = field.utf8.first else { return false }
        switch first {
        case 0x3D, 0x40, 0x09, 0x0D:  // = @ tab CR
            return true
        case 0x2B, 0x2D:  // + -
            return !isPlainSignedNumber(field)
        default:
            return false
        }
    }

    /// `+` or `-`, digits, optionally `.` and digits — what a money or count column holds.
    private static func isPlainSignedNumber(_ field: String) -> Bool {
        var digits = 0
        var sawPoint = false
        var digitsAfterPoint = 0
        for (index, unit) in field.utf8.enumerated() {
            if index == 0 { continue }  // the sign
            if unit >= 0x30 && unit <= 0x39 {
                digits += 1
                if sawPoint { digitsAfterPoint += 1 }
            } else if unit == 0x2E && !sawPoint {
                sawPoint = true
            } else {
                return false
            }
        }
        return digits > 0 && (!sawPoint || digitsAfterPoint > 0)
    }

    private static func append(_ field: String, to buffer: inout [UInt8], neutralize: Bool) {
        let prefix = neutralize && looksLikeFormula(field)
        let needsQuotes = field.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }
        guard needsQuotes else {
            if prefix { buffer.append(0x27) }
            buffer.append(contentsOf: field.utf8)
            return
        }
        buffer.append(0x22)
        if prefix { buffer.append(0x27) }
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
