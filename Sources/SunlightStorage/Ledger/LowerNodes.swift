import SunlightLedger

/// The tree's lowest levels are not stored as nodes: each entry's row keeps its leaf hash, and
/// the perfect subtrees below `storedFromLevel` are folded from those leaves when read.
///
/// Why: a tree of n leaves has about 2n perfect subtrees, and nearly all of them are low — the
/// leaves alone are n, the first three levels above them another 7n/8. Stored as rows they were
/// two inserts for every entry, the larger part of what an import writes beside its records.
/// Storing the leaf in its entry's row and nodes only from level 4 up leaves one node row per
/// sixteen entries. Reading stays O(log n): a low node lies inside one aligned block of sixteen
/// leaves, read in one range query, and at most a few such blocks are read per tree operation.
enum LowerNodes {
    /// Nodes at this level and above are stored; those below are folded from leaves.
    static let storedFromLevel = 4

    static func isStored(_ address: NodeAddress) -> Bool { address.level >= storedFromLevel }

    /// The leaves to read for the `addresses` below the stored levels: one aligned block of
    /// 2^`storedFromLevel` leaves per block they fall in (the last may reach past the log's end).
    static func leafRanges(for addresses: [NodeAddress]) -> [Range<Int>] {
        let blocks = Set(addresses.filter { !isStored($0) }.map { $0.firstLeaf >> storedFromLevel })
        return blocks.sorted().map { ($0 << storedFromLevel)..<(($0 + 1) << storedFromLevel) }
    }

    /// Each of the `addresses` below the stored levels with its hash, folded from `leaves` (by
    /// index); an address missing a leaf is left out, so reading it fails as a missing node.
    static func fold(_ addresses: [NodeAddress], leaves: [Int: TreeHash]) -> [(address: NodeAddress, hash: TreeHash)] {
        addresses.filter { !isStored($0) }.compactMap { address in
            let range = address.firstLeaf..<address.endLeaf
            let hashes = range.compactMap { leaves[$0] }
            return hashes.count == range.count ? (address, MerkleHashing.perfectSubtreeHash(leaves: hashes)) : nil
        }
    }
}
