import SunlightLedger
import Testing

@Suite("Stored nodes, appender and tree view")
struct StoredNodeTests {
    @Test("the appender stores exactly the perfect subtrees: Σ⌊n/2^ℓ⌋ < 2n nodes")
    func nodeCount() throws {
        var appender = MerkleAppender(store: MemoryNodeStore())
        let entries = randomEntries(300, seed: 7)
        let reference = ReferenceMerkleTree(entries: entries)
        for (n, entry) in entries.enumerated() {
            #expect(try appender.append(entry: entry) == n + 1)
            let size = n + 1
            let store = try #require(appender.store as? MemoryNodeStore)
            var expected = 0
            var level = 0
            while size >> level > 0 {
                expected += size >> level
                level += 1
            }
            #expect(store.count == expected)
            #expect(store.count < 2 * size)
        }
        // Every stored node is the MTH of the leaves it covers.
        let store = try #require(appender.store as? MemoryNodeStore)
        for (address, hash) in store.nodes {
            #expect(hash == reference.mth(address.firstLeaf, address.endLeaf), "node \(address)")
        }
    }

    @Test("nodesCompleted lists the leaf then each completed parent, reading only left siblings")
    func nodesCompleted() throws {
        let entries = randomEntries(64, seed: 11)
        let reference = ReferenceMerkleTree(entries: entries)
        let log = try buildLog(Array(entries.prefix(63)))
        let counting = CountingReader(log.store)
        // Leaf 63 completes perfect subtrees at every level up to 6 (64 leaves).
        let nodes = try MerkleAppender.nodesCompleted(
            byAppendingLeafAt: 63, leafHash: reference.leaves[63], reader: counting)
        #expect(nodes.map(\.level) == [0, 1, 2, 3, 4, 5, 6])
        #expect(nodes.map(\.index) == [63, 31, 15, 7, 3, 1, 0])
        for node in nodes {
            #expect(node.hash == reference.mth(node.index << node.level, (node.index + 1) << node.level))
        }
        #expect(counting.readAddresses == MerkleAppender.nodesRead(byAppendingLeafAt: 63))
        #expect(counting.reads == 6)
        // An even index completes nothing but itself and reads nothing.
        counting.reset()
        let single = try MerkleAppender.nodesCompleted(
            byAppendingLeafAt: 62, leafHash: reference.leaves[62], reader: counting)
        #expect(single.count == 1 && single[0].level == 0 && single[0].index == 62)
        #expect(counting.reads == 0)
        #expect(MerkleAppender.nodesRead(byAppendingLeafAt: 62).isEmpty)
        // Appending by batch-inserting those nodes gives the same tree as the appender.
        var batch = try #require(log.store as? MemoryNodeStore)
        for node in nodes {
            try batch.put(level: node.level, index: node.index, hash: node.hash)
        }
        #expect(try MerkleTreeView(size: 64, reader: batch).rootHash() == reference.root(size: 64))
    }

    @Test("appends are amortised O(1) reads")
    func appendReads() throws {
        var totalReads = 0
        for index in 0..<1024 {
            let planned = MerkleAppender.nodesRead(byAppendingLeafAt: index)
            #expect(planned.count == (~index).trailingZeroBitCount)
            totalReads += planned.count
        }
        #expect(totalReads < 1024)
    }

