/// A problem with a spreadsheet file itself (as opposed to the values in it), with bilingual
/// messages because the people who fix the files read Chinese and the operators may read English.
///
/// `line` is the 1-based physical line (CSV) or row number (XLSX) where the problem was found,
/// or `nil` when it concerns the whole file. The messages do not repeat the line number, so a
/// caller can prefix it in its own format ("第 12 行：…" / "Line 12: …").
///
/// Codes:
/// - `csv.unterminated_quote`: a quoted field never closes (line = where the quote opened).
/// - `csv.stray_quote`: a quote inside an unquoted field, or text right after a closing quote.
/// - `file.encoding`: the bytes are neither UTF-8 nor GB18030.
/// - `file.empty`: no header row (empty file, or only blank lines).
/// - `xlsx.invalid`: not a readable OOXML workbook.
/// - `file.unreadable`: the file cannot be opened or read.
/// - `file.field_too_long`, `file.too_many_fields`, `file.record_too_long`: a field, record or
///   row beyond `TabularLimits` (line = where it was found; CSV and XLSX alike).
/// - `xlsx.part_too_large`: a part's declared or inflated size is beyond `TabularLimits`.
/// - `xlsx.compression_ratio`: a part inflates far more than real workbooks do (a zip bomb),
///   judged on the declared sizes first and on the running byte count while inflating.
/// - `xlsx.shared_strings_limit`: too many shared strings, or too many bytes of them.
public struct TabularError: Error, Sendable, Equatable, CustomStringConvertible {
    public let line: Int?
    public let code: String
    public let messageZh: String
    public let messageEn: String

    public init(line: Int?, code: String, messageZh: String, messageEn: String) {
        self.line = line
        self.code = code
        self.messageZh = messageZh
        self.messageEn = messageEn
    }

    public var description: String {
        if let line {
            return "\(code) (line \(line)): \(messageEn)"
        }
        return "\(code): \(messageEn)"
    }
}

extension TabularError {
    static func unterminatedQuote(line: Int) -> TabularError {
        TabularError(
            line: line, code: "csv.unterminated_quote",
            messageZh: "从此行开始的带引号字段缺少结束引号",
            messageEn: "A quoted field starting on this line has no closing quote")
    }

    static func strayQuote(line: Int) -> TabularError {
        TabularError(
            line: line, code: "csv.stray_quote",
            messageZh: "引号位置不正确：未加引号的字段中出现了引号，或结束引号后紧跟其他字符（字段内的引号应写成两个引号 \"\"，并用引号括住整个字段）",
            messageEn: "Misplaced quote: a quote inside an unquoted field, or text right after a closing quote (quotes inside a field must be doubled \"\" and the whole field quoted)")
    }

    static func encoding(line: Int?) -> TabularError {
        TabularError(
            line: line, code: "file.encoding",
            messageZh: "无法识别文件编码：既不是 UTF-8 也不是 GB18030，请另存为 UTF-8 CSV 或 XLSX",
            messageEn: "Unrecognised text encoding: neither UTF-8 nor GB18030; save the file as UTF-8 CSV or XLSX")
    }

    static func empty() -> TabularError {
        TabularError(
            line: nil, code: "file.empty",
            messageZh: "文件为空：没有找到表头行",
            messageEn: "The file is empty: no header row found")
    }

    static func xlsxInvalid(_ detailZh: String, _ detailEn: String, line: Int? = nil) -> TabularError {
        TabularError(
            line: line, code: "xlsx.invalid",
            messageZh: "不是有效的 XLSX 工作簿：\(detailZh)",
            messageEn: "Not a valid XLSX workbook: \(detailEn)")
    }

    static func unreadable(_ detail: String) -> TabularError {
        TabularError(
            line: nil, code: "file.unreadable",
            messageZh: "无法读取文件：\(detail)",
            messageEn: "Cannot read the file: \(detail)")
    }

    static func fieldTooLong(line: Int?, limit: Int) -> TabularError {
        TabularError(
            line: line, code: "file.field_too_long",
            messageZh: "字段过长：超过 \(limit) 字节，文件被拒收（请检查是否误粘贴了大段内容）",
            messageEn: "Field too long: more than \(limit) bytes; the file is refused (check for pasted bulk text)")
    }

    static func tooManyFields(line: Int, limit: Int) -> TabularError {
        TabularError(
            line: line, code: "file.too_many_fields",
            messageZh: "字段过多：一行超过 \(limit) 列，文件被拒收",
            messageEn: "Too many fields: more than \(limit) columns in one row; the file is refused")
    }

    static func recordTooLong(line: Int, limit: Int) -> TabularError {
        TabularError(
            line: line, code: "file.record_too_long",
            messageZh: "行过长：一行超过 \(limit) 字节，文件被拒收",
            messageEn: "Row too long: more than \(limit) bytes in one row; the file is refused")
    }

    static func partTooLarge(_ path: String, limit: Int64) -> TabularError {
        TabularError(
            line: nil, code: "xlsx.part_too_large",
            messageZh: "XLSX 部件 \(path) 解压后超过 \(limit) 字节上限，文件被拒收",
            messageEn: "XLSX part \(path) inflates beyond the limit of \(limit) bytes; the file is refused")
    }

    static func compressionRatio(_ path: String, limit: Int64) -> TabularError {
        TabularError(
            line: nil, code: "xlsx.compression_ratio",
            messageZh: "XLSX 部件 \(path) 的压缩比超过 \(limit):1 或解压大小与声明不符，疑似压缩炸弹，文件被拒收",
            messageEn: "XLSX part \(path) inflates more than \(limit):1 or beyond its declared size (a likely zip bomb); the file is refused")
    }

    static func sharedStringsLimit(count: Int, bytes: Int) -> TabularError {
        TabularError(
            line: nil, code: "xlsx.shared_strings_limit",
            messageZh: "XLSX 共享字符串表过大（上限 \(count) 项、共 \(bytes) 字节），文件被拒收",
            messageEn: "XLSX shared strings too large (limit \(count) entries, \(bytes) bytes in all); the file is refused")
    }
}
