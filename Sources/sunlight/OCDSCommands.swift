import ArgumentParser
import Foundation
import SunlightImport
import SunlightProcurement

/// `sunlight ocds`: procurement data in OCDS, read straight from files — Cardinal's
/// `coverage` and `indicators` with its settings file and output shape, and Sunlight's fixes
/// unless `cardinal_compat = true`.
struct OCDSCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ocds",
        abstract: "OCDS procurement data: field coverage and Cardinal's red-flag indicators (招投标预警).",
        subcommands: [Coverage.self, Indicators.self, Differences.self]
    )

    static func fail(_ zh: String, _ en: String) -> ExitCode {
        CommandSupport.printError(zh, en)
        return ExitCode(65)
    }

    struct Coverage: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Field coverage as Cardinal's `coverage` prints it; --processes adds which indicators the data supports.")
        @Argument(help: "A JSON Lines file of OCDS compiled releases (or a package / record file).") var file: String
        @Flag(name: .long, help: "Count per contracting process (packages and records compiled) and list indicator support.") var processes = false

        func run() throws {
            let url = URL(fileURLWithPath: file)
            do {
                if !processes {
                    let (report, invalid) = try SunlightProcurement.Coverage.jsonLines(file: url)
                    print(report.cardinalJSON)
                    for error in invalid.prefix(20) { CommandSupport.printError(error.messageZh, error.messageEn) }
                    return
                }
                let (report, read) = try SunlightProcurement.Coverage.processes(file: url)
                print("processes 流程: \(read.processes)")
                for support in report.indicatorSupport {
                    let missing = support.fields.filter { $0.processes == 0 }.map(\.path)
                    let state = missing.isEmpty ? "supported 可计算" : "missing 缺少: " + missing.joined(separator: ", ")
                    print("\(support.code.rawValue)  \(support.code.titleZh) / \(support.code.titleEn): \(state)")
                }
            } catch let error as ReadError {
                throw OCDSCommand.fail(error.messageZh, error.messageEn)
            }
        }
    }

    struct Indicators: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the 11 Cardinal indicators over OCDS files and print Cardinal's output (or a table).",
            discussion: """
                Without --settings every indicator runs with its defaults in Sunlight mode. With a settings file (Cardinal's INI:
                [defaults], [redactions], [codelists.*], [exclusions], one section per indicator) only the indicators with a section run;
                `cardinal_compat = true` under [defaults] reproduces Cardinal 0.0.8 exactly (see `sunlight ocds differences`).
                """)
        @Argument(help: "OCDS files (JSON Lines or packages).") var files: [String]
        @Option(name: .long, help: "Cardinal's settings file (INI).") var settings: String?
        @Option(name: .long, help: "cardinal (Cardinal's JSON shape) or table (per indicator: flagged / clear / not computable).")
        var format: String = "cardinal"
        @Flag(name: .long, help: "Skip invalid JSON lines (they are reported) instead of stopping.") var skipInvalid = false

        func run() throws {
            guard ["cardinal", "table"].contains(format) else { throw ValidationError("--format cardinal|table") }
            var parsed = CardinalSettings()
            do {
                if let settings { parsed = try CardinalSettings.load(contentsOf: URL(fileURLWithPath: settings)) }
            } catch {
                throw OCDSCommand.fail(error.messageZh + (error.line.map { "（第 \($0) 行）" } ?? ""),
                                       error.messageEn + (error.line.map { " (line \($0))" } ?? ""))
            }
            var engine = IndicatorEngine(settings: parsed)
            var options = ReadOptions()
            options.skipInvalid = skipInvalid
            options.moveAuctions = parsed.modifications?.moveAuctions ?? options.moveAuctions
            do {
                for file in files {
                    let summary = try OCDSReader(options: options).read(file: URL(fileURLWithPath: file)) { engine.add($0) }
                    for skipped in summary.skipped.prefix(20) { CommandSupport.printError(skipped.messageZh, skipped.messageEn) }
                }
                let results = try engine.finish()
                if format == "cardinal" {
                    print(results.cardinalJSON())
                    return
                }
                print("processes 流程: \(results.processes)  currency 币种: \(results.mainCurrency ?? "—")")
                for summary in results.summaries {
                    switch summary.state {
                    case .computed:
                        let skipped = summary.skippedByFrequency.map { "\($0.reason.rawValue) \($0.count)" }.joined(separator: ", ")
                        print("\(summary.code.rawValue)  flagged \(summary.flagged)  clear \(summary.clear)" + (skipped.isEmpty ? "" : "  skipped: \(skipped)"))
                    case .notComputable(let reason):
                        print("\(summary.code.rawValue)  not computable 无法计算: \(reason.messageZh) / \(reason.messageEn)")
                    }
                }
            } catch let error as ReadError {
                throw OCDSCommand.fail(error.messageZh, error.messageEn)
            } catch let error as IndicatorError {
                throw OCDSCommand.fail(error.messageZh, error.messageEn)
            }
        }
    }

    struct Differences: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Where Sunlight deliberately differs from Cardinal 0.0.8, and why.")

        func run() {
            for difference in SunlightProcurement.Differences.all {
                print("• \(difference.titleZh) / \(difference.titleEn)")
                print("  Cardinal: \(difference.cardinalEn)")
                print("  Sunlight: \(difference.sunlightEn)")
            }
        }
    }
}

