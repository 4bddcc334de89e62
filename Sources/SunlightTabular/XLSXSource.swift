import Foundation

/// One sheet of an XLSX workbook, streamed row by row.
///
/// The sheet read is the first one in tab order unless a sheet is named `preferredSheet`
/// (compared case-insensitively — the data contract lets a workbook hold several data sets,
/// each in a sheet named after it, e.g. "people"). See `XLSXSheetReader` for how cell values
/// are represented and `XLSXPackage.withExtractedPart` for how memory is kept bounded.
public struct XLSXSource: TabularSource, Sendable {
    public let url: URL
    public let preferredSheet: String?
    /// Part sizes, compression ratio, shared strings and field limits (see `TabularLimits`).
    public let limits: TabularLimits

    /// The package's bytes when it is read from memory (`init(data:)`); nil for a file.
    private let contents: Data?

    public init(url: URL, preferredSheet: String? = nil, limits: TabularLimits = .standard) {
        self.url = url
        self.preferredSheet = preferredSheet
        self.limits = limits
        self.contents = nil
    }

    /// A workbook held in memory; `url` is then a placeholder (`memory:xlsx`). Not used by the
    /// app, whose uploads are files: the fuzz target uses it to avoid a file per input. Only
    /// the opening differs (see `XLSXPackage.init(data:limits:)`, which also says why this
    /// must not be given untrusted bytes); the reading is shared.
    init(data: Data, preferredSheet: String? = nil, limits: TabularLimits = .standard) {
        self.url = URL(string: "memory:xlsx")!
        self.preferredSheet = preferredSheet
        self.limits = limits
        self.contents = data
    }

    /// The workbook's sheet names in tab order.
    public static func sheetNames(url: URL) throws -> [String] {
        try XLSXPackage(url: url).sheets.map(\.name)
    }

    public func read(header: ([String]) throws -> Void, row: (TabularRow) throws -> Void) throws {
        let package = try contents.map { try XLSXPackage(data: $0, limits: limits) }
            ?? XLSXPackage(url: url, limits: limits)
        let sheet = try package.sheet(preferred: preferredSheet)
        let sharedStrings: [String]
        if let path = package.sharedStringsPath {
            sharedStrings = try package.withExtractedPart(path) { try XLSXSharedStringsReader.read(from: $0, limits: limits) }
        } else {
            sharedStrings = []
        }

        var rows = HeaderThenRows()
        var width = 0
        try package.withExtractedPart(sheet.path) { fileURL in
            try XLSXSheetReader.read(from: fileURL, sharedStrings: sharedStrings, limits: limits) { line, cells in
                var fields = cells
                if rows.sawHeader {
                    // Excel omits empty trailing cells: pad to the header's width, and drop
                    // empty cells beyond it (formatting-only cells), keeping any with content.
                    while fields.count > width, fields.last?.isEmpty == true { fields.removeLast() }
                    if fields.count < width {
                        fields.append(contentsOf: repeatElement("", count: width - fields.count))
                    }
                } else {
                    while fields.last?.isEmpty == true { fields.removeLast() }
                    width = fields.count
                }
                try rows.accept(line: line, fields: fields, header: header, row: row)
            }
        }
        guard rows.sawHeader else { throw TabularError.empty() }
    }
}
