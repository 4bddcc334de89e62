import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads OCDS data into `ContractingProcess` values, streaming, on all cores.
///
/// Accepted layouts (detected from the first value, not the file name):
/// - JSON Lines, one value per line: compiled releases (Cardinal's input), releases, records,
///   release packages or record packages — read in batches of `ReadOptions.batchBytes`, so memory
///   stays bounded whatever the file size;
/// - one JSON document, possibly pretty-printed: a release package, record package, record or
///   release — mapped into memory and its `releases`/`records` elements extracted in parallel.
///
/// Records use their `compiledRelease`, or else their embedded releases compiled (see
/// `ReleaseMerger`); releases of one `ocid` inside one release package are compiled together.
/// Lines of a JSON Lines file are *not* merged by `ocid`: each line is one process, as in
/// Cardinal.
public struct OCDSReader: Sendable {
    public var options: ReadOptions

    public init(options: ReadOptions = ReadOptions()) {
        self.options = options
    }

    /// Values above this size (a minified package on one line, or a document) have their
    /// elements extracted in parallel rather than by one worker.
    static let largeValueBytes = 4 << 20

    private var processor: ValueProcessor {
        ValueProcessor(extractor: ReleaseExtractor(moveAuctions: options.moveAuctions),
                       collectCoverage: options.collectCoverage)
    }

    // MARK: Public entry points

    /// Reads a file, handing processes to `consume` in batches, in input order.
    public func read(file url: URL, _ consume: ([ContractingProcess]) throws -> Void) throws -> ReadSummary {
        let input = try LineBuffer(path: url.path, capacity: options.batchBytes)
        var state = State(options: options)
        let firstAtEnd = try input.fill()
        switch Self.detectLayout(base: input.base, count: input.filled) {
        case .empty where firstAtEnd:
            state.summary.layout = ReadSummary.Layout.empty
            state.summary.bytes = input.filled
        case .empty, .jsonLines:
            // (A first batch of nothing but whitespace is read on as JSON Lines.)
            state.summary.layout = ReadSummary.Layout.jsonLines
            var atEnd = firstAtEnd
            var first = true
            while true {
                if atEnd {
                    try processLines(base: input.base, count: input.filled, first: first, state: &state, consume)
                    break
                }
                guard let cut = input.lastNewline() else {
                    // A line longer than the buffer: grow it and read on.
                    input.grow()
                    atEnd = try input.fill()
                    continue
                }
                try processLines(base: input.base, count: cut + 1, first: first, state: &state, consume)
                first = false
                input.discard(cut + 1)
                atEnd = try input.fill()
            }
        case .document:
            // A document is read whole (mapped, so the page cache holds it, not the heap).
            let mapped: Data
            do {
                mapped = try Data(contentsOf: url, options: .alwaysMapped)
            } catch {
                throw ReadError(kind: .io, line: nil, detail: "\(url.path): \(error.localizedDescription)")
            }
            try readDocument(mapped, state: &state, consume)
        }
        return try state.finish()
    }

    /// Reads bytes already in memory (tests, uploads).
    public func read(data: Data, _ consume: ([ContractingProcess]) throws -> Void) throws -> ReadSummary {
        var state = State(options: options)
        switch Self.detectLayout(data) {
        case .empty:
            state.summary.bytes = data.count
        case .document:
            try readDocument(data, state: &state, consume)
        case .jsonLines:
            state.summary.layout = ReadSummary.Layout.jsonLines
            try processLines(data, state: &state, consume)
        }
        return try state.finish()
    }

    /// Reads a whole file into an array (for small inputs and tests).
    public func readAll(file url: URL) throws -> ([ContractingProcess], ReadSummary) {
        var all: [ContractingProcess] = []
        let summary = try read(file: url) { all.append(contentsOf: $0) }
        return (all, summary)
    }

    public func readAll(data: Data) throws -> ([ContractingProcess], ReadSummary) {
        var all: [ContractingProcess] = []
        let summary = try read(data: data) { all.append(contentsOf: $0) }
        return (all, summary)
    }

    // MARK: State

    private struct State {
        let options: ReadOptions
        var summary = ReadSummary()
        var coverage: CoverageCounter?
        var lineBase = 0
        var sawNotOCDS: ReadError?

        init(options: ReadOptions) {
            self.options = options
        }

