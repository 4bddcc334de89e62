import ArgumentParser
import Foundation
import SunlightContract
import SunlightStorage

/// `sunlight bench ledger`: appends per second inside ordinary write transactions, the time
/// `verify` takes over a large log, and the time to produce a proof.
struct LedgerBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ledger", abstract: "Ledger benchmark (SQLite).")

    @Option(help: "Entries in the log that verify and proofs run over.") var entries = 1_000_000
    @Option(help: "Single-change write transactions to time.") var transactions = 2_000
    @Option(help: "Working directory (default: a new temporary one).") var directory: String?

    func run() async throws {
        let dir = URL(fileURLWithPath: directory ?? NSTemporaryDirectory()).appendingPathComponent("sunlight-ledger-bench-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let options = try DatabaseOptions.parse(["--database", dir.appendingPathComponent("bench.sqlite").path])
        let transactions = self.transactions
        let entries = self.entries
        try await CommandSupport.withWorkspace(options, logger: CommandSupport.logger("bench")) { workspace in
            let recorder = workspace.recorder
            // 1. One record and its ledger entry per transaction: the web and API case.
            var start = Date()
            for i in 0..<transactions {
                var unit = Record()
                unit["unit_code"] = .text("B\(i)")
                unit["name"] = .text("基准单位\(i)")
                unit["kind"] = .text("department")
                let record = unit
                try await recorder.write(by: .system("bench")) { tx in try await tx.save([record], in: Registry.units) }
            }
            var seconds = Date().timeIntervalSince(start)
            print(String(format: "single-change transactions: %d in %.2f s = %.0f transactions/s (record + ledger entry each)",
                         transactions, seconds, Double(transactions) / seconds))

            // 2. Appends in batches of 5,000 inside ordinary transactions (the import case).
            let sink = LedgerSink(keys: workspace.ledger.keys)
            start = Date()
            var appended = try await workspace.ledger.size()
            let target = max(entries, appended)
            while appended < target {
                let count = min(5_000, target - appended)
                let base = appended
                let changes = (0..<count).map { i in
                    Change(at: Timestamps.now(), actor: "bench", action: .create, objectType: "bench", objectID: String(base + i),
                           objectKey: "K\(base + i)", hashAfter: String(repeating: "a", count: 64))
                }
                try await workspace.database.transaction { db in try await sink.append(changes, on: db) }
                appended += count
            }
            seconds = Date().timeIntervalSince(start)
            print(String(format: "batched appends: %d entries in %.2f s = %.0f appends/s (goal ≥ 20,000/s)",
                         target - transactions, seconds, Double(target - transactions) / seconds))

            // 3. Full verification.
            start = Date()
            let report = try await LedgerVerifier(ledger: workspace.ledger).verify()
            seconds = Date().timeIntervalSince(start)
            print(String(format: "verify: %d entries, %d records in %.2f s (goal < 10 s for 1,000,000) — %@",
                         report.entries, report.records, seconds, report.isValid ? "valid" : "INVALID"))

            // 4. Proofs.
            _ = try await workspace.ledger.checkpoint()
            let size = try await workspace.ledger.size()
            var generator = SystemRandomNumberGenerator()
            start = Date()
            let proofs = 1_000
            for _ in 0..<proofs { _ = try await workspace.ledger.inclusionProof(index: Int.random(in: 0..<size, using: &generator)) }
            seconds = Date().timeIntervalSince(start)
            print(String(format: "inclusion proof: %.3f ms each over a tree of %d (goal < 1 ms), including its database reads",
                         seconds * 1000 / Double(proofs), size))
            print("peak memory (max RSS): \(PeakMemory.current() / 1024) MiB")
        }
    }
}
