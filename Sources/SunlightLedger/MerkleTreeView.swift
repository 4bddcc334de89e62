/// The log's tree *at one size*, answered from stored perfect-subtree hashes.
///
/// A view is cheap: it holds a size and a reader. Stored perfect subtrees never change, so the
/// same store serves views at every past size — the root of the tree at size m is
/// `MerkleTreeView(size: m, reader: store).rootHash()`. Each operation reads O(log n) nodes and
/// never recomputes the tree; the static `nodesRead(…)` planners list exactly which nodes.
public struct MerkleTreeView: Sendable {
    /// Number of leaves in the tree this view describes.
    public let size: Int
    /// Where perfect-subtree hashes come from. Must hold every perfect subtree of the first
    /// `size` leaves.
    public let reader: any MerkleNodeReader

    /// A view of the first `size` leaves (`size` ≥ 0) of the log stored in `reader`.
    public init(size: Int, reader: any MerkleNodeReader) {
        precondition(size >= 0, "tree size must not be negative")
        self.size = size
        self.reader = reader
    }

    /// `MTH(D[0:size])`; the empty tree's root is `MerkleHashing.emptyRoot`.
    /// At most ⌊log2 size⌋ + 1 node reads (one per set bit of `size`).
    public func rootHash() throws -> TreeHash {
        guard size > 0 else { return MerkleHashing.emptyRoot }
        return try subtreeHash(start: 0, end: size)
    }

    /// The stored leaf hash of entry `index`.
    public func leafHash(at index: Int) throws -> TreeHash {
        guard index >= 0, index < size else { throw LedgerError.indexOutOfRange(index: index, size: size) }
        return try reader.node(level: 0, index: index)
    }

    /// `MTH(D[start:end])` for leaves `[start, end)` within this tree.
    ///
    /// The range must be a *subtree range*: non-empty, `end ≤ size`, and `start` a multiple of the
    /// smallest power of two ≥ `end − start` (e.g. `[0, m)` for any m, `[8, 13)`, `[12, 16)`;
    /// not `[1, 3)`). Those are the ranges RFC 9162's algorithms ever hash, and the only ones whose
    /// hash is a fold of stored aligned perfect subtrees; any other range would require rehashing
    /// its leaves. Decomposes into at most ⌊log2(end − start)⌋ + 1 node reads.
    public func subtreeHash(start: Int, end: Int) throws -> TreeHash {
        guard end <= size, MerkleTreeAlgorithms.isSubtreeRange(start: start, end: end) else {
            throw LedgerError.invalidRange(start: start, end: end, size: size)
        }
        return try MerkleTreeAlgorithms.subtreeHash(start: start, end: end, fetch: fetch)
    }

    /// The RFC 9162 §2.1.3.1 inclusion proof (audit path) for leaf `index`, leaf-side first.
    public func inclusionProof(index: Int) throws -> [TreeHash] {
        guard index >= 0, index < size else { throw LedgerError.indexOutOfRange(index: index, size: size) }
        return try MerkleTreeAlgorithms.inclusionPath(index: index, size: size, fetch: fetch)
    }

    /// The RFC 9162 §2.1.4.1 consistency proof from the tree at `oldSize` to this tree.
    /// Empty when `oldSize` is 0 or equal to `size`, as the verifier expects.
    public func consistencyProof(from oldSize: Int) throws -> [TreeHash] {
        guard oldSize >= 0, oldSize <= size else { throw LedgerError.invalidOldSize(oldSize: oldSize, size: size) }
        return try MerkleTreeAlgorithms.consistencyPath(oldSize: oldSize, newSize: size, fetch: fetch)
    }

    private func fetch(_ address: NodeAddress) throws -> TreeHash {
        try reader.node(level: address.level, index: address.index)
    }
}

// MARK: - Read planning

extension MerkleTreeView {
    /// The nodes `rootHash()` reads for a tree of `size` leaves.
    public static func nodesRead(forRootOfSize size: Int) -> [NodeAddress] {
        guard size > 0 else { return [] }
        return MerkleTreeAlgorithms.perfectNodes(start: 0, end: size)
    }

    /// The nodes `inclusionProof(index:)` reads, so an adapter can fetch them in one query.
    public static func nodesRead(forInclusionProofOf index: Int, size: Int) throws -> [NodeAddress] {
        guard index >= 0, index < size else { throw LedgerError.indexOutOfRange(index: index, size: size) }
        return MerkleTreeAlgorithms.recordReads { fetch in
            _ = MerkleTreeAlgorithms.inclusionPath(index: index, size: size, fetch: fetch)
        }
    }

    /// The nodes `consistencyProof(from:)` reads on a tree of `newSize` leaves.
    public static func nodesRead(forConsistencyProofFrom oldSize: Int, to newSize: Int) throws -> [NodeAddress] {
        guard oldSize >= 0, oldSize <= newSize else {
            throw LedgerError.invalidOldSize(oldSize: oldSize, size: newSize)
        }
        return MerkleTreeAlgorithms.recordReads { fetch in
            _ = MerkleTreeAlgorithms.consistencyPath(oldSize: oldSize, newSize: newSize, fetch: fetch)
        }
    }
}
