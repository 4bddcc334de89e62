/// Turns top-level JSON values into contracting processes, whatever their OCDS packaging.
///
/// One JSON value may be a compiled release (Cardinal's input), a release, a record (with a
/// `compiledRelease`, or with `releases` to compile), a release package or a record package.
/// The value is scanned once; members that only packages or records have tell which it was.
struct ValueProcessor {
    var extractor: ReleaseExtractor
    var collectCoverage: Bool

    /// Where a process's JSON lives, for the coverage walk.
    enum Source {
        case range(Range<Int>)
        case bytes([UInt8])
    }

    /// The output of one worker, in input order.
    struct Output {
        var processes: [ContractingProcess] = []
        var errors: [(index: Int, error: ReadError)] = []
        var coverage: CoverageCounter?
        var compiledFromReleases = 0
        /// Lines seen (JSON Lines workers only).
        var lines = 0

        mutating func fail(_ error: ReadError) {
            errors.append((processes.count, error))
        }
    }

    /// Maps byte offsets to lines, counting newlines forward from a known point.
    ///
    /// In a JSON Lines file a value has no newline inside, so its line is fixed (`singleLine`);
    /// in a document, elements are visited in order and the count only moves forward, so the
    /// whole file is counted once.
    struct Anchor {
        let base: UnsafePointer<UInt8>
        private(set) var offset: Int
        private(set) var line: Int
        let singleLine: Bool

        init(base: UnsafePointer<UInt8>, offset: Int, line: Int, singleLine: Bool) {
            self.base = base
            self.offset = offset
            self.line = line
            self.singleLine = singleLine
        }

        /// The line of `target` (≥ the last target), moving the anchor there.
        mutating func advance(to target: Int) -> Int {
            if singleLine || target <= offset { return line }
            line += countNewlines(base, from: offset, to: target)
            offset = target
            return line
        }

        /// Line and 1-based byte column of `target` (for error messages).
        func position(of target: Int) -> (line: Int, column: Int) {
            if singleLine { return (line, target - offset + 1) }
            var copy = self
            let line = copy.advance(to: max(target, offset))
            var start = target
            while start > 0 && base[start - 1] != 0x0A { start -= 1 }
            return (line, target - start + 1)
        }
    }

    /// Processes one top-level value in `range` (which may have surrounding whitespace). Blank
    /// ranges produce nothing, as Cardinal silently skips blank lines.
    func processTopLevel(base: UnsafePointer<UInt8>, range: Range<Int>, anchor: Anchor, into out: inout Output) {
        var c = JSONCursor(base: base, start: range.lowerBound, end: range.upperBound)
        c.skipWhitespace()
        if c.isAtEnd { return }
        let valueStart = c.position
        do throws(JSONSyntaxError) {
            guard try c.nextIsObject() else {
                try c.skipValue()
                try c.expectEnd()
                out.fail(ReadError(kind: .notOCDS, line: anchor.position(of: valueStart).line))
                return
            }
            let scan = try extractor.scan(&c, line: anchor.line)
            let valueEnd = c.position
            try c.expectEnd()
            handle(scan, base: base, valueRange: valueStart..<valueEnd, anchor: anchor, into: &out)
        } catch {
            let (line, column) = anchor.position(of: error.offset)
            out.fail(ReadError(kind: .invalidJSON, line: line, column: column, syntax: error.kind))
        }
    }

    func handle(_ scan: consuming ReleaseExtractor.Scan, base: UnsafePointer<UInt8>, valueRange: Range<Int>,
                        anchor: Anchor, into out: inout Output) {
        var counter = anchor
        let line = counter.advance(to: valueRange.lowerBound)
        if let records = scan.recordElements {
            for element in records {
                let elementLine = counter.advance(to: element.lowerBound)
                processRecordElement(base: base, range: element, line: elementLine, into: &out)
            }
            return
        }
        if scan.looksLikeRecord || (scan.releaseElements != nil && scan.ocid != nil) {
            processRecord(scan, base: base, line: line, into: &out)
            return
        }
        if let releases = scan.releaseElements {
            var produced: [(ContractingProcess, Source)] = []
            for element in releases {
                let elementLine = counter.advance(to: element.lowerBound)
                switch extractRelease(base: base, range: element, line: elementLine) {
                case let .success(process): produced.append((process, .range(element)))
                case let .failure(error): out.fail(error)
                }
            }
            for (process, source) in compileDuplicates(produced, base: base, into: &out) {
                emit(process, source: source, base: base, into: &out)
            }
            return
        }
        if let ocid = scan.ocid {
            scan.process.ocid = ocid
            scan.process.line = line
            emit(scan, source: .range(valueRange), base: base, into: &out)
            return
        }
        out.fail(ReadError(kind: .notOCDS, line: line))
    }

    /// One element of a release package: must be a release with an `ocid`.
    func extractRelease(base: UnsafePointer<UInt8>, range: Range<Int>, line: Int) -> Result<ContractingProcess, ReadError> {
        var c = JSONCursor(base: base, start: range.lowerBound, end: range.upperBound)
        do throws(JSONSyntaxError) {
            guard try c.nextIsObject() else { return .failure(ReadError(kind: .notOCDS, line: line)) }
            let scan = try extractor.scan(&c, line: line)
            guard let ocid = scan.ocid else { return .failure(ReadError(kind: .notOCDS, line: line)) }
            var process = scan.process
            process.ocid = ocid
            return .success(process)
        } catch {
            // Unreachable in practice: the package scan already validated the element.
            let (l, column) = Anchor(base: base, offset: range.lowerBound, line: line, singleLine: false).position(of: error.offset)
            return .failure(ReadError(kind: .invalidJSON, line: l, column: column, syntax: error.kind))
        }
    }