/// `sunlight bench ocds`: the real samples repeated to a large JSON Lines file, read and run
/// through every indicator; prints MB/s, processes/s, seconds for the indicators, peak memory.
struct OCDSBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ocds", abstract: "OCDS ingestion and indicators over repeated real samples.")
    @Option(name: .long, help: "Size of the generated file in MB.") var megabytes: Int = 1024
    @Option(name: .long, help: "Directory of OCDS samples (default ../shared/fixtures/ocds).") var samples: String = "../shared/fixtures/ocds"
    @Option(name: .long, help: "Work directory for the generated file.") var work: String = FileManager.default.temporaryDirectory.path
    @Flag(name: .long, help: "Also import the file into a fresh SQLite database (sunlight import ocds: stored processes, ledger) and time it.")
    var intoDatabase = false

    func run() async throws {
        let lines = try Self.sampleLines(URL(fileURLWithPath: samples))
        guard !lines.isEmpty else { throw OCDSCommand.fail("样例目录中没有 OCDS 数据：\(samples)", "no OCDS samples in \(samples)") }
        let url = URL(fileURLWithPath: work).appendingPathComponent("sunlight-bench-ocds.jsonl")
        defer { try? FileManager.default.removeItem(at: url) }
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw OCDSCommand.fail("无法创建测试文件：\(url.path)", "cannot create the benchmark file \(url.path)")
        }
        let handle = try FileHandle(forWritingTo: url)
        var written = 0, copy = 0
        let target = megabytes * 1_000_000
        while written < target {
            var chunk = Data()
            for line in lines {
                // A distinct ocid per copy, so every line is its own contracting process.
                let text = line.replacingOccurrences(of: "\"ocid\":\"", with: "\"ocid\":\"c\(copy)-", options: [], range: nil)
                chunk.append(Data(text.utf8))
                chunk.append(0x0A)
            }
            try handle.write(contentsOf: chunk)
            written += chunk.count
            copy += 1
        }
        try handle.close()
        print("file: \(written / 1_000_000) MB, \(copy) copies of \(lines.count) sample processes")
        let figures = try ProcurementBench.run(file: url)
        print(figures)
        print(String(format: "ingestion: %.1f MB/s, %.0f processes/s; indicators: %.2f s; peak memory %d MiB",
                     figures.megabytesPerSecond, figures.processesPerSecond, figures.indicatorSeconds, PeakMemory.current() / 1024))
        if intoDatabase { try await importIntoDatabase(url, bytes: written) }
    }

    /// `sunlight import ocds` of the same file into a new SQLite database: every process encoded,
    /// hashed, stored and entered in the ledger in one transaction.
    func importIntoDatabase(_ url: URL, bytes: Int) async throws {
        let path = URL(fileURLWithPath: work).appendingPathComponent("sunlight-bench-ocds-\(UUID().uuidString).sqlite").path
        defer {
            for suffix in ["", "-wal", "-shm", ".ledger-key"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        let options = try DatabaseOptions.parse(["--database", path])
        let clock = ContinuousClock()
        let start = clock.now
        let report = try await CommandSupport.withWorkspace(options) { workspace in
            try await OCDSImporter(recorder: workspace.recorder).run(file: url, by: .system("bench"))
        }
        let seconds = Double((clock.now - start).components.attoseconds) / 1e18 + Double((clock.now - start).components.seconds)
        print(String(format: "import into SQLite: %d processes read, %d stored (one per ocid) in %.1f s: %.1f MB/s, %.0f processes/s; peak memory %d MiB",
                     report.rowsRead, report.inserted, seconds, Double(bytes) / 1e6 / seconds, Double(report.rowsRead) / seconds,
                     PeakMemory.current() / 1024))
    }

    /// Every release or compiled release in the sample files, as one compact JSON line each.
    static func sampleLines(_ directory: URL) throws -> [String] {
        var result: [String] = []
        let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "json" || url.pathExtension == "jsonl" else { continue }
            let summary = try? OCDSReader().readAll(file: url)
            guard summary != nil else { continue }
            let data = try Data(contentsOf: url)
            if url.pathExtension == "jsonl" {
                result += String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
                continue
            }
            guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else { continue }
            let items = (object["releases"] as? [[String: Any]]) ?? (object["records"] as? [[String: Any]])?.compactMap { $0["compiledRelease"] as? [String: Any] } ?? [object]
            for item in items where item["ocid"] != nil {
                result.append(String(decoding: try JSONSerialization.data(withJSONObject: item, options: [.withoutEscapingSlashes]), as: UTF8.self))
            }
        }
        return result
    }
}
