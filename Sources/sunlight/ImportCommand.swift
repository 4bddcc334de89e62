import ArgumentParser
import Foundation
import SunlightContract
import SunlightImport
import SunlightStorage

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a dataset file (CSV or XLSX), all-or-nothing, with a line-by-line report.",
        discussion: "Datasets: " + Contract.datasets.map(\.name).joined(separator: ", ")
            + ", and ocds (OCDS JSON: release or record packages, records, releases, compiled releases as JSON Lines; several files at once).")

    @OptionGroup var db: DatabaseOptions
    @Argument(help: "The dataset, e.g. units or people.") var dataset: String
    @Argument(help: "The CSV or XLSX file (for ocds: one or more OCDS files).") var files: [String]
    @Flag(help: "Write the valid rows and keep the rejected ones in the import's record.") var skipInvalid = false
    @Option(help: "Name recorded as the importer (default: the operating-system user).") var actor: String?
    @Flag(help: "Print the report as JSON.") var json = false

    func run() async throws {
        if dataset == OCDSImporter.datasetName {
            try await importOCDS()
            return
        }
        guard files.count == 1, let file = files.first else {
            CommandSupport.printError("一次导入一个 \(dataset) 文件", "give one \(dataset) file per import")
            throw ExitCode(2)
        }
        guard let dataset = Contract.dataset(named: dataset) else {
            CommandSupport.printError("未知数据集：\(self.dataset)（可选：\(Contract.datasets.map(\.name).joined(separator: "、"))）",
                                      "unknown dataset \(self.dataset) (one of: \(Contract.datasets.map(\.name).joined(separator: ", ")))")
            throw ExitCode(2)
        }
        let url = URL(fileURLWithPath: file)
        guard FileManager.default.isReadableFile(atPath: url.path) else {
            CommandSupport.printError("无法读取文件：\(file)", "cannot read file: \(file)")
            throw ExitCode(2)
        }
        let progress = ProgressLine(label: dataset.name)
        let name = actor ?? ("cli:" + (ProcessInfo.processInfo.environment["USER"] ?? "operator"))
        let skipInvalid = self.skipInvalid
        let report = try await CommandSupport.withWorkspace(db) { workspace in
            try await Importer(recorder: workspace.recorder).run(
                dataset, file: url, options: ImportOptions(skipInvalid: skipInvalid, progress: { progress.update($0) }),
                by: .system(name))
        }
        progress.finish()
        try printReport(report)
        if !report.isWritten { throw ExitCode(1) }
    }

    func printReport(_ report: ImportReport) throws {
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print(ImportReportText.render(report))
        }
    }

    /// OCDS files, each in its own all-or-nothing import; stops at the first rejected file.
    func importOCDS() async throws {
        let urls = files.map { URL(fileURLWithPath: $0) }
        for url in urls where !FileManager.default.isReadableFile(atPath: url.path) {
            CommandSupport.printError("无法读取文件：\(url.path)", "cannot read file: \(url.path)")
            throw ExitCode(2)
        }
        let name = actor ?? ("cli:" + (ProcessInfo.processInfo.environment["USER"] ?? "operator"))
        let skipInvalid = self.skipInvalid
        for url in urls {
            let progress = ProgressLine(label: "ocds " + url.lastPathComponent)
            let counter = ProgressCounter()
            let report = try await CommandSupport.withWorkspace(db) { workspace in
                try await OCDSImporter(recorder: workspace.recorder).run(
                    file: url, options: ImportOptions(skipInvalid: skipInvalid, progress: { progress.update(counter.add($0)) }),
                    by: .system(name))
            }
            progress.finish()
            try printReport(report)
            if !report.isWritten { throw ExitCode(1) }
        }
    }
}

/// A running total for progress reported in batches.
final class ProgressCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var total = 0

    func add(_ n: Int) -> Int {
        lock.lock(); defer { lock.unlock() }
        total += n
        return total
    }
}

/// The import report for the terminal, in both languages.
enum ImportReportText {
    static func render(_ report: ImportReport) -> String {
        var lines: [String] = []
        switch report.status {
        case .committed: lines.append("已导入 / imported: \(report.dataset) from \(report.fileName)")
        case .committedWithRejects: lines.append("已导入有效行，无效行已跳过 / imported valid rows, skipped invalid ones: \(report.dataset)")
        case .rejected: lines.append("已拒绝，未写入任何数据 / rejected, nothing written: \(report.dataset) from \(report.fileName)")
        }
        lines.append("sha256 \(report.fileSHA256)")
        lines.append("读取 read \(report.rowsRead) · 新增 inserted \(report.inserted) · 更新 updated \(report.updated) · "
                     + "未变 unchanged \(report.unchanged) · 删除 deleted \(report.deleted) · 拒绝 rejected \(report.rejectedRows)")
        if let problem = report.fileError {
            lines.append((problem.line.map { "line \($0): " } ?? "") + "\(problem.messageZh) / \(problem.messageEn)")
        }
        for error in report.errors { lines.append(error.reportLine) }
        if report.errorCount > report.errors.count { lines.append("… +\(report.errorCount - report.errors.count) more") }
        return lines.joined(separator: "\n")
    }
}

/// A one-line progress display on standard error (only when it is a terminal).
final class ProgressLine: @unchecked Sendable {
    private let label: String
    private let start = Date()
    private let isTerminal = isatty(STDERR_FILENO) != 0
    private let lock = NSLock()

    init(label: String) { self.label = label }

    func update(_ rows: Int) {
        guard isTerminal else { return }
        lock.lock(); defer { lock.unlock() }
        let elapsed = max(Date().timeIntervalSince(start), 0.001)
        let rate = Int(Double(rows) / elapsed)
        let spinner = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"][(rows / 10_000) % 10]
        FileHandle.standardError.write(Data("\r\(spinner) \(label): \(rows) rows · \(rate) rows/s · \(Int(elapsed)) s   ".utf8))
    }

    func finish() {
        guard isTerminal else { return }
        FileHandle.standardError.write(Data("\n".utf8))
    }
}
