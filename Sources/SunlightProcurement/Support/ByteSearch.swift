#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The offset of the first `byte` in `base[from..<to]`, found with `memchr` (vectorised by the C
/// library — finding line ends is the one scan every byte of a JSON Lines file goes through).
@inline(__always) func findByte(_ byte: UInt8, _ base: UnsafePointer<UInt8>, from: Int, to: Int) -> Int? {
    guard from < to, let hit = memchr(base + from, Int32(byte), to - from) else { return nil }
    return UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
}

/// Newlines in `base[from..<to]`.
func countNewlines(_ base: UnsafePointer<UInt8>, from: Int, to: Int) -> Int {
    var count = 0
    var i = from
    while let hit = findByte(0x0A, base, from: i, to: to) {
        count += 1
        i = hit + 1
    }
    return count
}
