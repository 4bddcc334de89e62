import SunlightLedger
import Testing

@Suite("Consistency proofs")
struct ConsistencyProofTests {
    static let maxSize = 70
    static let entries = randomEntries(maxSize, seed: 0x5EED_0002)
    static let reference = ReferenceMerkleTree(entries: entries)

    @Test("every 0 < m ≤ n ≤ 70: proof equals RFC PROOF and verifies")
    func allProofsVerify() throws {
        let log = try buildLog(Self.entries)
        for newSize in 1...Self.maxSize {
            let view = MerkleTreeView(size: newSize, reader: log.store)
            let newRoot = Self.reference.root(size: newSize)
            for oldSize in 1...newSize {
                let proof = try view.consistencyProof(from: oldSize)
                #expect(proof == Self.reference.consistencyProof(old: oldSize, new: newSize), "\(oldSize)→\(newSize)")
                #expect(proof.count == ReferenceMerkleTree.consistencyProofLength(old: oldSize, new: newSize))
                #expect(MerkleVerifier.verifyConsistency(
                    oldSize: oldSize, newSize: newSize,
                    oldRoot: Self.reference.root(size: oldSize), newRoot: newRoot, proof: proof),
                    "verify \(oldSize)→\(newSize)")
            }
        }
    }

    @Test("corrupted proofs, roots and sizes are rejected")
    func corruptionsFail() throws {
        let log = try buildLog(Self.entries)
        for newSize in 2...Self.maxSize {
            let view = MerkleTreeView(size: newSize, reader: log.store)
            let newRoot = Self.reference.root(size: newSize)
            for oldSize in 1..<newSize {
                let proof = try view.consistencyProof(from: oldSize)
                let oldRoot = Self.reference.root(size: oldSize)
                func verifies(
                    old: Int = oldSize, new: Int = newSize,
                    oldRoot: TreeHash = oldRoot, newRoot: TreeHash = newRoot, proof: [TreeHash] = proof
                ) -> Bool {
                    MerkleVerifier.verifyConsistency(
                        oldSize: old, newSize: new, oldRoot: oldRoot, newRoot: newRoot, proof: proof)
                }
                for position in proof.indices {
                    var bad = proof
                    bad[position] = flipped(bad[position], bit: 4, byte: position % 32)
                    #expect(!verifies(proof: bad), "flipped proof[\(position)] \(oldSize)→\(newSize)")
                }
                #expect(!verifies(proof: []), "empty proof \(oldSize)→\(newSize)")
                #expect(!verifies(proof: Array(proof.dropLast())))
                #expect(!verifies(proof: Array(proof.dropFirst())))
                #expect(!verifies(proof: proof + [newRoot]), "extra element \(oldSize)→\(newSize)")
                #expect(!verifies(proof: proof + [proof[0]]))
                #expect(!verifies(proof: [oldRoot] + proof))
                #expect(!verifies(oldRoot: flipped(oldRoot)))
                #expect(!verifies(newRoot: flipped(newRoot)))
                #expect(!verifies(oldRoot: newRoot, newRoot: oldRoot))
                // Time travel: the sizes swapped.
                #expect(!verifies(old: newSize, new: oldSize, oldRoot: newRoot, newRoot: oldRoot))
                // Other old sizes against the same roots and proof. A size whose RFC proof has
                // a different length can never verify; see the inclusion tests for why sizes
                // with the same proof shape are bound by signed checkpoints instead.
                let length = proof.count
                for claimedOld in 0...newSize where claimedOld != oldSize {
                    if ReferenceMerkleTree.consistencyProofLength(old: claimedOld, new: newSize) != length || claimedOld == 0 {
                        #expect(!verifies(old: claimedOld), "old size \(claimedOld) instead of \(oldSize)→\(newSize)")
                    }
                }
                for claimedNew in oldSize...(2 * newSize) where claimedNew != newSize {
                    if ReferenceMerkleTree.consistencyProofLength(old: oldSize, new: claimedNew) != length {
                        #expect(!verifies(new: claimedNew), "new size \(claimedNew) instead of \(oldSize)→\(newSize)")
                    }
                }
            }
        }
    }

    @Test("edge cases follow RFC 9162 and the reference implementation")
    func edgeCases() throws {
        let a = MerkleHashing.leafHash([0xAA] as [UInt8])
        let b = MerkleHashing.leafHash([0xBB] as [UInt8])
        // Equal sizes: empty proof and equal roots.
        #expect(MerkleVerifier.verifyConsistency(oldSize: 5, newSize: 5, oldRoot: a, newRoot: a, proof: []))
        #expect(!MerkleVerifier.verifyConsistency(oldSize: 5, newSize: 5, oldRoot: a, newRoot: b, proof: []))
        #expect(!MerkleVerifier.verifyConsistency(oldSize: 5, newSize: 5, oldRoot: a, newRoot: a, proof: [a]))
        #expect(MerkleVerifier.verifyConsistency(oldSize: 0, newSize: 0, oldRoot: a, newRoot: a, proof: []))
        // From the empty tree: only the empty proof.
        #expect(MerkleVerifier.verifyConsistency(oldSize: 0, newSize: 9, oldRoot: a, newRoot: b, proof: []))
        #expect(!MerkleVerifier.verifyConsistency(oldSize: 0, newSize: 9, oldRoot: a, newRoot: b, proof: [a]))
        // Shrinking or negative sizes.
        #expect(!MerkleVerifier.verifyConsistency(oldSize: 2, newSize: 1, oldRoot: a, newRoot: b, proof: []))
        #expect(!MerkleVerifier.verifyConsistency(oldSize: 2, newSize: 1, oldRoot: a, newRoot: b, proof: [a]))
        #expect(!MerkleVerifier.verifyConsistency(oldSize: -1, newSize: 1, oldRoot: a, newRoot: b, proof: []))
        // Growing with an empty proof.
        #expect(!MerkleVerifier.verifyConsistency(oldSize: 1, newSize: 2, oldRoot: a, newRoot: b, proof: []))

        let log = try buildLog(Self.entries)
        let view = MerkleTreeView(size: 10, reader: log.store)
        #expect(try view.consistencyProof(from: 0).isEmpty)
        #expect(try view.consistencyProof(from: 10).isEmpty)
        #expect(throws: LedgerError.invalidOldSize(oldSize: 11, size: 10)) { try view.consistencyProof(from: 11) }
        #expect(throws: LedgerError.invalidOldSize(oldSize: -1, size: 10)) { try view.consistencyProof(from: -1) }
    }
}