        /// Takes one worker's output (lines already absolute).
        mutating func take(_ output: ValueProcessor.Output, _ consume: ([ContractingProcess]) throws -> Void) throws {
            if let first = output.errors.first {
                if !options.skipInvalid { throw first.error }
                for (_, error) in output.errors {
                    if error.kind == .notOCDS && sawNotOCDS == nil { sawNotOCDS = error }
                    summary.skippedCount += 1
                    if summary.skipped.count < ReadSummary.skippedLimit { summary.skipped.append(error) }
                }
            }
            if let c = output.coverage {
                if coverage == nil { coverage = c } else { coverage!.merge(c) }
            }
            summary.compiledFromReleases += output.compiledFromReleases
            summary.processes += output.processes.count
            if !output.processes.isEmpty { try consume(output.processes) }
        }

        mutating func finish() throws -> ReadSummary {
            // A file with no OCDS at all is an error even when skipping: it is the wrong file.
            if summary.processes == 0, let sawNotOCDS { throw sawNotOCDS }
            if options.collectCoverage { summary.coverage = (coverage ?? CoverageCounter()).report() }
            return summary
        }
    }

    // MARK: Layout

    enum Layout { case empty, jsonLines, document }

    /// JSON Lines if the first non-blank line holds a complete value (or garbage: then it is a
    /// bad line of a JSON Lines file); a document if that value runs past the line's end.
    static func detectLayout(_ data: Data) -> Layout {
        data.withUnsafeBytes { raw -> Layout in
            guard let base = raw.bindMemory(to: UInt8.self).baseAddress else { return .empty }
            return detectLayout(base: base, count: raw.count)
        }
    }

    static func detectLayout(base: UnsafePointer<UInt8>, count: Int) -> Layout {
        var c = JSONCursor(base: base, start: bomLength(base, count), end: count)
        c.skipWhitespace()
        if c.isAtEnd { return .empty }
        let start = c.position
        let lineEnd = findByte(0x0A, base, from: start, to: count) ?? count
        var line = JSONCursor(base: base, start: start, end: lineEnd)
        do throws(JSONSyntaxError) {
            try line.skipValue()
            return .jsonLines
        } catch {
            return error.kind == .unexpectedEnd && lineEnd < count ? .document : .jsonLines
        }
    }

    private static func bomLength(_ base: UnsafePointer<UInt8>, _ count: Int) -> Int {
        count >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF ? 3 : 0
    }

    // MARK: JSON Lines

    private func processLines(_ data: Data, state: inout State, _ consume: ([ContractingProcess]) throws -> Void) throws {
        try data.withUnsafeBytes { raw in
            guard let base = raw.bindMemory(to: UInt8.self).baseAddress else { return }
            try processLines(base: base, count: raw.count, first: true, state: &state, consume)
        }
    }

    /// Processes complete lines in `base[0..<count]` (only the file's last line may lack its
    /// newline), in parallel parts, then hands the results on in order.
    private func processLines(base: UnsafePointer<UInt8>, count: Int, first: Bool, state: inout State,
                              _ consume: ([ContractingProcess]) throws -> Void) throws {
        state.summary.bytes += count
        let threads = options.threads
        let processor = self.processor
        let options = self.options
        let start = first ? Self.bomLength(base, count) : 0
        let parts = Self.split(base: base, range: start..<count, parts: threads * 4, minimumPart: 1 << 18)
        let shared = UncheckedSendableBox(base)
        var outputs = Parallel.map(parts.count, threads: threads) { i in
            Self.processLineRange(base: shared.value, range: parts[i], processor: processor, options: options)
        }
        var lineBase = state.lineBase
        for k in outputs.indices {
            // Workers number lines from 1; make them absolute, in place (no copy of the processes).
            if lineBase > 0 {
                for i in outputs[k].processes.indices { outputs[k].processes[i].line += lineBase }
                for i in outputs[k].errors.indices {
                    let e = outputs[k].errors[i].error
                    outputs[k].errors[i].error = ReadError(kind: e.kind, line: e.line.map { $0 + lineBase }, column: e.column,
                                                           syntax: e.syntax, detail: e.detail)
                }
            }
            lineBase += outputs[k].lines
            try state.take(outputs[k], consume)
            outputs[k] = ValueProcessor.Output()
        }
        state.lineBase = lineBase
        state.summary.lines = lineBase
    }

