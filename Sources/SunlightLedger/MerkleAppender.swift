import Foundation

/// Appends leaves to a log kept as stored perfect subtrees.
///
/// Appending leaf n stores the leaf (level 0) and then every perfect subtree that leaf
/// completes: while the index at the current level is odd, its left sibling is read and the
/// parent is stored. That is one node per trailing 1-bit of n — at most log2 n, amortised
/// fewer than 2 per append — and a log of n leaves stores Σ⌊n / 2^ℓ⌋ < 2n nodes in total.
///
/// Database adapters normally use the static `nodesCompleted(…)` directly, inside the
/// transaction that inserts the entry, so the entry and its nodes commit together; the
/// instance API is for in-memory logs, tests and benchmarks.
public struct MerkleAppender: Sendable {
    /// Number of leaves appended so far.
    public private(set) var size: Int
    /// The store receiving nodes. It must already hold every perfect subtree of the first
    /// `size` leaves.
    public private(set) var store: any MerkleNodeStore

    /// Continues a log of `size` leaves (0 for a new log) kept in `store`.
    public init(size: Int = 0, store: any MerkleNodeStore) {
        precondition(size >= 0, "tree size must not be negative")
        self.size = size
        self.store = store
    }

    /// Appends one leaf by its leaf hash; returns the new tree size.
    @discardableResult
    public mutating func append(leafHash: TreeHash) throws -> Int {
        let nodes = try Self.nodesCompleted(byAppendingLeafAt: size, leafHash: leafHash, reader: store)
        for node in nodes {
            try store.put(level: node.level, index: node.index, hash: node.hash)
        }
        size += 1
        return size
    }

    /// Appends one entry (hashed with `MerkleHashing.leafHash`); returns the new tree size.
    @discardableResult
    public mutating func append(entry: some DataProtocol) throws -> Int {
        try append(leafHash: MerkleHashing.leafHash(entry))
    }

    /// A view of the tree as appended so far.
    public var treeView: MerkleTreeView {
        MerkleTreeView(size: size, reader: store)
    }

    /// The nodes to store when leaf `index` (= the current tree size) is appended: the leaf
    /// itself at level 0, then each perfect subtree it completes, bottom-up. `reader` must hold
    /// the perfect subtrees of leaves `[0, index)`; it is asked only for the left siblings listed
    /// by `nodesRead(byAppendingLeafAt:)`.
    public static func nodesCompleted(
        byAppendingLeafAt index: Int,
        leafHash: TreeHash,
        reader: any MerkleNodeReader
    ) throws -> [(level: Int, index: Int, hash: TreeHash)] {
        precondition(index >= 0, "leaf index must not be negative")
        var nodes: [(level: Int, index: Int, hash: TreeHash)] = [(level: 0, index: index, hash: leafHash)]
        var hash = leafHash
        var level = 0
        var position = index
        // An odd position is a right child whose left sibling is already complete, so their
        // parent is now complete as well.
        while position & 1 == 1 {
            let left = try reader.node(level: level, index: position - 1)
            hash = MerkleHashing.nodeHash(left, hash)
            level += 1
            position >>= 1
            nodes.append((level: level, index: position, hash: hash))
        }
        return nodes
    }

    /// The left siblings `nodesCompleted(byAppendingLeafAt:…)` reads, bottom-up, so an
    /// asynchronous adapter can prefetch them.
    public static func nodesRead(byAppendingLeafAt index: Int) -> [NodeAddress] {
        var addresses: [NodeAddress] = []
        var level = 0
        var position = index
        while position & 1 == 1 {
            addresses.append(NodeAddress(level: level, index: position - 1))
            level += 1
            position >>= 1
        }
        return addresses
    }
}
