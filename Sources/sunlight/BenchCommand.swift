import ArgumentParser
import Foundation
import SunlightContract
import SunlightDomain
import SunlightImport
import SunlightStorage

struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Benchmarks that print figures.", subcommands: [ImportBench.self, LedgerBench.self, ScanBench.self, OCDSBench.self])
}

/// `sunlight bench import`: generates a `people` CSV, imports it into a fresh SQLite file with
/// full validation, and compares with the `sqlite3` shell's own `.import` of the same file into
/// an equivalent table — the people table's columns, key and lookup indexes — and into the bare
/// table (install Debian's `sqlite3` package for that comparison).
struct ImportBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Import benchmark (people CSV into SQLite).")

    @Option(help: "Rows to generate.") var rows = 1_000_000
    @Option(help: "Working directory (default: a new temporary one).") var directory: String?
    @Option(help: "Rounds of the three imports, interleaved; the best of each is compared.") var repeats = 1
    @Flag(help: "Open the database as the server does, for a web upload: the write-ahead log throughout, no rollback journal.")
    var asServer = false

    func run() async throws {
        let dir = URL(fileURLWithPath: directory ?? NSTemporaryDirectory()).appendingPathComponent("sunlight-bench-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let csv = dir.appendingPathComponent("people.csv")
        let generated = Date()
        try PeopleGenerator.write(rows: rows, to: csv)
        let size = (try FileManager.default.attributesOfItem(atPath: csv.path)[.size] as? Int) ?? 0
        print("generated \(rows) rows (\(size / 1_000_000) MB) in \(String(format: "%.1f", Date().timeIntervalSince(generated))) s")

        let sqlite3 = Self.which("sqlite3")
        if sqlite3 == nil { print("sqlite3 not found: apt-get install sqlite3 for the comparison") }
        // Rounds interleave the three imports, so a slower spell of a shared machine falls on
        // all of them; the best round of each is compared.
        let rounds = max(1, repeats)
        var best = (sunlight: Double.infinity, bare: Double.infinity, indexed: Double.infinity)
        for round in 1...rounds {
            let dbPath = dir.appendingPathComponent("bench-\(round).sqlite").path
            let workspace = try await CommandSupport.open(DatabaseOptions.parse(["--database", dbPath]), sharing: asServer ? .concurrent : .sequential,
                                                          logger: CommandSupport.logger("bench"))
            let memoryBefore = PeakMemory.current()
            Self.settleDisk()
            let cpuBefore = PeakMemory.cpuSeconds()
            let start = Date()
            let report = try await Importer(recorder: workspace.recorder).run(
                Registry.people, file: csv, options: ImportOptions(), by: .system("bench"))
            let seconds = Date().timeIntervalSince(start)
            let cpu = PeakMemory.cpuSeconds() - cpuBefore
            await workspace.close()
            guard report.isWritten else {
                print(ImportReportText.render(report))
                throw ExitCode(1)
            }
            best.sunlight = min(best.sunlight, seconds)
            print("round \(round):")
            print(String(format: "  sunlight import: %d rows in %.2f s = %.0f rows/s (validated, ledger change rows written; %@)",
                         report.rowsRead, seconds, Double(report.rowsRead) / seconds,
                         asServer ? "opened as the server: write-ahead log" : "opened as a command: rollback journal when alone on the file"))
            print(String(format: "  CPU time of the import (all threads, user + system): %.2f s = %.1f µs per row", cpu, cpu * 1e6 / Double(max(1, report.rowsRead))))
            print("  peak memory (max RSS): before import \(memoryBefore / 1024) MiB, after \(PeakMemory.current() / 1024) MiB")
            try? FileManager.default.removeItem(atPath: dbPath)
            guard let sqlite3 else { continue }
            // The same people table twice: bare (its key only), and with the two lookup indexes
            // Sunlight's people table has, made after the load (the fastest way to that end
            // state, and what Sunlight's own bulk path does).
            let bare = try Self.sqlite3Import(sqlite3, csv: csv, into: dir.appendingPathComponent("bare.sqlite").path, indexes: [])
            let indexed = try Self.sqlite3Import(sqlite3, csv: csv, into: dir.appendingPathComponent("indexed.sqlite").path,
                                                 indexes: ["unit_code", "name"])
            best.bare = min(best.bare, bare)
            best.indexed = min(best.indexed, indexed)
            for (label, seconds) in [("bare table", bare), ("with people's indexes", indexed)] {
                print("  sqlite3 .import, \(label): " + String(format: "%.2f s = %.0f rows/s (no validation)", seconds, Double(rows) / seconds))
            }
        }
        let sunlightRate = Double(rows) / best.sunlight
        print(String(format: "best of %d: sunlight %.0f rows/s", rounds, sunlightRate))
        if sqlite3 != nil {
            for (label, seconds) in [("bare table", best.bare), ("with people's indexes", best.indexed)] {
                let rate = Double(rows) / seconds
                print("best of \(rounds): sqlite3 .import, \(label): " + String(format: "%.0f rows/s; sunlight reaches %.0f%%", rate, 100 * sunlightRate / rate))
            }
            print("goal: at least 50% of sqlite3's rate into the equivalent table (with people's indexes)")
        }
        try? FileManager.default.removeItem(at: dir)
    }

    /// Seconds the `sqlite3` shell takes to `.import` the CSV into a new people table with the
    /// given lookup indexes, created after the load.
    static func sqlite3Import(_ sqlite3: String, csv: URL, into target: String, indexes: [String]) throws -> Double {
        try? FileManager.default.removeItem(atPath: target)
        defer { try? FileManager.default.removeItem(atPath: target) }
        let script = """
            CREATE TABLE people (id_number TEXT PRIMARY KEY, name TEXT, unit_code TEXT, post TEXT, rank TEXT, category TEXT,
              is_leader TEXT, since TEXT, until TEXT);
            .mode csv
            .import --skip 1 \(csv.path) people
            \(indexes.map { "CREATE INDEX people_\($0) ON people (\($0));" }.joined(separator: "\n"))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: sqlite3)
        process.arguments = [target]
        let input = Pipe()
        process.standardInput = input
        Self.settleDisk()
        let started = Date()
        try process.run()
        input.fileHandleForWriting.write(Data(script.utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        let seconds = Date().timeIntervalSince(started)
        // A failed import would be timed as a fast one.
        guard process.terminationStatus == 0 else { throw ValidationError("sqlite3 exited with status \(process.terminationStatus)") }
        return seconds
    }

    /// Writes out every dirty page before a timed import: the file just generated, the previous
    /// round's databases (written, then deleted) would otherwise be written back by the kernel
    /// during the next contender's run, and count against it.
    static func settleDisk() {
        sync()
    }

    static func which(_ name: String) -> String? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let path = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }
}

/// Peak resident memory of this process, in KiB.
enum PeakMemory {
    static func current() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss
    }

    /// CPU time used by this process so far (user + system, all threads), in seconds: steadier
    /// than wall-clock time on a shared machine.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}

/// Writes a synthetic `people` file with valid, distinct resident IDs.
enum PeopleGenerator {
    static func write(rows: Int, to url: URL) throws {
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        var buffer = "id_number,name,unit_code,post,rank,category,is_leader,since,until\n"
        let surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"]
        let given = ["伟", "芳", "娜", "敏", "静", "磊", "洋", "勇", "艳", "杰", "军", "霞"]
        let categories = ["civil_servant", "institution_staff", "soe_manager", "village_cadre", "other"]
        for i in 0..<rows {
            let birth = LocalDate(dayNumber: -7300 + (i % 18_000))
            let sequence = i / 18_000
            let first17 = String(format: "360426%04d%02d%02d%03d", birth.year, birth.month, birth.day, sequence % 1000)
            guard let check = ResidentID.checkCharacter(for: first17) else { continue }
            let name = surnames[i % surnames.count] + given[(i / 10) % given.count] + given[(i / 7) % given.count]
            buffer += "\(first17)\(check),\(name),U\(i % 500),科员,四级主任科员,\(categories[i % 5]),\(i % 7 == 0 ? "是" : "否"),2020-01-01,\n"
            if buffer.utf8.count > 1 << 20 {
                handle.write(Data(buffer.utf8))
                buffer = ""
            }
        }
        handle.write(Data(buffer.utf8))
    }
}
