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

    /// The 32 raw bytes.
    public let bytes: [UInt8]

    /// Wraps `bytes`, or returns nil when they are not exactly 32 bytes long.
    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count == Self.byteCount else { return nil }
        self.bytes = Array(bytes)
    }

    /// Wraps a finished SHA-256 digest (always 32 bytes).
    public init(_ digest: SHA256.Digest) {
        // Copied as one block: `Array(digest)` walks the digest as a sequence, byte by byte,
        // which cost more than the hashing for the ledger's two hashes per imported row.
        self.bytes = digest.withUnsafeBytes { Array($0) }
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
    public var hex: String { HexCoding.encode(bytes) }

    /// Standard padded base64, 44 characters: the form used in checkpoints and JSON.
    public var base64: String { Base64Coding.encode(bytes) }

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
