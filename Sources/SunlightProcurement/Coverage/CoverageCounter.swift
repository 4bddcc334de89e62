#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Counts non-empty field paths the way Cardinal's `coverage` command does.
///
/// Cardinal's rules (src/lib.rs `Coverage::add`), reproduced exactly:
/// - empty nodes are `""`, `[]`, `{}`, `null`, and containers holding only empty nodes; every
///   other node counts once at its path;
/// - the path of a value is its parent's path plus `/` (entering an object) and the member name,
///   or plus `[]` (entering an array) — so `""` is the whole value, `/` its object, `/a[]` an
///   element of array `a`; paths are joined text, so `{"a[]":0}` and `{"a":[0]}` share `/a[]`;
/// - a duplicated member name counts once, with the last value, at the first one's position;
/// - the output lists paths in the order they were first counted, children before parents.
///
/// Paths are interned in a trie (no string building per node) and converted to text once, at
/// the end. Counters from parallel workers merge in input order, so the order is the same as a
/// single pass. Besides Cardinal's occurrence counts, each path also counts the *processes* that
/// have it at least once — what "can the data support this indicator?" needs.
struct CoverageCounter {
    private enum Component {
        case root
        case slash
        case array
        case member([UInt8])
    }

    private var parents: [Int32] = [-1]
    private var components: [Component] = [.root]
    private var slashChild: [Int32] = [-1]
    private var arrayChild: [Int32] = [-1]
    private var members: [UInt64: [Int32]] = [:]
    private var counts: [Int] = [0]
    private var processCounts: [Int] = [0]
    private var lastProcess: [Int] = [-1]
    private var firstCounted: [Int] = [Int.max]
    private var sequence = 0
    private var log: [Int32] = []
    private(set) var processes = 0

    // MARK: Trie

    private mutating func newNode(parent: Int32, _ component: Component) -> Int32 {
        let id = Int32(parents.count)
        parents.append(parent)
        components.append(component)
        slashChild.append(-1)
        arrayChild.append(-1)
        counts.append(0)
        processCounts.append(0)
        lastProcess.append(-1)
        firstCounted.append(Int.max)
        return id
    }

    private mutating func slash(of node: Int32) -> Int32 {
        let existing = slashChild[Int(node)]
        if existing >= 0 { return existing }
        let id = newNode(parent: node, .slash)
        slashChild[Int(node)] = id
        return id
    }

    private mutating func array(of node: Int32) -> Int32 {
        let existing = arrayChild[Int(node)]
        if existing >= 0 { return existing }
        let id = newNode(parent: node, .array)
        arrayChild[Int(node)] = id
        return id
    }

    private static func hash(parent: Int32, _ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(UInt32(bitPattern: parent))
        for b in bytes {
            h ^= UInt64(b)
            h = h &* 0x100_0000_01b3
        }
        return h
    }

    private mutating func member(of slash: Int32, key: UnsafeBufferPointer<UInt8>) -> Int32 {
        let h = Self.hash(parent: slash, key)
        if let candidates = members[h] {
            for id in candidates {
                if case let .member(stored) = components[Int(id)], stored.count == key.count,
                   key.count == 0 || stored.withUnsafeBufferPointer({ memcmp($0.baseAddress!, key.baseAddress!, key.count) == 0 }) {
                    return id
                }
            }
        }
        let id = newNode(parent: slash, .member(Array(key)))
        members[h, default: []].append(id)
        return id
    }

    // MARK: Walking

    /// Counts the paths of one process (or one line), whose JSON is in `range` (already valid).
    mutating func addProcess(base: UnsafePointer<UInt8>, range: Range<Int>) {
        var c = JSONCursor(base: base, start: range.lowerBound, end: range.upperBound)
        if (try? walk(&c, node: 0)) != nil { commit() } else { log.removeAll(keepingCapacity: true) }
    }

    private mutating func commit() {
        for id in log {
            let i = Int(id)
            counts[i] += 1
            if lastProcess[i] != processes {
                lastProcess[i] = processes
                processCounts[i] += 1
            }
            if firstCounted[i] == Int.max {
                firstCounted[i] = sequence
                sequence += 1
            }
        }
        log.removeAll(keepingCapacity: true)
        processes += 1
    }

