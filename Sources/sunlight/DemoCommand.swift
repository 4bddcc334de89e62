import ArgumentParser
import Foundation
import SunlightDemo
import SunlightImport
import SunlightRules
import SunlightStorage

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "The synthetic county: generate its files, or load it into a database and scan it.",
        subcommands: [Generate.self, Load.self])

    struct Generate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write every dataset of the contract for an imaginary county, with planted anomalies and truth.jsonl.")
        @Option(help: "small, county or province.") var size: DemoSize = .small
        @Option(help: "Random seed (the same seed writes the same files).") var seed: UInt64 = 1
        @Option(help: "Output folder.") var out: String

        func run() async throws {
            let directory = URL(fileURLWithPath: out)
            let start = ContinuousClock.now
            let summary = try DemoGenerator.generate(size: size, seed: seed, to: directory) { message in
                FileHandle.standardError.write(Data("  \(message)\n".utf8))
            }
            for (name, count) in summary.rowCounts.sorted(by: { $0.key < $1.key }) {
                print("\(name.padding(toLength: 16, withPad: " ", startingAt: 0)) \(count)")
            }
            print("as of \(summary.asOf.iso); planted \(summary.plantedFlags) findings and \(summary.plantedClears) near-misses; "
                  + "written to \(directory.path) in \(ContinuousClock.now - start)")
        }
    }

    struct Load: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate the synthetic county, import it into the database and scan it as of its date.")
        @OptionGroup var db: DatabaseOptions
        @Option(help: "small, county or province.") var size: DemoSize = .small
        @Option(help: "Random seed.") var seed: UInt64 = 1

        func run() async throws {
            let (size, seed) = (self.size, self.seed)
            try await CommandSupport.withWorkspace(db) { workspace in
                _ = try await DemoSetup.install(workspace, size: size, seed: seed)
            }
        }
    }
}

extension DemoSize: ExpressibleByArgument {}

/// Puts the synthetic county into a workspace: generate, import every file, scan.
enum DemoSetup {
    static func say(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    @discardableResult
    static func install(_ workspace: Workspace, size: DemoSize, seed: UInt64) async throws -> ScanOutcome {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sunlight-demo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        say("生成示例县 / generating the demo county (\(size.rawValue), seed \(seed))…")
        let summary = try DemoGenerator.generate(size: size, seed: seed, to: directory)
        let importer = DirectoryImport(importer: Importer(recorder: workspace.recorder))
        let reports = try await importer.run(directory, by: .system("demo")) { report, duration in
            say("  \(report.dataset.padding(toLength: 14, withPad: " ", startingAt: 0)) \(report.rowsRead) rows, "
                + "\(report.inserted) new, \(report.updated) changed, \(report.unchanged) unchanged (\(duration))")
        }
        if let rejected = reports.first(where: { !$0.isWritten }) {
            say(ImportReportText.render(rejected))
            throw ExitCode(1)
        }
        // The same tenders as an OCDS feed, for Cardinal's indicators.
        let ocds = try await OCDSImporter(recorder: workspace.recorder).run(file: directory.appendingPathComponent("ocds.jsonl"),
                                                                             by: .system("demo"))
        say("  ocds           \(ocds.rowsRead) processes, \(ocds.inserted) new, \(ocds.unchanged) unchanged")
        guard ocds.isWritten else {
            say(ImportReportText.render(ocds))
            throw ExitCode(1)
        }
        say("扫描 / scanning as of \(summary.asOf.iso)…")
        let outcome = try await ScanService(recorder: workspace.recorder)
            .run(ScanRequest(asOf: summary.asOf), by: .system("demo"))
        say(ScanText.summary(outcome, asOf: summary.asOf))
        return outcome
    }
}
