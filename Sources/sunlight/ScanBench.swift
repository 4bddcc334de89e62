import ArgumentParser
import Foundation
import SunlightDemo
import SunlightImport
import SunlightRules
import SunlightStorage

/// `sunlight bench scan`: generates the synthetic county, imports every dataset into a fresh
/// database and scans it; prints rows/s per dataset, milliseconds per rule and in total, and
/// peak memory.
struct ScanBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "scan", abstract: "Generate, import and scan the synthetic county.")

    @Option(help: "small, county or province.") var size: DemoSize = .county
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Option(help: "Working directory (default: a new temporary one).") var directory: String?
    @Option(help: "Database (default: an SQLite file in the working directory).") var database: String?
    @Option(help: "Scan this many times (the first includes loading).") var repeats = 1

    func run() async throws {
        let dir = URL(fileURLWithPath: directory ?? NSTemporaryDirectory()).appendingPathComponent("sunlight-scan-bench-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { if directory == nil { try? FileManager.default.removeItem(at: dir) } }
        let clock = ContinuousClock()
        let generated = clock.now
        let summary = try DemoGenerator.generate(size: size, seed: seed, to: dir.appendingPathComponent("data"))
        print("generated \(size.rawValue) county (seed \(seed)) in \(Self.seconds(clock.now - generated)) s; peak RSS \(PeakMemory.current() / 1024) MiB")

        let options = try DatabaseOptions.parse(["--database", database ?? dir.appendingPathComponent("bench.sqlite").path,
                                                 "--ledger-key", dir.appendingPathComponent("bench.ledger-key").path])
        let workspace = try await CommandSupport.open(options, logger: CommandSupport.logger("bench"))
        do {
            let importStart = clock.now
            let reports = try await DirectoryImport(importer: Importer(recorder: workspace.recorder))
                .run(dir.appendingPathComponent("data"), by: .system("bench")) { report, duration in
                    let seconds = Self.seconds(duration)
                    print("import \(report.dataset.padding(toLength: 14, withPad: " ", startingAt: 0)) "
                          + String(format: "%9d rows %8.1f s %9.0f rows/s", report.rowsRead, seconds, Double(report.rowsRead) / max(seconds, 0.001)))
                }
            guard reports.allSatisfy(\.isWritten) else { throw ExitCode(1) }
            let rows = reports.reduce(0) { $0 + $1.rowsRead }
            let importSeconds = Self.seconds(clock.now - importStart)
            print(String(format: "import total: %d rows in %.1f s = %.0f rows/s; peak RSS %d MiB", rows, importSeconds,
                         Double(rows) / importSeconds, PeakMemory.current() / 1024))
            for round in 1...max(1, repeats) {
                let scanStart = clock.now
                let outcome = try await ScanService(recorder: workspace.recorder).run(ScanRequest(asOf: summary.asOf), by: .system("bench"))
                let total = Self.seconds(clock.now - scanStart)
                print("scan \(round): load \(outcome.loadMilliseconds) ms, rules (2 cores):")
                for result in outcome.results {
                    print("  \(result.code.padding(toLength: 30, withPad: " ", startingAt: 0)) "
                          + String(format: "%7d ms %7d findings", outcome.milliseconds[result.code] ?? 0, result.findings.count))
                }
                print(String(format: "scan total %.1f s (load %.1f s, rules %.1f s cpu-sum, save %.1f s); peak RSS %d MiB", total,
                             Double(outcome.loadMilliseconds) / 1000, Double(outcome.milliseconds.values.reduce(0, +)) / 1000,
                             Double(outcome.saveMilliseconds) / 1000, PeakMemory.current() / 1024))
            }
            print(String(format: "import + scan: %.1f s", Self.seconds(clock.now - importStart)))
        } catch {
            await workspace.close()
            throw error
        }
        await workspace.close()
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
