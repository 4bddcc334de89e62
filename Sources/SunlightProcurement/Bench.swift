import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Throughput of reading and of the indicators, for `sunlight bench` to print.
public struct BenchFigures: Sendable, CustomStringConvertible {
    public let bytes: Int
    public let processes: Int
    /// Wall-clock seconds spent reading and extracting (parallel).
    public let readSeconds: Double
    /// Wall-clock seconds spent in the indicators (folding and the final quartiles).
    public let indicatorSeconds: Double
    public let totalSeconds: Double
    /// CPU seconds (user + system, all threads) for the whole run — on a shared machine this
    /// says more about the code than wall-clock time does.
    public let cpuSeconds: Double
    public let threads: Int

    public var megabytesPerSecond: Double { totalSeconds > 0 ? Double(bytes) / 1e6 / totalSeconds : 0 }
    public var processesPerSecond: Double { totalSeconds > 0 ? Double(processes) / totalSeconds : 0 }
    /// Megabytes per CPU-second (per core).
    public var megabytesPerCPUSecond: Double { cpuSeconds > 0 ? Double(bytes) / 1e6 / cpuSeconds : 0 }

    public var description: String {
        String(format: "%d bytes, %d processes: read %.3f s, indicators %.3f s, total %.3f s (%.1f MB/s, %.0f processes/s; CPU %.3f s = %.1f MB per CPU-second, %d threads)",
               bytes, processes, readSeconds, indicatorSeconds, totalSeconds, megabytesPerSecond, processesPerSecond,
               cpuSeconds, megabytesPerCPUSecond, threads)
    }
}

public enum ProcurementBench {
    /// Reads `url` and runs every indicator enabled in `settings`, timing each part.
    public static func run(file url: URL, settings: CardinalSettings = CardinalSettings(),
                           readOptions: ReadOptions = ReadOptions()) throws -> BenchFigures {
        let cpu0 = cpuSeconds()
        let start = DispatchTime.now().uptimeNanoseconds
        var engine = IndicatorEngine(settings: settings)
        var indicatorNanos: UInt64 = 0
        var options = readOptions
        options.moveAuctions = settings.modifications?.moveAuctions ?? options.moveAuctions
        let summary = try OCDSReader(options: options).read(file: url) { batch in
            let t = DispatchTime.now().uptimeNanoseconds
            engine.add(batch)
            indicatorNanos += DispatchTime.now().uptimeNanoseconds - t
        }
        let t = DispatchTime.now().uptimeNanoseconds
        _ = try engine.finish()
        let end = DispatchTime.now().uptimeNanoseconds
        indicatorNanos += end - t
        let total = Double(end - start) / 1e9
        let indicators = Double(indicatorNanos) / 1e9
        return BenchFigures(bytes: summary.bytes, processes: summary.processes, readSeconds: total - indicators,
                            indicatorSeconds: indicators, totalSeconds: total, cpuSeconds: cpuSeconds() - cpu0,
                            threads: options.threads)
    }

    static func cpuSeconds() -> Double {
        var usage = rusage()
        #if canImport(Glibc)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    }
}