    /// Walks one value whose path is `node`; returns whether it was non-empty.
    private mutating func walk(_ c: inout JSONCursor, node: Int32) throws(JSONSyntaxError) -> Bool {
        let b = try c.peek()
        var nonEmpty = false
        switch b {
        case UInt8(ascii: "\""):
            let token = try c.scanString()
            nonEmpty = token.end > token.start
        case UInt8(ascii: "n"):
            try c.literal("null")
        case UInt8(ascii: "["):
            try c.enterArray()
            var state = false
            var child: Int32 = -1
            while try c.nextElement(&state) {
                if child < 0 { child = array(of: node) }
                if try walk(&c, node: child) { nonEmpty = true }
            }
        case UInt8(ascii: "{"):
            let objectStart = c.position
            let mark = log.count
            let slashNode = slash(of: node)
            try c.enterObject()
            var state = false
            var seen: [Int32] = []
            var duplicated = false
            while try c.nextMember(&state) {
                let key = try c.scanString()
                try c.expectColon()
                let child = memberNode(&c, slash: slashNode, key: key)
                if seen.contains(child) { duplicated = true }
                seen.append(child)
                if try walk(&c, node: child) { nonEmpty = true }
            }
            if duplicated {
                log.removeSubrange(mark...)
                let objectEnd = c.position
                c.position = objectStart
                nonEmpty = try walkDeduplicated(&c, slash: slashNode)
                c.position = objectEnd
            }
            if nonEmpty { log.append(slashNode) }
        default:
            try c.skipValue()
            nonEmpty = true
        }
        if nonEmpty { log.append(node) }
        return nonEmpty
    }

    private mutating func memberNode(_ c: inout JSONCursor, slash: Int32, key: StringToken) -> Int32 {
        if key.escaped {
            var bytes = Array(c.string(of: key).utf8)
            return bytes.withUnsafeMutableBufferPointer { member(of: slash, key: UnsafeBufferPointer($0)) }
        }
        return member(of: slash, key: UnsafeBufferPointer(start: c.base + key.start, count: key.end - key.start))
    }

    /// serde_json keeps the first position of a repeated member name and its last value.
    private mutating func walkDeduplicated(_ c: inout JSONCursor, slash: Int32) throws(JSONSyntaxError) -> Bool {
        try c.enterObject()
        var state = false
        var order: [Int32] = []
        var valueAt: [Int32: Int] = [:]
        while try c.nextMember(&state) {
            let key = try c.scanString()
            try c.expectColon()
            let child = memberNode(&c, slash: slash, key: key)
            c.skipWhitespace()
            if valueAt[child] == nil { order.append(child) }
            valueAt[child] = c.position
            try c.skipValue()
        }
        var nonEmpty = false
        let saved = c.position
        for child in order {
            c.position = valueAt[child]!
            if try walk(&c, node: child) { nonEmpty = true }
        }
        c.position = saved
        return nonEmpty
    }

    // MARK: Merging and reporting

    /// Adds `other`'s counts, as if its input followed this one's.
    mutating func merge(_ other: CoverageCounter) {
        var mapped = [Int32](repeating: 0, count: other.parents.count)
        for i in 1..<other.parents.count {
            let parent = mapped[Int(other.parents[i])]
            let id: Int32
            switch other.components[i] {
            case .root: id = 0
            case .slash: id = slash(of: parent)
            case .array: id = array(of: parent)
            case let .member(bytes): id = bytes.withUnsafeBufferPointer { member(of: parent, key: $0) }
            }
            mapped[i] = id
        }
        for i in 0..<other.parents.count where other.counts[i] > 0 {
            let j = Int(mapped[i])
            counts[j] += other.counts[i]
            processCounts[j] += other.processCounts[i]
            if firstCounted[j] == Int.max { firstCounted[j] = sequence + other.firstCounted[i] }
        }
        sequence += other.sequence
        processes += other.processes
    }

    /// Paths as text, in first-counted order, with occurrence and process counts.
    func report() -> CoverageReport {
        var text = [String](repeating: "", count: parents.count)
        for i in 1..<parents.count {
            let parent = text[Int(parents[i])]
            switch components[i] {
            case .root: text[i] = ""
            case .slash: text[i] = parent + "/"
            case .array: text[i] = parent + "[]"
            case let .member(bytes): text[i] = parent + String(decoding: bytes, as: UTF8.self)
            }
        }
        var byPath: [String: (first: Int, count: Int, processes: Int)] = [:]
        for i in 0..<parents.count where counts[i] > 0 {
            let path = text[i]
            if let existing = byPath[path] {
                byPath[path] = (min(existing.first, firstCounted[i]), existing.count + counts[i],
                                existing.processes + processCounts[i])
            } else {
                byPath[path] = (firstCounted[i], counts[i], processCounts[i])
            }
        }
        let ordered = byPath.sorted { $0.value.first < $1.value.first }
            .map { CoverageReport.PathCount(path: $0.key, count: $0.value.count, processes: min($0.value.processes, processes)) }
        return CoverageReport(processes: processes, paths: ordered)
    }
}
