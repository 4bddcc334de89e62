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

    /// `leafHash` of bytes in contiguous memory. The ledger hashes every entry it appends and
    /// every entry `verify` reads: for a million of them the generic `DataProtocol` walk cost
    /// more than the hashing itself.
    public static func leafHash(bytes entry: UnsafeRawBufferPointer) -> TreeHash {
        var hasher = SHA256()
        withUnsafeBytes(of: UInt8(0x00)) { hasher.update(bufferPointer: $0) }
        hasher.update(bufferPointer: entry)
        return TreeHash(hasher.finalize())
    }

    /// `SHA-256(0x01 ‖ left ‖ right)`: the hash of an interior node from its two children.
    public static func nodeHash(_ left: TreeHash, _ right: TreeHash) -> TreeHash {
        var hasher = SHA256()
        withUnsafeBytes(of: UInt8(0x01)) { hasher.update(bufferPointer: $0) }
        left.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        right.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        return TreeHash(hasher.finalize())
    }
}

extension MerkleHashing {
    /// The hash of a perfect subtree from its leaf hashes, left to right (a power-of-two count):
    /// what lets a store keep only the upper levels of the tree and fold the lower ones from the
    /// leaves on demand.
    public static func perfectSubtreeHash(leaves: some Collection<TreeHash>) -> TreeHash {
        precondition(MerkleTreeAlgorithms.isPowerOfTwo(leaves.count), "a perfect subtree has a power-of-two count of leaves")
        var level = Array(leaves)
        while level.count > 1 {
            level = stride(from: 0, to: level.count, by: 2).map { nodeHash(level[$0], level[$0 + 1]) }
        }
        return level[0]
    }
}
