import Crypto
import Foundation

/// A 32-byte SHA-256 value: a leaf hash, an interior node hash or a tree root.
///
/// We use a struct rather than `typealias Hash = [UInt8]` so that the length is checked once,
/// where bytes enter the system (a database column, a JSON proof, a checkpoint line), and every
/// other function can rely on it. Its textual forms follow the ecosystem it is shown in:
/// lowercase `hex` for logs, test vectors and debugging; standard padded `base64` (RFC 4648 §4)
/// for checkpoints and JSON, because that is what C2SP checkpoints use. `Codable` writes base64.
public struct TreeHash: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Length of every tree hash: the SHA-256 output size.
    public static let byteCount = 32

    /// The 32 bytes, in memory order, held inline: a hash is made for every entry appended and
    /// every node above it, and an array's heap allocation (with its reference counting) cost
    /// more than the copy.
    private let w0, w1, w2, w3: UInt64

    /// The 32 raw bytes (a new array: `withUnsafeBytes` reads them in place).
    public var bytes: [UInt8] { withUnsafeBytes { Array($0) } }

    /// Calls `body` with the 32 bytes.
    public func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        let words = (w0, w1, w2, w3)
        return try Swift.withUnsafeBytes(of: words) { try body($0) }
    }

    /// Wraps exactly 32 bytes in memory.
    private init(raw: UnsafeRawBufferPointer) {
        precondition(raw.count == Self.byteCount)
        w0 = raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self)
        w1 = raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
        w2 = raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self)
        w3 = raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
    }

    /// Wraps `bytes`, or returns nil when they are not exactly 32 bytes long.
    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count == Self.byteCount else { return nil }
        let array = Array(bytes)
        self = array.withUnsafeBytes { TreeHash(raw: $0) }
    }

    /// Wraps a finished SHA-256 digest (always 32 bytes).
    public init(_ digest: SHA256.Digest) {
        self = digest.withUnsafeBytes { TreeHash(raw: $0) }
    }

    /// Parses 64 hexadecimal digits (either case).
    public init?(hex: String) {
        guard let decoded = HexCoding.decode(hex), let hash = TreeHash(bytes: decoded) else { return nil }
        self = hash
    }

    /// Parses canonical standard base64 of exactly 32 bytes.
    public init?(base64: String) {
        guard let decoded = Base64Coding.decodeCanonical(base64), let hash = TreeHash(bytes: decoded) else {
            return nil
        }
        self = hash
    }

    /// Lowercase hexadecimal, 64 characters.
    public var hex: String { withUnsafeBytes { HexCoding.encode($0) } }

    /// Standard padded base64, 44 characters: the form used in checkpoints and JSON.
    public var base64: String { withUnsafeBytes { Base64Coding.encode($0) } }

    public var description: String { hex }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let hash = TreeHash(base64: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected base64 of exactly 32 bytes")
        }
        self = hash
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(base64)
    }
}
