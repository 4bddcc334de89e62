import Foundation

/// A spreadsheet file read row by row.
///
/// Push-style streaming readers: memory stays constant whatever the file size (CSV is read in
/// chunks of about 1 MiB, XLSX sheets are parsed with a streaming SAX parser), never the whole
/// file at once. The only exception is an XLSX shared-string table, which must be held in
/// memory because any cell may refer to any entry.
///
/// Hostile files are refused, not read: every reader enforces `TabularLimits` (field, fields
/// per record, record, and for XLSX part sizes, compression ratio and shared strings) while
/// reading, with a `TabularError` naming the line where it applies.
///
/// Conforming types are `Sendable` values (a URL and options) so a source can be handed to a
/// background import task; each `read` call opens the file afresh.
public protocol TabularSource: Sendable {
    /// Reads the header row (the first non-blank row) then calls `row` for each data row.
    ///
    /// Blank lines (all fields empty) are skipped, before and after the header. Throws
    /// `TabularError` for problems with the file (`file.empty` when there is no header row),
    /// or rethrows the first error thrown by `header` or `row`, which stops the read.
    ///
    /// CSV rows are delivered exactly as parsed (a short row stays short so the caller can
    /// report it). XLSX rows are padded with "" to the header's width, because Excel simply
    /// omits empty trailing cells; trailing empty cells of the header itself are dropped.
    func read(header: ([String]) throws -> Void, row: (TabularRow) throws -> Void) throws
}

/// Opens a spreadsheet, choosing the reader by content rather than by file extension (users
/// rename files, and browsers upload them under arbitrary names): a file starting with the ZIP
/// signature "PK\u{3}\u{4}" is XLSX, anything else is CSV with its encoding detected when read.
public func openTabularSource(url: URL, preferredSheet: String? = nil) throws -> any TabularSource {
    let reader = try FileByteReader(url: url)
    var magic = [UInt8](repeating: 0, count: 4)
    let count = try magic.withUnsafeMutableBytes { try reader.read(into: $0) }
    if count == 4 && magic == [0x50, 0x4B, 0x03, 0x04] {
        return XLSXSource(url: url, preferredSheet: preferredSheet)
    }
    return CSVSource(url: url)
}

/// The rule shared by all readers: the first non-blank row is the header, later non-blank
/// rows are data rows.
struct HeaderThenRows {
    private(set) var sawHeader = false

    mutating func accept(
        line: Int, fields: [String],
        header: ([String]) throws -> Void, row: (TabularRow) throws -> Void
    ) throws {
        if fields.allSatisfy(\.isEmpty) { return }
        if sawHeader {
            try row(TabularRow(line: line, fields: fields))
        } else {
            sawHeader = true
            try header(fields)
        }
    }
}