    /// Splits at newlines into about `parts` ranges of at least `minimumPart` bytes.
    static func split(base: UnsafePointer<UInt8>, range: Range<Int>, parts: Int, minimumPart: Int) -> [Range<Int>] {
        let size = max(minimumPart, range.count / max(1, parts))
        var result: [Range<Int>] = []
        var start = range.lowerBound
        while start < range.upperBound {
            var cut = min(range.upperBound, start + size)
            if cut < range.upperBound {
                cut = (findByte(0x0A, base, from: cut, to: range.upperBound) ?? (range.upperBound - 1)) + 1
            }
            result.append(start..<cut)
            start = cut
        }
        return result
    }

    /// One worker: the lines of `range`, numbered from 1 (the caller adds the base).
    static func processLineRange(base: UnsafePointer<UInt8>, range: Range<Int>, processor: ValueProcessor,
                                 options: ReadOptions) -> ValueProcessor.Output {
        var out = ValueProcessor.Output()
        var lineStart = range.lowerBound
        var line = 0
        while lineStart < range.upperBound {
            line += 1
            let lineEnd = findByte(0x0A, base, from: lineStart, to: range.upperBound) ?? range.upperBound
            let anchor = ValueProcessor.Anchor(base: base, offset: lineStart, line: line, singleLine: true)
            if lineEnd - lineStart >= largeValueBytes {
                var big = processLarge(base: base, range: lineStart..<lineEnd, anchor: anchor, processor: processor,
                                       threads: options.threads)
                out.lines = 0
                big.lines = 0
                merge(&out, big)
            } else {
                processor.processTopLevel(base: base, range: lineStart..<lineEnd, anchor: anchor, into: &out)
            }
            lineStart = lineEnd + 1
        }
        out.lines = line
        return out
    }

    private static func merge(_ out: inout ValueProcessor.Output, _ other: ValueProcessor.Output) {
        let offset = out.processes.count
        out.processes.append(contentsOf: other.processes)
        out.errors.append(contentsOf: other.errors.map { ($0.index + offset, $0.error) })
        out.compiledFromReleases += other.compiledFromReleases
        if let c = other.coverage {
            if out.coverage == nil { out.coverage = c } else { out.coverage!.merge(c) }
        }
    }

    // MARK: Documents

    private func readDocument(_ data: Data, state: inout State, _ consume: ([ContractingProcess]) throws -> Void) throws {
        state.summary.layout = ReadSummary.Layout.document
        state.summary.bytes = data.count
        let processor = self.processor
        let threads = options.threads
        let output: ValueProcessor.Output = data.withUnsafeBytes { raw in
            guard let base = raw.bindMemory(to: UInt8.self).baseAddress else { return ValueProcessor.Output() }
            let start = Self.bomLength(base, raw.count)
            let anchor = ValueProcessor.Anchor(base: base, offset: 0, line: 1, singleLine: false)
            return Self.processLarge(base: base, range: start..<raw.count, anchor: anchor, processor: processor,
                                     threads: threads)
        }
        state.summary.lines = data.withUnsafeBytes { raw in
            guard let base = raw.bindMemory(to: UInt8.self).baseAddress else { return 0 }
            let count = countNewlines(base, from: 0, to: raw.count)
            return raw.count > 0 && base[raw.count - 1] != 0x0A ? count + 1 : count
        }
        if let first = output.errors.first?.error, first.kind == .invalidJSON, Self.secondLineIsValue(data) {
            // Not one document after all: a JSON Lines file whose first line is broken. Read it
            // line by line, so every other line is kept and the bad ones are reported by line.
            state.summary = ReadSummary()
            state.summary.layout = ReadSummary.Layout.jsonLines
            try processLines(data, state: &state, consume)
            return
        }
        try state.take(output, consume)
    }

    /// Whether the second non-blank line is itself a complete JSON value.
    private static func secondLineIsValue(_ data: Data) -> Bool {
        data.withUnsafeBytes { raw -> Bool in
            guard let base = raw.bindMemory(to: UInt8.self).baseAddress else { return false }
            var nonBlank = 0
            var start = 0
            while start < raw.count {
                let end = findByte(0x0A, base, from: start, to: raw.count) ?? raw.count
                var c = JSONCursor(base: base, start: start, end: end)
                c.skipWhitespace()
                if !c.isAtEnd {
                    nonBlank += 1
                    if nonBlank == 2 {
                        do throws(JSONSyntaxError) {
                            try c.skipValue()
                            try c.expectEnd()
                            return true
                        } catch {
                            return false
                        }
                    }
                }
                start = end + 1
            }
            return false
        }
    }

