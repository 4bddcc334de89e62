/// The position of a stored node: the perfect subtree at `level` (0 = leaves) and `index`,
/// covering leaves `[index · 2^level, (index + 1) · 2^level)`.
///
/// Only *perfect* subtrees are ever stored. A perfect subtree's hash never changes once its last
/// leaf is appended, so it can be written once, in the same transaction as that leaf, and never
/// updated. Every hash the log must serve — roots of any size, proof path elements — is a fold of
/// O(log n) of these nodes.
public struct NodeAddress: Hashable, Sendable, Codable, CustomStringConvertible {
    public var level: Int
    public var index: Int

    public init(level: Int, index: Int) {
        self.level = level
        self.index = index
    }

    /// First leaf covered by this node.
    public var firstLeaf: Int { index << level }
    /// One past the last leaf covered by this node.
    public var endLeaf: Int { (index + 1) << level }

    public var description: String { "(\(level), \(index))" }
}

/// Read access to stored perfect-subtree hashes.
///
/// The database adapter implements this over its node table; `MemoryNodeStore` implements it
/// over a dictionary. Reads are synchronous: an asynchronous adapter first fetches the few
/// addresses an operation needs (see `MerkleTreeView.nodesRead(…)` and
/// `MerkleAppender.nodesRead(byAppendingLeafAt:)`) into a `MemoryNodeStore`, then runs the
/// operation on that. Conforming types are `Sendable` so that views and appenders built on them
/// may cross concurrency domains.
public protocol MerkleNodeReader: Sendable {
    /// The hash of perfect subtree (`level`, `index`). Throws (typically
    /// `LedgerError.missingNode`) if it is not stored.
    func node(level: Int, index: Int) throws -> TreeHash
}

/// A node reader that can also record newly completed perfect subtrees.
public protocol MerkleNodeStore: MerkleNodeReader {
    /// Stores the hash of perfect subtree (`level`, `index`). Storing the same hash twice is
    /// harmless; implementations should refuse a *different* hash for a stored address
    /// (`LedgerError.conflictingNode`), since stored nodes are immutable.
    mutating func put(level: Int, index: Int, hash: TreeHash) throws
}
