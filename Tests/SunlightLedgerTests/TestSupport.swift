import Foundation
import SunlightLedger

/// Bytes from hex; traps on bad input (test literals only).
func hexBytes(_ hex: String) -> [UInt8] {
    precondition(hex.count % 2 == 0)
    var bytes: [UInt8] = []
    var index = hex.startIndex
    while index < hex.endIndex {
        let next = hex.index(index, offsetBy: 2)
        bytes.append(UInt8(hex[index..<next], radix: 16)!)
        index = next
    }
    return bytes
}

/// A tree hash from a 64-digit hex literal.
func treeHash(_ hex: String) -> TreeHash {
    TreeHash(hex: hex)!
}

/// The same hash with one bit flipped.
func flipped(_ hash: TreeHash, bit: Int = 3, byte: Int = 0) -> TreeHash {
    var bytes = hash.bytes
    bytes[byte] ^= UInt8(1 << bit)
    return TreeHash(bytes: bytes)!
}

/// Deterministic pseudo-random numbers (SplitMix64) so failures reproduce.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// `count` random entries of random length 0..<40.
func randomEntries(_ count: Int, seed: UInt64) -> [[UInt8]] {
    var generator = SeededGenerator(seed: seed)
    return (0..<count).map { _ in
        (0..<Int.random(in: 0..<40, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }
}

/// A log of `entries` in a fresh `MemoryNodeStore`.
func buildLog(_ entries: [[UInt8]]) throws -> MerkleAppender {
    var appender = MerkleAppender(store: MemoryNodeStore())
    for entry in entries {
        try appender.append(entry: entry)
    }
    return appender
}

/// Forwards to a store and counts (and records) every node read.
final class CountingReader: MerkleNodeReader, @unchecked Sendable {
    private let base: any MerkleNodeReader
    private let lock = NSLock()
    private var addresses: [NodeAddress] = []

    init(_ base: any MerkleNodeReader) {
        self.base = base
    }

    private func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }

    var reads: Int { locked { addresses.count } }
    var readAddresses: [NodeAddress] { locked { addresses } }

    func reset() {
        locked { addresses.removeAll() }
    }

    func node(level: Int, index: Int) throws -> TreeHash {
        locked { addresses.append(NodeAddress(level: level, index: index)) }
        return try base.node(level: level, index: index)
    }
}

/// ⌈log2 n⌉ for n ≥ 1.
func ceilLog2(_ n: Int) -> Int {
    n <= 1 ? 0 : Int.bitWidth - (n - 1).leadingZeroBitCount
}