    @Test("a stored node cannot be replaced by a different hash")
    func immutableNodes() throws {
        var store = MemoryNodeStore()
        let a = MerkleHashing.leafHash([1] as [UInt8])
        let b = MerkleHashing.leafHash([2] as [UInt8])
        try store.put(level: 0, index: 0, hash: a)
        try store.put(level: 0, index: 0, hash: a)  // idempotent
        #expect(throws: LedgerError.conflictingNode(level: 0, index: 0)) {
            try store.put(level: 0, index: 0, hash: b)
        }
        #expect(try store.node(level: 0, index: 0) == a)
        #expect(throws: LedgerError.missingNode(level: 0, index: 1)) { try store.node(level: 0, index: 1) }
        // A view over a store that lacks nodes reports which one.
        #expect(throws: LedgerError.missingNode(level: 1, index: 0)) {
            try MerkleTreeView(size: 2, reader: store).rootHash()
        }
    }

    @Test("a perfect subtree folded from its leaves equals MTH of its range")
    func perfectSubtreesFromLeaves() {
        let reference = ReferenceMerkleTree(entries: randomEntries(32, seed: 5))
        for level in 0...5 {
            for index in 0..<(32 >> level) {
                let range = (index << level)..<((index + 1) << level)
                #expect(MerkleHashing.perfectSubtreeHash(leaves: reference.leaves[range]) == reference.mth(range.lowerBound, range.upperBound),
                        "(\(level), \(index))")
            }
        }
    }

    @Test("subtreeHash equals MTH for every subtree range and refuses the others")
    func subtreeRanges() throws {
        let entries = randomEntries(40, seed: 13)
        let reference = ReferenceMerkleTree(entries: entries)
        let view = try buildLog(entries).treeView
        var accepted = 0
        for start in 0..<40 {
            for end in (start + 1)...40 {
                var ceiling = 1
                while ceiling < end - start { ceiling *= 2 }
                if start % ceiling == 0 {
                    #expect(try view.subtreeHash(start: start, end: end) == reference.mth(start, end), "[\(start), \(end))")
                    accepted += 1
                } else {
                    #expect(throws: LedgerError.invalidRange(start: start, end: end, size: 40)) {
                        try view.subtreeHash(start: start, end: end)
                    }
                }
            }
        }
        #expect(accepted > 100)
        #expect(throws: LedgerError.invalidRange(start: 0, end: 41, size: 40)) { try view.subtreeHash(start: 0, end: 41) }
        #expect(throws: LedgerError.invalidRange(start: 3, end: 3, size: 40)) { try view.subtreeHash(start: 3, end: 3) }
        #expect(try view.leafHash(at: 17) == reference.leaves[17])
    }

    @Test("proofs read O(log n) stored nodes in a 100,000-leaf log, and the planners predict the reads")
    func logarithmicReads() throws {
        let total = 100_000
        var appender = MerkleAppender(store: MemoryNodeStore())
        var leaves: [TreeHash] = []
        leaves.reserveCapacity(total)
        for index in 0..<total {
            var bytes = withUnsafeBytes(of: UInt64(index).bigEndian) { Array($0) }
            bytes.append(0x5A)
            let leaf = MerkleHashing.leafHash(bytes)
            leaves.append(leaf)
            try appender.append(leafHash: leaf)
        }
        let store = try #require(appender.store as? MemoryNodeStore)
        #expect(store.count < 2 * total)
        let counting = CountingReader(store)

        var generator = SeededGenerator(seed: 99)
        var sizes = [1, 2, 3, 7, 8, 9, 1023, 1024, 1025, 65_535, 65_536, 65_537, 99_999, total]
        sizes += (0..<20).map { _ in Int.random(in: 1...total, using: &generator) }
        var worstInclusion = 0.0
        var worstConsistency = 0.0
        for size in sizes {
            let view = MerkleTreeView(size: size, reader: counting)
            let bound = 2 * ceilLog2(size) + 2

            counting.reset()
            let root = try view.rootHash()
            #expect(counting.reads == size.nonzeroBitCount)
            #expect(counting.readAddresses == MerkleTreeView.nodesRead(forRootOfSize: size))

            var indices = [0, size - 1, size / 2]
            indices += (0..<10).map { _ in Int.random(in: 0..<size, using: &generator) }
            for index in indices {
                counting.reset()
                let proof = try view.inclusionProof(index: index)
                #expect(counting.reads <= bound, "inclusion \(index)/\(size): \(counting.reads) reads")
                #expect(Set(counting.readAddresses) == Set(try MerkleTreeView.nodesRead(forInclusionProofOf: index, size: size)))
                worstInclusion = max(worstInclusion, Double(counting.reads) / Double(max(1, ceilLog2(size))))
                #expect(MerkleVerifier.verifyInclusion(
                    leafHash: leaves[index], index: index, size: size, proof: proof, root: root))
            }

            var oldSizes = [1, size, size - 1, size / 2]
            oldSizes += (0..<10).map { _ in Int.random(in: 1...size, using: &generator) }
            for oldSize in oldSizes where oldSize >= 1 {
                let oldRoot = try MerkleTreeView(size: oldSize, reader: store).rootHash()
                counting.reset()
                let proof = try view.consistencyProof(from: oldSize)
                #expect(counting.reads <= bound, "consistency \(oldSize)→\(size): \(counting.reads) reads")
                #expect(Set(counting.readAddresses)
                    == Set(try MerkleTreeView.nodesRead(forConsistencyProofFrom: oldSize, to: size)))
                worstConsistency = max(worstConsistency, Double(counting.reads) / Double(max(1, ceilLog2(size))))
                #expect(MerkleVerifier.verifyConsistency(
                    oldSize: oldSize, newSize: size, oldRoot: oldRoot, newRoot: root, proof: proof))
            }
        }
        // Sanity on the measurement itself: a 100,000-leaf proof does read more than one node.
        #expect(worstInclusion > 0.5 && worstConsistency > 0.5)
    }
}
