import SunlightLedger
import Testing

@Suite("Inclusion proofs")
struct InclusionProofTests {
    static let maxSize = 70
    static let entries = randomEntries(maxSize, seed: 0x5EED_0001)
    static let reference = ReferenceMerkleTree(entries: entries)

    @Test("every leaf of every tree up to 70 leaves: proof equals RFC PATH and verifies")
    func allProofsVerify() throws {
        let log = try buildLog(Self.entries)
        for size in 1...Self.maxSize {
            let view = MerkleTreeView(size: size, reader: log.store)
            let root = Self.reference.root(size: size)
            #expect(try view.rootHash() == root, "root of \(size)")
            for index in 0..<size {
                let proof = try view.inclusionProof(index: index)
                #expect(proof == Self.reference.inclusionProof(index: index, size: size), "path \(index)/\(size)")
                #expect(MerkleVerifier.verifyInclusion(
                    leafHash: Self.reference.leaves[index], index: index, size: size, proof: proof, root: root),
                    "verify \(index)/\(size)")
            }
        }
    }

    @Test("corrupted proofs, leaves, indices and roots are rejected")
    func corruptionsFail() throws {
        let log = try buildLog(Self.entries)
        for size in 1...Self.maxSize {
            let view = MerkleTreeView(size: size, reader: log.store)
            let root = Self.reference.root(size: size)
            for index in 0..<size {
                let proof = try view.inclusionProof(index: index)
                let leaf = Self.reference.leaves[index]
                func verifies(
                    leaf: TreeHash = leaf, index: Int = index, size: Int = size,
                    proof: [TreeHash] = proof, root: TreeHash = root
                ) -> Bool {
                    MerkleVerifier.verifyInclusion(leafHash: leaf, index: index, size: size, proof: proof, root: root)
                }
                // A flipped bit anywhere in the path.
                for position in proof.indices {
                    var bad = proof
                    bad[position] = flipped(bad[position], bit: position % 8, byte: position % 32)
                    #expect(!verifies(proof: bad), "flipped path[\(position)] \(index)/\(size)")
                }
                // Wrong leaf, wrong root.
                #expect(!verifies(leaf: flipped(leaf)))
                #expect(!verifies(root: flipped(root, bit: 7, byte: 31)))
                #expect(!verifies(root: MerkleHashing.emptyRoot))
                // Every other index.
                for other in 0..<size where other != index {
                    #expect(!verifies(index: other), "index \(other) instead of \(index)/\(size)")
                }
                // Index out of range, negative index.
                #expect(!verifies(index: size))
                #expect(!verifies(index: -1))
                // Missing, extra, truncated path elements.
                if !proof.isEmpty {
                    #expect(!verifies(proof: []), "empty path \(index)/\(size)")
                    #expect(!verifies(proof: Array(proof.dropLast())))
                    #expect(!verifies(proof: Array(proof.dropFirst())))
                }
                #expect(!verifies(proof: proof + [root]), "extra element \(index)/\(size)")
                #expect(!verifies(proof: proof + [leaf]))
                #expect(!verifies(proof: [leaf] + proof))
            }
        }
    }

    /// An audit path binds hashes, not the tree size: the verifier's computation depends only on
    /// the *shape* of the path (which side each sibling is on), and different sizes can share a
    /// shape (leaf 0 of 3 leaves and of 4 leaves both combine to the right twice). So a wrong
    /// size must be rejected exactly when its shape differs — which is why proof bundles take
    /// the size from the signed checkpoint.
    @Test("a wrong tree size is rejected whenever the proof shape differs")
    func wrongSizes() throws {
        let log = try buildLog(Self.entries)
        var rejected = 0
        var sameShape = 0
        for size in 1...Self.maxSize {
            let view = MerkleTreeView(size: size, reader: log.store)
            let root = Self.reference.root(size: size)
            for index in 0..<size {
                let proof = try view.inclusionProof(index: index)
                let shape = ReferenceMerkleTree.pathShape(index, size)
                for claimed in 0...(2 * size + 1) where claimed != size {
                    let ok = MerkleVerifier.verifyInclusion(
                        leafHash: Self.reference.leaves[index], index: index, size: claimed, proof: proof, root: root)
                    let shapeMatches = index < claimed && ReferenceMerkleTree.pathShape(index, claimed) == shape
                    #expect(ok == shapeMatches, "leaf \(index): proof for size \(size) claimed as \(claimed)")
                    if shapeMatches { sameShape += 1 } else { rejected += 1 }
                }
            }
        }
        // Both outcomes occur, so the oracle is really being exercised.
        #expect(rejected > 0 && sameShape > 0)
        // The documented example.
        let three = MerkleTreeView(size: 3, reader: log.store)
        #expect(MerkleVerifier.verifyInclusion(
            leafHash: Self.reference.leaves[0], index: 0, size: 4,
            proof: try three.inclusionProof(index: 0), root: try three.rootHash()))
    }

    @Test("degenerate inputs")
    func degenerate() throws {
        let leaf = MerkleHashing.leafHash([1, 2, 3] as [UInt8])
        // A one-leaf tree's root is its leaf hash and its proof is empty.
        #expect(MerkleVerifier.verifyInclusion(leafHash: leaf, index: 0, size: 1, proof: [], root: leaf))
        #expect(!MerkleVerifier.verifyInclusion(leafHash: leaf, index: 0, size: 1, proof: [leaf], root: leaf))
        for (index, size) in [(0, 0), (1, 0), (1, 1), (2, 1), (0, -1)] {
            #expect(!MerkleVerifier.verifyInclusion(leafHash: leaf, index: index, size: size, proof: [], root: leaf))
            #expect(!MerkleVerifier.verifyInclusion(
                leafHash: leaf, index: index, size: size, proof: [], root: MerkleHashing.emptyRoot))
        }
        let view = try buildLog(Self.entries).treeView
        #expect(throws: LedgerError.indexOutOfRange(index: 70, size: 70)) { try view.inclusionProof(index: 70) }
        #expect(throws: LedgerError.indexOutOfRange(index: -1, size: 70)) { try view.inclusionProof(index: -1) }
        #expect(throws: LedgerError.indexOutOfRange(index: 0, size: 0)) {
            try MerkleTreeView(size: 0, reader: MemoryNodeStore()).inclusionProof(index: 0)
        }
    }
}
