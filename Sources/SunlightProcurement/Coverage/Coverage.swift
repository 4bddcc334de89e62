import Foundation

/// Field coverage: Cardinal's `coverage` command, and Sunlight's per-process variant.
public enum Coverage {
    /// Cardinal's `coverage` command: each line of `data` is any JSON value (OCDS or not); blank
    /// lines are ignored; invalid lines are skipped and returned (Cardinal logs them).
    public static func jsonLines(_ data: Data, threads: Int = ProcessInfo.processInfo.activeProcessorCount)
        -> (report: CoverageReport, invalid: [ReadError]) {
        data.withUnsafeBytes { raw in
            guard let base = raw.bindMemory(to: UInt8.self).baseAddress else { return (CoverageCounter().report(), []) }
            let parts = OCDSReader.split(base: base, range: 0..<raw.count, parts: threads * 4, minimumPart: 1 << 18)
            let shared = UncheckedSendableBox(base)
            let outputs: [(CoverageCounter, [ReadError], Int)] = Parallel.map(parts.count, threads: threads) { k in
                let base = shared.value
                var counter = CoverageCounter()
                var invalid: [ReadError] = []
                var line = 0
                var start = parts[k].lowerBound
                while start < parts[k].upperBound {
                    line += 1
                    let end = findByte(0x0A, base, from: start, to: parts[k].upperBound) ?? parts[k].upperBound
                    var c = JSONCursor(base: base, start: start, end: end)
                    c.skipWhitespace()
                    if !c.isAtEnd {
                        let valueStart = c.position
                        do throws(JSONSyntaxError) {
                            try c.skipValue()
                            try c.expectEnd()
                            counter.addProcess(base: base, range: valueStart..<end)
                        } catch {
                            invalid.append(ReadError(kind: .invalidJSON, line: line, column: error.offset - start + 1,
                                                     syntax: error.kind))
                        }
                    }
                    start = end + 1
                }
                return (counter, invalid, line)
            }
            var total = CoverageCounter()
            var invalid: [ReadError] = []
            var lineBase = 0
            for (counter, errors, lines) in outputs {
                total.merge(counter)
                invalid += errors.map { ReadError(kind: $0.kind, line: $0.line.map { $0 + lineBase }, column: $0.column, syntax: $0.syntax) }
                lineBase += lines
            }
            return (total.report(), invalid)
        }
    }

    /// Cardinal's `coverage` command on a file.
    public static func jsonLines(file url: URL) throws -> (report: CoverageReport, invalid: [ReadError]) {
        let data: Data
        do {
            data = try Data(contentsOf: url, options: .alwaysMapped)
        } catch {
            throw ReadError(kind: .io, line: nil, detail: "\(url.path): \(error.localizedDescription)")
        }
        return jsonLines(data)
    }

    /// Sunlight's coverage: paths counted once per contracting process, whatever the packaging
    /// (for JSON Lines of compiled releases this equals Cardinal's). `report.indicatorSupport`
    /// then says which indicators the data can support.
    public static func processes(file url: URL, options: ReadOptions = ReadOptions()) throws -> (report: CoverageReport, read: ReadSummary) {
        var options = options
        options.collectCoverage = true
        let summary = try OCDSReader(options: options).read(file: url) { _ in }
        return (summary.coverage ?? CoverageCounter().report(), summary)
    }
}
