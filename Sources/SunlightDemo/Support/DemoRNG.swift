import Foundation

/// SplitMix64 (Steele, Lea & Flood 2014): used to expand a seed and to derive independent streams.
struct SplitMix64 {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A 64-bit mix of several values, for deriving a stream from (seed, purpose, index…).
    static func mix(_ values: [UInt64]) -> UInt64 {
        var s = SplitMix64(seed: 0x5EED_5EED_5EED_5EED)
        var acc: UInt64 = 0
        for v in values {
            s.state ^= v &+ acc
            acc = s.next()
        }
        return acc
    }
}

/// xoshiro256** (Blackman & Vigna). The demo's only source of randomness: the same seed always
/// yields the same sequence on every platform, so the same seed writes byte-identical files.
/// All helpers are implemented here (not with the standard library's `random(in:)`), so that the
/// output does not depend on the standard library's sampling algorithms either.
struct DemoRNG {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    init(seed: UInt64) {
        var sm = SplitMix64(seed: seed)
        s0 = sm.next(); s1 = sm.next(); s2 = sm.next(); s3 = sm.next()
        if s0 | s1 | s2 | s3 == 0 { s0 = 1 }
    }

    /// An independent stream for a purpose (`"village"`, index 17 …) derived from a base seed.
    init(seed: UInt64, stream: String, _ indices: Int...) {
        var values: [UInt64] = [seed]
        var h: UInt64 = 0xCBF2_9CE4_8422_2325   // FNV-1a of the stream name
        for b in stream.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        values.append(h)
        for i in indices { values.append(UInt64(bitPattern: Int64(i))) }
        self.init(seed: SplitMix64.mix(values))
    }

    mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = (s3 << 45) | (s3 >> 19)
        return result
    }

    /// Uniform in 0..<n (Lemire's nearly-divisionless method with rejection, so unbiased).
    mutating func below(_ n: Int) -> Int {
        precondition(n > 0)
        let bound = UInt64(n)
        var m = next().multipliedFullWidth(by: bound)
        if m.low < bound {
            let threshold = (0 &- bound) % bound
            while m.low < threshold { m = next().multipliedFullWidth(by: bound) }
        }
        return Int(m.high)
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    mutating func int64(_ range: ClosedRange<Int64>) -> Int64 {
        let span = UInt64(range.upperBound - range.lowerBound) + 1
        if span <= UInt64(Int.max) { return range.lowerBound + Int64(below(Int(span))) }
        return range.lowerBound + Int64(next() % span)
    }

    /// Uniform in [0, 1) with 53 random bits.
    mutating func unit() -> Double {
        Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0)
    }

    mutating func chance(_ p: Double) -> Bool { unit() < p }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// Picks by integer weights.
    mutating func weighted<T>(_ items: [(T, Int)]) -> T {
        let total = items.reduce(0) { $0 + $1.1 }
        var r = below(total)
        for (item, w) in items {
            if r < w { return item }
            r -= w
        }
        return items[items.count - 1].0
    }

    mutating func shuffle<T>(_ items: inout [T]) {
        guard items.count > 1 else { return }
        for i in stride(from: items.count - 1, to: 0, by: -1) {
            let j = below(i + 1)
            if i != j { items.swapAt(i, j) }
        }
    }

    /// `k` distinct elements (order random).
    mutating func sample<T>(_ items: [T], _ k: Int) -> [T] {
        var copy = items
        let k = min(k, copy.count)
        for i in 0..<k {
            let j = i + below(copy.count - i)
            if i != j { copy.swapAt(i, j) }
        }
        return Array(copy.prefix(k))
    }

    /// Hex string of `count` random nibbles (lower-case).
    mutating func hex(_ count: Int) -> String {
        let digits = Array("0123456789abcdef")
        var out = ""
        out.reserveCapacity(count)
        for _ in 0..<count { out.append(digits[below(16)]) }
        return out
    }

    /// `count` random decimal digits.
    mutating func digits(_ count: Int) -> String {
        var out = ""
        out.reserveCapacity(count)
        for _ in 0..<count { out.append(Character(UnicodeScalar(UInt8(48 + below(10))))) }
        return out
    }
}
