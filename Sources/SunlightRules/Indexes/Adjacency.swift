/// A compressed sparse-row multimap from dense `Int32` keys to `Int32` values with a small
/// payload, built once by counting sort: O(keys + pairs) memory and time, and lookups are two
/// array reads. Values of one key are sorted and deduplicated (the first payload seen wins), so
/// every traversal is deterministic.
struct Adjacency<Payload: Sendable>: Sendable {
    private let offsets: [Int32]
    private let values: [Int32]
    private let payloads: [Payload]

    static func empty() -> Adjacency { Adjacency(offsets: [0], values: [], payloads: []) }

    private init(offsets: [Int32], values: [Int32], payloads: [Payload]) {
        self.offsets = offsets
        self.values = values
        self.payloads = payloads
    }

    /// `pairs` need not be sorted; keys must be in `0..<keyCount`.
    init(keyCount: Int, keys: [Int32], values rawValues: [Int32], payloads rawPayloads: [Payload]) {
        precondition(keys.count == rawValues.count && keys.count == rawPayloads.count)
        var counts = [Int32](repeating: 0, count: keyCount + 1)
        for key in keys { counts[Int(key) + 1] += 1 }
        for i in 0..<keyCount { counts[i + 1] += counts[i] }
        var cursor = counts
        var placedValues = [Int32](repeating: 0, count: keys.count)
        var order = [Int32](repeating: 0, count: keys.count)
        for (i, key) in keys.enumerated() {
            let at = Int(cursor[Int(key)])
            placedValues[at] = rawValues[i]
            order[at] = Int32(i)
            cursor[Int(key)] += 1
        }
        // Sort each segment by value (stable: insertion order breaks ties) and drop repeats.
        var outOffsets = [Int32](repeating: 0, count: keyCount + 1)
        var outValues: [Int32] = []
        var outPayloads: [Payload] = []
        outValues.reserveCapacity(keys.count)
        outPayloads.reserveCapacity(keys.count)
        var segment: [(value: Int32, order: Int32)] = []
        for key in 0..<keyCount {
            let start = Int(counts[key]), end = Int(counts[key + 1])
            if end - start == 1 {
                outValues.append(placedValues[start])
                outPayloads.append(rawPayloads[Int(order[start])])
            } else if end > start {
                segment.removeAll(keepingCapacity: true)
                for j in start..<end { segment.append((placedValues[j], order[j])) }
                segment.sort { $0.value != $1.value ? $0.value < $1.value : $0.order < $1.order }
                var last: Int32? = nil
                for item in segment where item.value != last {
                    outValues.append(item.value)
                    outPayloads.append(rawPayloads[Int(item.order)])
                    last = item.value
                }
            }
            outOffsets[key + 1] = Int32(outValues.count)
        }
        self.offsets = outOffsets
        self.values = outValues
        self.payloads = outPayloads
    }

    /// The (value, payload) pairs of `key`; empty for keys outside the table.
    func neighbours(_ key: Int32) -> Neighbours {
        guard key >= 0, Int(key) + 1 < offsets.count else { return Neighbours(owner: self, range: 0..<0) }
        return Neighbours(owner: self, range: Int(offsets[Int(key)])..<Int(offsets[Int(key) + 1]))
    }

    func values(_ key: Int32) -> ArraySlice<Int32> {
        guard key >= 0, Int(key) + 1 < offsets.count else { return [] }
        return values[Int(offsets[Int(key)])..<Int(offsets[Int(key) + 1])]
    }

    func contains(_ key: Int32, _ value: Int32) -> Bool {
        values(key).contains(value)
    }

    struct Neighbours: Sequence {
        let owner: Adjacency
        let range: Range<Int>
        var isEmpty: Bool { range.isEmpty }
        func makeIterator() -> Iterator { Iterator(owner: owner, index: range.lowerBound, end: range.upperBound) }

        struct Iterator: IteratorProtocol {
            let owner: Adjacency
            var index: Int
            let end: Int
            mutating func next() -> (value: Int32, payload: Payload)? {
                guard index < end else { return nil }
                defer { index += 1 }
                return (owner.values[index], owner.payloads[index])
            }
        }
    }
}
