/// A problem with the input file, with the line it is on and messages in Chinese and English.
///
/// Why lines: "nothing lost, nothing partial" (PRODUCT.md) — an import either reads every line or
/// says which line it could not read. Cardinal logs a warning and skips; Sunlight stops with this
/// error unless the caller asked to skip (`ReadOptions.skipInvalid`), in which case the skipped
/// lines are still counted and listed in `ReadSummary`.
public struct ReadError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        /// The line (or document) is not valid JSON (or not valid UTF-8).
        case invalidJSON
        /// Valid JSON, but not OCDS: no string `ocid`, and not a release package, record package or
        /// record.
        case notOCDS
        /// A record with neither `compiledRelease` nor embedded releases to compile.
        case recordWithoutReleases
        /// The file could not be opened or read.
        case io
    }

    public let kind: Kind
    /// 1-based line, when known.
    public let line: Int?
    /// 1-based byte column within the line, when known.
    public let column: Int?
    /// The underlying JSON problem, for `invalidJSON`.
    public let syntax: JSONSyntaxError.Kind?
    /// Free detail (an I/O message, a file name).
    public let detail: String?

    public init(kind: Kind, line: Int?, column: Int? = nil, syntax: JSONSyntaxError.Kind? = nil, detail: String? = nil) {
        self.kind = kind
        self.line = line
        self.column = column
        self.syntax = syntax
        self.detail = detail
    }

    public var messageZh: String {
        let place: String
        if let line, let column { place = "第 \(line) 行第 \(column) 列：" } else if let line { place = "第 \(line) 行：" } else { place = "" }
        switch kind {
        case .invalidJSON:
            let why = syntax.map { JSONSyntaxError($0, at: 0).messageZh } ?? "格式错误"
            return "\(place)不是有效的 JSON（\(why)）"
        case .notOCDS:
            return "\(place)不是 OCDS 数据：没有字符串类型的 ocid，也不是发布包（releases）、记录包（records）或记录"
        case .recordWithoutReleases:
            return "\(place)OCDS 记录既没有 compiledRelease，也没有可合并的完整发布（releases）"
        case .io:
            return "无法读取文件\(detail.map { "：\($0)" } ?? "")"
        }
    }

    public var messageEn: String {
        let place: String
        if let line, let column { place = "line \(line), column \(column): " } else if let line { place = "line \(line): " } else { place = "" }
        switch kind {
        case .invalidJSON:
            let why = syntax.map { JSONSyntaxError($0, at: 0).messageEn } ?? "malformed"
            return "\(place)invalid JSON (\(why))"
        case .notOCDS:
            return "\(place)not OCDS data: no string ocid, and not a release package (releases), record package (records) or record"
        case .recordWithoutReleases:
            return "\(place)OCDS record has neither a compiledRelease nor full releases to compile"
        case .io:
            return "cannot read the file\(detail.map { ": \($0)" } ?? "")"
        }
    }

    public var description: String { messageEn }
}
