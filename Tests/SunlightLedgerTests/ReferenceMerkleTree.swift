import SunlightLedger

/// A deliberately naive, recursive transcription of RFC 9162 §2.1 over a list of leaf hashes,
/// used as the oracle for the stored-node implementation. It recomputes everything from the
/// leaves on every call and shares no code with the module except the two hash functions.
struct ReferenceMerkleTree {
    let leaves: [TreeHash]

    init(entries: [[UInt8]]) {
        leaves = entries.map { MerkleHashing.leafHash($0) }
    }

    init(leafHashes: [TreeHash]) {
        leaves = leafHashes
    }

    /// Largest power of two strictly less than n (n > 1).
    static func split(_ n: Int) -> Int {
        var k = 1
        while k * 2 < n { k *= 2 }
        return k
    }

    /// MTH(D[start:end]).
    func mth(_ start: Int, _ end: Int) -> TreeHash {
        let n = end - start
        if n == 0 { return MerkleHashing.emptyRoot }
        if n == 1 { return leaves[start] }
        let k = Self.split(n)
        return MerkleHashing.nodeHash(mth(start, start + k), mth(start + k, end))
    }

    func root(size: Int) -> TreeHash { mth(0, size) }

    /// PATH(m, D[start:end]).
    func path(_ m: Int, _ start: Int, _ end: Int) -> [TreeHash] {
        let n = end - start
        if n == 1 { return [] }
        let k = Self.split(n)
        if m < k {
            return path(m, start, start + k) + [mth(start + k, end)]
        } else {
            return path(m - k, start + k, end) + [mth(start, start + k)]
        }
    }

    func inclusionProof(index: Int, size: Int) -> [TreeHash] { path(index, 0, size) }

    /// Which side each audit-path sibling is on, leaf first (true = sibling is the left child).
    /// The verifier's computation depends only on this shape.
    static func pathShape(_ m: Int, _ n: Int) -> [Bool] {
        if n == 1 { return [] }
        let k = split(n)
        return m < k ? pathShape(m, k) + [false] : pathShape(m - k, n - k) + [true]
    }

    /// SUBPROOF(m, D[start:end], b).
    func subproof(_ m: Int, _ start: Int, _ end: Int, _ b: Bool) -> [TreeHash] {
        let n = end - start
        if m == n { return b ? [] : [mth(start, end)] }
        let k = Self.split(n)
        if m <= k {
            return subproof(m, start, start + k, b) + [mth(start + k, end)]
        } else {
            return subproof(m - k, start + k, end, false) + [mth(start, start + k)]
        }
    }

    func consistencyProof(old m: Int, new n: Int) -> [TreeHash] {
        (m == 0 || m == n) ? [] : subproof(m, 0, n, true)
    }

    /// Number of elements in PROOF(m, D[n]), from the SUBPROOF recursion without hashing.
    static func consistencyProofLength(old m: Int, new n: Int) -> Int {
        func length(_ m: Int, _ n: Int, _ b: Bool) -> Int {
            if m == n { return b ? 0 : 1 }
            let k = split(n)
            return m <= k ? length(m, k, b) + 1 : length(m - k, n - k, false) + 1
        }
        return (m == 0 || m == n) ? 0 : length(m, n, true)
    }
}
