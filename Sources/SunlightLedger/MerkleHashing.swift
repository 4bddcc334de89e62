import Crypto
import Foundation

/// The RFC 9162 §2.1.1 hash functions of the log, with its domain separation.
///
/// Leaves are hashed as `SHA-256(0x00 ‖ entry)` and interior nodes as
/// `SHA-256(0x01 ‖ left ‖ right)`. The distinct one-byte prefixes make it impossible to present
/// an interior node as if it were a leaf (a second-preimage attack on the tree).
public enum MerkleHashing {
    /// The root of the empty tree: SHA-256 of the empty string
    /// (e3b0c442…b855), as RFC 9162 §2.1.1 defines `MTH({})`.
    public static let emptyRoot = TreeHash(SHA256.hash(data: [UInt8]()))

    /// `SHA-256(0x00 ‖ entry)`: the hash under which an entry's bytes enter the tree.
    public static func leafHash(_ entry: some DataProtocol) -> TreeHash {
        var hasher = SHA256()
        hasher.update(data: [0x00] as [UInt8])
        hasher.update(data: entry)
        return TreeHash(hasher.finalize())
    }

    /// `SHA-256(0x01 ‖ left ‖ right)`: the hash of an interior node from its two children.
    public static func nodeHash(_ left: TreeHash, _ right: TreeHash) -> TreeHash {
        var hasher = SHA256()
        hasher.update(data: [0x01] as [UInt8])
        hasher.update(data: left.bytes)
        hasher.update(data: right.bytes)
        return TreeHash(hasher.finalize())
    }
}
