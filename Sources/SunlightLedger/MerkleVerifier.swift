/// Proof verification as RFC 9162 §2.1.3.2 and §2.1.4.2 specify it, step for step.
///
/// Needs nothing but the hashes: this is what an outside witness or auditor runs offline. The
/// functions return `false` for every malformed input (negative or inverted sizes, proofs of
/// the wrong length) instead of throwing, so a caller cannot accidentally treat an error path
/// as success.
///
/// Note that a proof binds hashes, not tree sizes: the computation depends only on which side
/// each sibling is on, and different sizes can share that shape (the path of leaf 0 in a 3-leaf
/// tree also "verifies" for a claimed size of 4 with the same root). Sizes must therefore come
/// from a signed checkpoint, which is what `InclusionProofBundle` and `ConsistencyProofBundle`
/// check before running these functions.
public enum MerkleVerifier {
    /// RFC 9162 §2.1.3.2: does `proof` show that `leafHash` is leaf `index` of the tree of
    /// `size` leaves whose root is `root`?
    public static func verifyInclusion(
        leafHash: TreeHash,
        index: Int,
        size: Int,
        proof: [TreeHash],
        root: TreeHash
    ) -> Bool {
        // 1. leaf_index ≥ tree_size fails (and so does anything negative).
        guard index >= 0, size > 0, index < size else { return false }
        // 2–3.
        var fn = index
        var sn = size - 1
        var r = leafHash
        // 4.
        for p in proof {
            if sn == 0 { return false }
            if fn & 1 == 1 || fn == sn {
                r = MerkleHashing.nodeHash(p, r)
                if fn & 1 == 0 {
                    while fn & 1 == 0 && fn != 0 {
                        fn >>= 1
                        sn >>= 1
                    }
                }
            } else {
                r = MerkleHashing.nodeHash(r, p)
            }
            fn >>= 1
            sn >>= 1
        }
        // 5.
        return sn == 0 && r == root
    }

    /// RFC 9162 §2.1.4.2: does `proof` show that the tree of `oldSize` leaves with root `oldRoot`
    /// is a prefix of the tree of `newSize` leaves with root `newRoot`?
    ///
    /// Edge cases, as in the reference implementation: `oldSize > newSize` fails;
    /// `oldSize == newSize` needs an empty proof and equal roots; `oldSize == 0` holds exactly
    /// when the proof is empty (every tree extends the empty tree).
    public static func verifyConsistency(
        oldSize: Int,
        newSize: Int,
        oldRoot: TreeHash,
        newRoot: TreeHash,
        proof: [TreeHash]
    ) -> Bool {
        guard oldSize >= 0, oldSize <= newSize else { return false }
        if oldSize == newSize { return proof.isEmpty && oldRoot == newRoot }
        if oldSize == 0 { return proof.isEmpty }
        // 1. An empty consistency_path fails.
        guard !proof.isEmpty else { return false }
        // 2. If first is an exact power of 2, prepend first_hash.
        var path = proof
        if MerkleTreeAlgorithms.isPowerOfTwo(oldSize) {
            path.insert(oldRoot, at: 0)
        }
        // 3–4.
        var fn = oldSize - 1
        var sn = newSize - 1
        while fn & 1 == 1 {
            fn >>= 1
            sn >>= 1
        }
        // 5.
        var fr = path[0]
        var sr = path[0]
        // 6.
        for c in path.dropFirst() {
            if sn == 0 { return false }
            if fn & 1 == 1 || fn == sn {
                fr = MerkleHashing.nodeHash(c, fr)
                sr = MerkleHashing.nodeHash(c, sr)
                if fn & 1 == 0 {
                    while fn & 1 == 0 && fn != 0 {
                        fn >>= 1
                        sn >>= 1
                    }
                }
            } else {
                sr = MerkleHashing.nodeHash(sr, c)
            }
            fn >>= 1
            sn >>= 1
        }
        // 7.
        return fr == oldRoot && sr == newRoot && sn == 0
    }
}