    func processRecordElement(base: UnsafePointer<UInt8>, range: Range<Int>, line: Int, into out: inout Output) {
        var c = JSONCursor(base: base, start: range.lowerBound, end: range.upperBound)
        do throws(JSONSyntaxError) {
            guard try c.nextIsObject() else {
                out.fail(ReadError(kind: .notOCDS, line: line))
                return
            }
            let scan = try extractor.scan(&c, line: line)
            processRecord(scan, base: base, line: line, into: &out)
        } catch {
            let (l, column) = Anchor(base: base, offset: range.lowerBound, line: line, singleLine: false).position(of: error.offset)
            out.fail(ReadError(kind: .invalidJSON, line: l, column: column, syntax: error.kind))
        }
    }

    /// A record: its `compiledRelease` if any, else its embedded releases compiled.
    func processRecord(_ scan: ReleaseExtractor.Scan, base: UnsafePointer<UInt8>, line: Int, into out: inout Output) {
        if let compiled = scan.compiled {
            guard let ocid = compiled.ocid ?? scan.ocid else {
                out.fail(ReadError(kind: .notOCDS, line: line))
                return
            }
            var process = compiled.process
            process.ocid = ocid
            process.line = line
            emit(process, source: .range(compiled.range), base: base, into: &out)
            return
        }
        let full = (scan.releaseElements ?? []).compactMap { range -> JSONValue? in
            guard let value = try? Self.tree(base: base, range: range) else { return nil }
            // A linked release (url, date, tag) carries no data to compile.
            guard case let .object(members) = value,
                  members.contains(where: { !["url", "date", "tag"].contains($0.key) }) else { return nil }
            return value
        }
        guard !full.isEmpty else {
            out.fail(ReadError(kind: .recordWithoutReleases, line: line))
            return
        }
        guard let (compiledProcess, bytes) = compile(full, line: line) else {
            out.fail(ReadError(kind: .notOCDS, line: line))
            return
        }
        var process = compiledProcess
        if process.ocid.isEmpty, let ocid = scan.ocid { process.ocid = ocid }
        guard !process.ocid.isEmpty else {
            out.fail(ReadError(kind: .notOCDS, line: line))
            return
        }
        out.compiledFromReleases += 1
        emit(process, source: .bytes(bytes), base: base, into: &out)
    }

    /// Releases of one package sharing an `ocid` are compiled into one process (in the position of
    /// the first); the others pass through.
    func compileDuplicates(_ produced: [(ContractingProcess, Source)], base: UnsafePointer<UInt8>,
                           into out: inout Output) -> [(ContractingProcess, Source)] {
        guard produced.count > 1 else { return produced }
        var positions: [String: [Int]] = [:]
        for (i, item) in produced.enumerated() { positions[item.0.ocid, default: []].append(i) }
        guard positions.count < produced.count else { return produced }
        var result: [(ContractingProcess, Source)] = []
        result.reserveCapacity(positions.count)
        for (i, item) in produced.enumerated() {
            let group = positions[item.0.ocid]!
            if group.count == 1 {
                result.append(item)
            } else if group[0] == i {
                let trees = group.compactMap { j -> JSONValue? in
                    guard case let .range(r) = produced[j].1 else { return nil }
                    return try? Self.tree(base: base, range: r)
                }
                if let (compiledProcess, bytes) = compile(trees, line: item.0.line) {
                    var merged = compiledProcess
                    merged.ocid = item.0.ocid
                    out.compiledFromReleases += 1
                    result.append((merged, .bytes(bytes)))
                } else {
                    result.append(item)
                }
            }
        }
        return result
    }

    private static func tree(base: UnsafePointer<UInt8>, range: Range<Int>) throws(JSONSyntaxError) -> JSONValue {
        var c = JSONCursor(base: base, start: range.lowerBound, end: range.upperBound)
        return try JSONValue.read(&c)
    }

    /// Merges releases and extracts the compiled release (returned with its JSON bytes).
    private func compile(_ releases: [JSONValue], line: Int) -> (ContractingProcess, [UInt8])? {
        let compiled = ReleaseMerger.compile(releases)
        var bytes: [UInt8] = []
        compiled.write(into: &bytes)
        let count = bytes.count
        let scanned: ReleaseExtractor.Scan? = bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return nil }
            var c = JSONCursor(base: base, start: 0, end: count)
            return try? extractor.scan(&c, line: line)
        }
        guard let scanned else { return nil }
        var process = scanned.process
        process.ocid = scanned.ocid ?? ""
        process.line = line
        return (process, bytes)
    }

    private func emit(_ scan: consuming ReleaseExtractor.Scan, source: Source, base: UnsafePointer<UInt8>, into out: inout Output) {
        let process = scan.process
        emit(process, source: source, base: base, into: &out)
    }

    private func emit(_ process: consuming ContractingProcess, source: Source, base: UnsafePointer<UInt8>, into out: inout Output) {
        if collectCoverage {
            if out.coverage == nil { out.coverage = CoverageCounter() }
            switch source {
            case let .range(range):
                out.coverage!.addProcess(base: base, range: range)
            case let .bytes(bytes):
                bytes.withUnsafeBufferPointer { buffer in
                    if let b = buffer.baseAddress { out.coverage!.addProcess(base: b, range: 0..<buffer.count) }
                }
            }
        }
        out.processes.append(consume process)
    }
}
