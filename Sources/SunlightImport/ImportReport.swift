import SunlightContract

/// The outcome of one import, as the terminal, the web page and the API show it.
public struct ImportReport: Sendable, Codable, Equatable {
    public enum Status: String, Sendable, Codable {
        /// Every row was valid and written.
        case committed
        /// Some rows were invalid and skipped (`--skip-invalid`); the valid ones were written.
        case committedWithRejects = "committed_with_rejects"
        /// Nothing was written.
        case rejected
    }

    public var importID: Int64?
    public var dataset: String
    public var fileName: String
    public var fileSHA256: String
    public var status: Status
    public var rowsRead: Int
    public var inserted: Int
    public var updated: Int
    public var unchanged: Int
    /// Rows removed because the import replaced their roll (`benefits`) and did not repeat them.
    public var deleted: Int = 0
    public var rejectedRows: Int
    /// Row problems, in file order; at most `ImportOptions.maxReportedErrors` of them.
    public var errors: [CellError]
    /// All row problems found, including those beyond the reported ones.
    public var errorCount: Int
    /// A problem with the file as a whole (encoding, header, broken quoting), if any.
    public var fileError: FileProblem?

    public var isWritten: Bool { status != .rejected }

    /// A report before anything is read: rejected until the import says otherwise.
    static func starting(dataset: String, fileName: String, fileSHA256: String) -> ImportReport {
        ImportReport(dataset: dataset, fileName: fileName, fileSHA256: fileSHA256, status: .rejected, rowsRead: 0, inserted: 0,
                     updated: 0, unchanged: 0, rejectedRows: 0, errors: [], errorCount: 0, fileError: nil)
    }

    enum CodingKeys: String, CodingKey {
        case importID = "import_id", dataset, fileName = "file_name", fileSHA256 = "file_sha256", status
        case rowsRead = "rows_read", inserted, updated, unchanged, deleted, rejectedRows = "rejected_rows", errors
        case errorCount = "error_count", fileError = "file_error"
    }
}

/// A file-level problem with bilingual messages.
public struct FileProblem: Sendable, Codable, Equatable {
    public let line: Int?
    public let code: String
    public let messageZh: String
    public let messageEn: String

    enum CodingKeys: String, CodingKey {
        case line, code, messageZh = "message_zh", messageEn = "message_en"
    }
}

extension CellError {
    /// One line of the report: `line, column, value, reason` in both languages.
    public var reportLine: String {
        "第 \(line) 行 / line \(line), \(column), \"\(value)\": \(messageZh) / \(messageEn)"
    }
}
