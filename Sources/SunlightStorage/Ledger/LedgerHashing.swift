import Crypto
import Foundation
import SunlightContract

/// `LedgerKeys.keyedHash` (HMAC-SHA256, RFC 2104, as lower-case hex) with the key's inner and
/// outer pads hashed once instead of on every call: an import computes one per row.
struct KeyedHasher: Sendable {
    private let inner: SHA256
    private let outer: SHA256

    init(key: SymmetricKey) {
        // The key padded to SHA-256's 64-byte block (a longer key is hashed first).
        var block = key.withUnsafeBytes { bytes in
            guard bytes.count > 64 else { return Array(bytes) }
            var hasher = SHA256()
            hasher.update(bufferPointer: bytes)
            return Array(hasher.finalize())
        }
        block += Array(repeating: 0, count: 64 - block.count)
        var inner = SHA256()
        inner.update(data: block.map { $0 ^ 0x36 })
        var outer = SHA256()
        outer.update(data: block.map { $0 ^ 0x5C })
        self.inner = inner
        self.outer = outer
    }

    func hash(_ value: String) -> String {
        var value = value
        var inner = self.inner
        value.withUTF8 { inner.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        var outer = self.outer
        inner.finalize().withUnsafeBytes { outer.update(bufferPointer: $0) }
        return outer.finalize().withUnsafeBytes(Hex.encode)
    }
}