    /// One large value: its package elements are extracted in parallel.
    static func processLarge(base: UnsafePointer<UInt8>, range: Range<Int>, anchor: ValueProcessor.Anchor,
                             processor: ValueProcessor, threads: Int) -> ValueProcessor.Output {
        var out = ValueProcessor.Output()
        var c = JSONCursor(base: base, start: range.lowerBound, end: range.upperBound)
        c.skipWhitespace()
        if c.isAtEnd { return out }
        let valueStart = c.position
        let scan: ReleaseExtractor.Scan
        do throws(JSONSyntaxError) {
            guard try c.nextIsObject() else {
                try c.skipValue()
                try c.expectEnd()
                out.fail(ReadError(kind: .notOCDS, line: anchor.position(of: valueStart).line))
                return out
            }
            scan = try processor.extractor.scan(&c, line: anchor.line)
            try c.expectEnd()
        } catch {
            let (line, column) = anchor.position(of: error.offset)
            out.fail(ReadError(kind: .invalidJSON, line: line, column: column, syntax: error.kind))
            return out
        }
        let elements = scan.recordElements ?? (scan.looksLikeRecord || scan.ocid != nil ? nil : scan.releaseElements)
        guard let elements, elements.count > 1 else {
            processor.handle(scan, base: base, valueRange: valueStart..<c.position, anchor: anchor, into: &out)
            return out
        }
        let isRecords = scan.recordElements != nil
        // Lines of the elements, counted once, in order.
        var counter = anchor
        let lines = elements.map { counter.advance(to: $0.lowerBound) }
        let chunk = max(1, elements.count / (threads * 8))
        let chunks = stride(from: 0, to: elements.count, by: chunk).map { $0..<min(elements.count, $0 + chunk) }
        let shared = UncheckedSendableBox(base)
        if isRecords {
            let parts: [ValueProcessor.Output] = Parallel.map(chunks.count, threads: threads) { k in
                var part = ValueProcessor.Output()
                for i in chunks[k] {
                    processor.processRecordElement(base: shared.value, range: elements[i], line: lines[i], into: &part)
                }
                return part
            }
            for part in parts { merge(&out, part) }
            return out
        }
        // Release package: extract in parallel, then compile releases sharing an ocid (which may
        // sit in different chunks), then count coverage over the final processes.
        let parts: [(items: [(ContractingProcess, Int)], errors: [ReadError])] = Parallel.map(chunks.count, threads: threads) { k in
            var items: [(ContractingProcess, Int)] = []
            var errors: [ReadError] = []
            for i in chunks[k] {
                switch processor.extractRelease(base: shared.value, range: elements[i], line: lines[i]) {
                case let .success(p): items.append((p, i))
                case let .failure(e): errors.append(e)
                }
            }
            return (items, errors)
        }
        var produced: [(ContractingProcess, ValueProcessor.Source)] = []
        produced.reserveCapacity(elements.count)
        for part in parts {
            for e in part.errors { out.fail(e) }
            for (p, i) in part.items { produced.append((p, .range(elements[i]))) }
        }
        let compiled = processor.compileDuplicates(produced, base: base, into: &out)
        if processor.collectCoverage && !compiled.isEmpty {
            // Contiguous slices, merged in order, keep Cardinal's first-seen path order.
            let n = min(threads * 4, compiled.count)
            let per = (compiled.count + n - 1) / n
            let counters: [CoverageCounter] = Parallel.map(n, threads: threads) { w in
                var counter = CoverageCounter()
                for i in (w * per)..<min(compiled.count, (w + 1) * per) {
                    switch compiled[i].1 {
                    case let .range(r): counter.addProcess(base: shared.value, range: r)
                    case let .bytes(b):
                        b.withUnsafeBufferPointer { buffer in
                            if let p = buffer.baseAddress { counter.addProcess(base: p, range: 0..<buffer.count) }
                        }
                    }
                }
                return counter
            }
            var total = CoverageCounter()
            for c in counters { total.merge(c) }
            out.coverage = total
        }
        out.processes.append(contentsOf: compiled.map(\.0))
        return out
    }
}
