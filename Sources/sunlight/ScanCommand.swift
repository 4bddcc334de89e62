import ArgumentParser
import Foundation
import SunlightDomain
import SunlightProcurement
import SunlightRules
import SunlightStorage
import SunlightTabular

struct ScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Run the supervision rules over the imported data and keep the findings.",
        discussion: """
            Formats: table (per rule: flagged / clear / not computable, and why), jsonl (one finding per line, \
            as rules.md specifies), csv (one finding per row), cardinal (Cardinal's output over the imported OCDS \
            processes, printed only: {"OCID": …, "Buyer": …, "ProcuringEntity": …, "Tenderer": …, "Meta": …}). \
            With jsonl and csv the per-rule summary goes to standard error. Parameters come from the deployment's \
            settings (the web admin page), or from --config FILE (INI: [rule.code] name = value, and Cardinal's \
            own sections), or --settings FILE.ini (Cardinal's flag; with --format cardinal only the indicators \
            with a section run, as in Cardinal).
            Rules: \(RuleCatalog.all.map(\.code).joined(separator: ", "))
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, jsonl, csv, cardinal }

    @OptionGroup var db: DatabaseOptions
    @Option(help: "Rule codes to run, comma-separated (default: all).") var rules: String?
    @Option(name: .customLong("as-of"), help: "The date time-dependent rules judge against (YYYY-MM-DD; default: today, China time).")
    var asOf: String?
    @Option(help: "Output format: table, jsonl, csv or cardinal.") var format: Format = .table
    @Option(help: "An INI file of rule parameters, instead of the deployment's settings.") var config: String?
    @Option(help: "Cardinal's settings file (INI), instead of the deployment's settings (same as --config).") var settings: String?
    @Flag(help: "Print the findings without recording the scan.") var dryRun = false
    @Option(help: "Name recorded as the scanner (default: the operating-system user).") var actor: String?

    func run() async throws {
        let date: LocalDate
        if let asOf {
            guard let parsed = try? DateParsing.date(asOf) else {
                CommandSupport.printError("无法识别的日期：\(asOf)", "not a date: \(asOf)")
                throw ExitCode(2)
            }
            date = parsed
        } else {
            date = .today()
        }
        let codes = rules.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        do {
            _ = try ScanService.rules(for: codes)
        } catch let error as UnknownRuleError {
            let known = RuleCatalog.all.map(\.code).joined(separator: ", ")
            CommandSupport.printError("未知规则：\(error.codes.joined(separator: "、"))", "unknown rules: \(error.codes.joined(separator: ", ")) (known: \(known))")
            throw ExitCode(2)
        }
        if config != nil && settings != nil {
            CommandSupport.printError("--config 与 --settings 只能选一个", "give --config or --settings, not both")
            throw ExitCode(2)
        }
        var fileParameters: RuleParameters?
        if let config = config ?? settings {
            guard let text = try? String(contentsOfFile: config, encoding: .utf8) else {
                CommandSupport.printError("无法读取参数文件：\(config)", "cannot read the parameter file: \(config)")
                throw ExitCode(2)
            }
            do {
                fileParameters = try RuleParameters(iniText: text)
            } catch {
                let line = error.line.map { "第 \($0) 行：" } ?? ""
                let lineEn = error.line.map { "line \($0): " } ?? ""
                CommandSupport.printError("参数文件有误，\(line)\(error.messageZh)", "bad parameter file, \(lineEn)\(error.messageEn)")
                throw ExitCode(2)
            }
        }
        if format == .cardinal {
            try await runCardinal(codes: codes, parameters: fileParameters)
            return
        }
        let name = actor ?? ("cli:" + (ProcessInfo.processInfo.environment["USER"] ?? "operator"))
        let save = !dryRun
        let outcome: ScanOutcome
        do {
            outcome = try await CommandSupport.withWorkspace(db) { workspace in
                var parameters = fileParameters
                if parameters == nil { parameters = try await RuleSettingsStore(recorder: workspace.recorder).current() }
                return try await ScanService(recorder: workspace.recorder)
                    .run(ScanRequest(asOf: date, rules: codes, parameters: parameters!, save: save), by: .system(name))
            }
        } catch let error as UnreadableRowsError {
            CommandSupport.printError(error.messageZh, error.messageEn)
            throw ExitCode(1)
        }
        let summary = ScanText.summary(outcome, asOf: date)
        switch format {
        case .table:
            print(summary, terminator: "")
        case .jsonl:
            var out = ""
            for result in outcome.results {
                for finding in result.findings {
                    out += finding.jsonLine()
                    out += "\n"
                }
            }
            FileHandle.standardOutput.write(Data(out.utf8))
            FileHandle.standardError.write(Data(summary.utf8))
        case .csv:
            FileHandle.standardOutput.write(Data(ScanText.csv(outcome.results).utf8))
            FileHandle.standardError.write(Data(summary.utf8))
        case .cardinal:
            break  // handled above
        }
    }
}

extension ScanCommand {
    /// Cardinal's `indicators` over the processes in the database: without a settings file all
    /// eleven indicators with their defaults (Sunlight mode); with one, the indicators its
    /// sections enable, as Cardinal does. `--rules` narrows to the given R-codes.
    func runCardinal(codes: [String]?, parameters: RuleParameters?) async throws {
        var settings = parameters?.cardinal ?? CardinalSettings()
        if let parameters, parameters.cardinalText.isEmpty { settings = CardinalSettings() }
        if let codes {
            let wanted = Set(codes.compactMap(IndicatorCode.init(rawValue:)))
            let others = codes.filter { IndicatorCode(rawValue: $0) == nil }
            guard others.isEmpty else {
                CommandSupport.printError("--format cardinal 只能运行 R 开头的指标：\(others.joined(separator: "、"))",
                                          "--format cardinal runs only the R-code indicators, not: \(others.joined(separator: ", "))")
                throw ExitCode(2)
            }
            settings = CardinalSettings.restricted(settings, to: wanted)
        }
        let processes = try await CommandSupport.withWorkspace(db) { workspace in
            try await OCDSProcessStore.processes(in: workspace.database)
        }
        guard !processes.isEmpty else {
            CommandSupport.printError("无法计算：未导入 OCDS 采购流程数据（sunlight import ocds FILE）",
                                      "not computable: no OCDS processes imported (sunlight import ocds FILE)")
            throw ExitCode(1)
        }
        var engine = IndicatorEngine(settings: settings)
        engine.add(processes)
        do {
            print(try engine.finish().cardinalJSON())
        } catch {
            throw OCDSCommand.fail(error.messageZh, error.messageEn)
        }
    }
}

/// The scan's texts for the terminal.
enum ScanText {
    /// Per rule: flagged / clear / not computable and why, and the time it took.
    static func summary(_ outcome: ScanOutcome, asOf: LocalDate) -> String {
        var lines = ["扫描日期 / as of \(asOf.iso)" + (outcome.scanID.map { "  扫描编号 / scan #\($0)" } ?? "  (未记录 / not recorded)")]
        let width = max(28, outcome.results.map(\.code.count).max() ?? 0)
        lines.append("rule".padding(toLength: width, withPad: " ", startingAt: 0)
                     + "   flagged     clear  not-comp      ms  status")
        for result in outcome.results {
            let status: String
            switch result.status {
            case .computed:
                status = result.notComputableReasons.isEmpty ? "ok"
                    : "ok; " + result.notComputableReasons.map { "\($0.count): \($0.reasonZh) / \($0.reasonEn)" }.joined(separator: "; ")
            case .notComputable(let zh, let en):
                status = "\(zh) / \(en)"
            }
            lines.append(result.code.padding(toLength: width, withPad: " ", startingAt: 0)
                         + String(format: " %9d %9d %9d %7d  ", result.flagged, result.clear, result.notComputable,
                                  outcome.milliseconds[result.code] ?? 0) + status)
        }
        let total = outcome.results.reduce(0) { $0 + $1.findings.count }
        lines.append("共 \(total) 条疑点 / \(total) findings; 读取 / load \(outcome.loadMilliseconds) ms, 保存 / save \(outcome.saveMilliseconds) ms")
        return lines.joined(separator: "\n") + "\n"
    }

    static func csv(_ results: [RuleResult]) -> String {
        var out = CSVWriter.line(["rule", "subject", "severity", "summary_zh", "summary_en", "evidence"])
        for result in results {
            for f in result.findings {
                out += CSVWriter.line([f.rule, f.subject, f.severity.rawValue, f.summaryZh, f.summaryEn, f.evidence.json()])
            }
        }
        return out
    }
}
