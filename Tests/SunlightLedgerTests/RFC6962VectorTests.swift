import SunlightLedger
import Testing

/// Known answers from RFC 6962's reference implementation (certificate-transparency
/// `kSHA256Roots` / transparency-dev/merkle `testonly`): eight leaves, the roots of every
/// prefix, and published inclusion and consistency proofs.
@Suite("RFC 6962 test vectors")
struct RFC6962VectorTests {
    static let entries: [[UInt8]] = [
        "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f",
    ].map(hexBytes)

    /// Roots for sizes 0…8.
    static let roots: [TreeHash] = [
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ].map(treeHash)

    @Test("empty root is SHA-256 of the empty string")
    func emptyRoot() throws {
        #expect(MerkleHashing.emptyRoot.hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(try MerkleTreeView(size: 0, reader: MemoryNodeStore()).rootHash() == Self.roots[0])
    }

    @Test("leaf and node hashes use the 0x00 / 0x01 prefixes")
    func domainSeparation() {
        // Leaf hash of the empty entry is SHA-256(0x00), which is the size-1 root.
        #expect(MerkleHashing.leafHash([UInt8]()) == Self.roots[1])
        let left = MerkleHashing.leafHash(Self.entries[0])
        let right = MerkleHashing.leafHash(Self.entries[1])
        #expect(MerkleHashing.nodeHash(left, right) == Self.roots[2])
        #expect(MerkleHashing.nodeHash(right, left) != Self.roots[2])
    }

    @Test("roots of every prefix, from stored nodes and from the reference", arguments: 0...8)
    func rootOfPrefix(size: Int) throws {
        let log = try buildLog(Array(Self.entries.prefix(size)))
        #expect(try log.treeView.rootHash() == Self.roots[size])
        #expect(ReferenceMerkleTree(entries: Self.entries).root(size: size) == Self.roots[size])
        // Views at older sizes over the full store give the same roots.
        let full = try buildLog(Self.entries)
        #expect(try MerkleTreeView(size: size, reader: full.store).rootHash() == Self.roots[size])
    }

    /// (leaf index, tree size, proof) from transparency-dev/merkle proof/verify_test.go.
    static let inclusionVectors: [(Int, Int, [String])] = [
        (0, 8, [
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ]),
        (5, 8, [
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ]),
        (2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]),
        (1, 5, [
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ]),
        (0, 1, []),
    ]

    @Test("published inclusion proofs are produced exactly and verify")
    func inclusionVectorsMatch() throws {
        let log = try buildLog(Self.entries)
        for (index, size, hexPath) in Self.inclusionVectors {
            let expected = hexPath.map(treeHash)
            let view = MerkleTreeView(size: size, reader: log.store)
            #expect(try view.inclusionProof(index: index) == expected, "leaf \(index) of \(size)")
            let leaf = MerkleHashing.leafHash(Self.entries[index])
            #expect(MerkleVerifier.verifyInclusion(
                leafHash: leaf, index: index, size: size, proof: expected, root: Self.roots[size]))
        }
    }

    /// (old size, new size, proof) from transparency-dev/merkle proof/verify_test.go.
    static let consistencyVectors: [(Int, Int, [String])] = [
        (1, 1, []),
        (1, 8, [
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ]),
        (6, 8, [
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ]),
        (2, 5, [
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ]),
        (6, 7, [
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ]),
    ]

    @Test("published consistency proofs are produced exactly and verify")
    func consistencyVectorsMatch() throws {
        let log = try buildLog(Self.entries)
        for (oldSize, newSize, hexPath) in Self.consistencyVectors {
            let expected = hexPath.map(treeHash)
            let view = MerkleTreeView(size: newSize, reader: log.store)
            #expect(try view.consistencyProof(from: oldSize) == expected, "\(oldSize) → \(newSize)")
            #expect(MerkleVerifier.verifyConsistency(
                oldSize: oldSize, newSize: newSize,
                oldRoot: Self.roots[oldSize], newRoot: Self.roots[newSize], proof: expected))
            if !expected.isEmpty {
                // Swapped roots must not verify.
                #expect(!MerkleVerifier.verifyConsistency(
                    oldSize: oldSize, newSize: newSize,
                    oldRoot: Self.roots[newSize], newRoot: Self.roots[oldSize], proof: expected))
            }
        }
    }
}
