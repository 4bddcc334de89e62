import SunlightContract
import SunlightLedger

/// The tree's size and right edge: the perfect subtrees of its binary decomposition, largest
/// first (`MerkleTreeView.nodesRead(forRootOfSize:)` with their hashes; nil if not stored — an
/// error only if an append needs it).
struct LedgerTip: Sendable {
    var size: Int
    var edge: [(address: NodeAddress, hash: TreeHash?)]
}

/// One batch of changes appended to the tree in memory: the entries to insert with their leaf
/// hashes, the perfect subtrees they complete that are stored (`LowerNodes`; ordered by level,
/// then index) and the tree's tip after them.
///
/// Appending leaf n completes one node per trailing 1-bit of n, each the parent of the edge's
/// last subtree and the node just completed: the nodes `MerkleAppender` stores, found without
/// a dictionary of them.
struct LedgerBatch: Sendable {
    let entries: [LedgerEntry]
    /// `leaves[i]`: the leaf hash of `entries[i]`, in hex, stored in its row.
    let leaves: [String]
    let nodes: [(id: Int64, hash: String)]
    let end: LedgerTip

    /// `keyHashes[i]`, when given and not nil, is the keyed hash of `changes[i].objectKey`.
    init(_ changes: [Change], keyHashes: [String?]?, from tip: LedgerTip, keyedHash: KeyedHasher) throws {
        var edge = tip.edge
        var levels: [[(id: Int64, hash: String)]] = []
        func completed(_ address: NodeAddress, _ hash: TreeHash) {
            guard LowerNodes.isStored(address) else { return }
            while levels.count <= address.level { levels.append([]) }
            levels[address.level].append((NodeKey.id(address), hash.withUnsafeBytes(Hex.encode)))
        }
        var entries: [LedgerEntry] = []
        entries.reserveCapacity(changes.count)
        var leaves: [String] = []
        leaves.reserveCapacity(changes.count)
        var actorHashes: [String: String] = [:]
        // One buffer for every entry's bytes: they are hashed, then overwritten by the next.
        var bytes: [UInt8] = []
        for position in changes.indices {
            let change = changes[position]
            let seq = tip.size + position
            let keyHash = keyHashes?[position] ?? change.objectKey.map(keyedHash.hash)
            let entry = LedgerEntry(seq: Int64(seq), at: change.at, actor: change.actor, action: change.action.rawValue,
                                    objectType: change.objectType, objectID: change.objectID, keyHash: keyHash,
                                    hashBefore: change.hashBefore, hashAfter: change.hashAfter, details: change.details)
            let actorHash = actorHashes[change.actor] ?? keyedHash.hash(change.actor)
            actorHashes[change.actor] = actorHash
            bytes.removeAll(keepingCapacity: true)
            entry.encode(actorHash: actorHash, into: &bytes)
            var node = (address: NodeAddress(level: 0, index: seq), hash: bytes.withUnsafeBytes { MerkleHashing.leafHash(bytes: $0) })
            leaves.append(node.hash.withUnsafeBytes(Hex.encode))
            while let left = edge.last, left.address.level == node.address.level {
                edge.removeLast()
                guard let leftHash = left.hash else {
                    throw LedgerError.missingNode(level: left.address.level, index: left.address.index)
                }
                node = (NodeAddress(level: node.address.level + 1, index: left.address.index >> 1),
                        MerkleHashing.nodeHash(leftHash, node.hash))
                completed(node.address, node.hash)
            }
            edge.append((node.address, node.hash))
            entries.append(entry)
        }
        self.entries = entries
        self.leaves = leaves
        self.nodes = Array(levels.joined())
        self.end = LedgerTip(size: tip.size + changes.count, edge: edge)
    }
}
