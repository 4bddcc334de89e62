/// One data row of a spreadsheet, with the 1-based line number so error reports can point at it.
///
/// For CSV the line is the physical line on which the record *starts* (a quoted field may
/// span several physical lines, so later records are not simply "record index + 1").
/// For XLSX it is the sheet's row number (`<row r="…">`), which is what a user sees in Excel.
public struct TabularRow: Sendable, Equatable {
    public let line: Int
    public let fields: [String]

    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }
}
