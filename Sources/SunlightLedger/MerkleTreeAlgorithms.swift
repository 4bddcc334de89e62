/// The RFC 9162 §2.1 tree algorithms, written once over a `fetch` closure that returns the hash
/// of a stored perfect subtree.
///
/// `MerkleTreeView` runs them against a node reader; the `nodesRead(…)` planners run them against
/// a closure that only records addresses. Because the algorithms' control flow depends on sizes
/// and indices alone, never on hash values, the recorded addresses are exactly the reads the real
/// run will make — which lets an asynchronous database adapter fetch them in one query.
enum MerkleTreeAlgorithms {
    typealias Fetch = (NodeAddress) throws -> TreeHash

    /// Largest power of two strictly less than `n` (n ≥ 2): RFC 9162's split point `k`.
    static func largestPowerOfTwo(below n: Int) -> Int {
        precondition(n >= 2)
        return 1 << (Int.bitWidth - 1 - (n - 1).leadingZeroBitCount)
    }

    static func isPowerOfTwo(_ n: Int) -> Bool {
        n > 0 && n & (n - 1) == 0
    }

    /// Whether `[start, end)` is a subtree of an RFC 9162 tree, i.e. `start` is a multiple of the
    /// smallest power of two ≥ `end − start`. Exactly these ranges occur as nodes when RFC 9162
    /// splits a tree of size ≥ `end` recursively at powers of two, and exactly these have an
    /// `MTH(D[start:end])` composed of stored, aligned perfect subtrees.
    static func isSubtreeRange(start: Int, end: Int) -> Bool {
        guard start >= 0, end > start else { return false }
        let width = end - start
        let ceiling = width == 1 ? 1 : 1 << (Int.bitWidth - (width - 1).leadingZeroBitCount)
        return start & (ceiling - 1) == 0
    }

    /// The perfect subtrees, left to right, whose right-fold is `MTH(D[start:end])`: greedily the
    /// largest power of two that fits. At most ⌊log2(end − start)⌋ + 1 nodes. Requires
    /// `isSubtreeRange(start:end:)`, which guarantees each piece is aligned.
    static func perfectNodes(start: Int, end: Int) -> [NodeAddress] {
        var nodes: [NodeAddress] = []
        var position = start
        while position < end {
            let remaining = end - position
            let level = Int.bitWidth - 1 - remaining.leadingZeroBitCount
            nodes.append(NodeAddress(level: level, index: position >> level))
            position += 1 << level
        }
        return nodes
    }

    /// `MTH(D[start:end])` for a subtree range: the RFC splits a non-power-of-two range at the
    /// largest power of two below its width, so the hash is the right-fold of `perfectNodes`.
    /// Nodes are read left to right (the order `perfectNodes` and the planners list them), then
    /// folded right to left.
    static func subtreeHash(start: Int, end: Int, fetch: Fetch) rethrows -> TreeHash {
        let hashes = try perfectNodes(start: start, end: end).map(fetch)
        var hash = hashes[hashes.count - 1]
        for left in hashes.dropLast().reversed() {
            hash = MerkleHashing.nodeHash(left, hash)
        }
        return hash
    }

    /// RFC 9162 §2.1.3.1 `PATH(m, D[n])`, leaf-side first.
    ///
    /// Walking down from the root, each step contributes the sibling of the half holding `m`.
    /// Left siblings are single perfect nodes; only the one right sibling taken when leaving the
    /// tree's right spine may be imperfect (O(log n) nodes), after which every range is perfect.
    /// So the whole path costs O(log n) reads.
    static func inclusionPath(index: Int, size: Int, fetch: Fetch) rethrows -> [TreeHash] {
        var path: [TreeHash] = []
        var low = 0
        var high = size
        while high - low > 1 {
            let split = low + largestPowerOfTwo(below: high - low)
            if index < split {
                path.append(try subtreeHash(start: split, end: high, fetch: fetch))
                high = split
            } else {
                path.append(try subtreeHash(start: low, end: split, fetch: fetch))
                low = split
            }
        }
        return path.reversed()
    }

    /// RFC 9162 §2.1.4.1 `PROOF(m, D[n]) = SUBPROOF(m, D[n], true)`, for 0 < m < n; empty
    /// otherwise (the m = 0 and m = n cases need no proof).
    ///
    /// The recursion only descends, so it is a loop over the current range `[low, high)` with
    /// `oldSize − low` old leaves inside it and the flag `b` ("the old tree's root is this
    /// range"). Elements are produced root-side first and reversed at the end. The same
    /// argument as for `inclusionPath` bounds the reads by O(log n).
    static func consistencyPath(oldSize: Int, newSize: Int, fetch: Fetch) rethrows -> [TreeHash] {
        guard oldSize > 0, oldSize < newSize else { return [] }
        var proof: [TreeHash] = []
        var low = 0
        var high = newSize
        var rangeIsOldRoot = true
        while true {
            let width = high - low
            let oldInRange = oldSize - low
            if oldInRange == width {
                // SUBPROOF(m, D[m], b): nothing if the verifier already knows this hash (it is
                // the old root), otherwise the hash of the range itself.
                if !rangeIsOldRoot {
                    proof.append(try subtreeHash(start: low, end: high, fetch: fetch))
                }
                break
            }
            let split = low + largestPowerOfTwo(below: width)
            if oldSize <= split {
                proof.append(try subtreeHash(start: split, end: high, fetch: fetch))
                high = split
            } else {
                proof.append(try subtreeHash(start: low, end: split, fetch: fetch))
                low = split
                rangeIsOldRoot = false
            }
        }
        return proof.reversed()
    }

    /// Runs `operation` with a fetch that records each address (first occurrence only) and
    /// returns a placeholder hash; used to plan reads without touching storage.
    static func recordReads(_ operation: ((NodeAddress) -> TreeHash) throws -> Void) rethrows -> [NodeAddress] {
        var order: [NodeAddress] = []
        var seen: Set<NodeAddress> = []
        try operation { address in
            if seen.insert(address).inserted { order.append(address) }
            return MerkleHashing.emptyRoot
        }
        return order
    }
}
