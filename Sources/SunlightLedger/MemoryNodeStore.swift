/// A dictionary-backed node store for tests, benchmarks, offline tools — and as the prefetch
/// buffer an asynchronous database adapter fills before running a synchronous tree operation.
public struct MemoryNodeStore: MerkleNodeStore, Sendable {
    /// Every stored node, by address.
    public private(set) var nodes: [NodeAddress: TreeHash]

    /// An empty store.
    public init() {
        nodes = [:]
    }

    /// A store preloaded with `nodes`, e.g. rows an adapter fetched for one request.
    public init(nodes: [NodeAddress: TreeHash]) {
        self.nodes = nodes
    }

    /// How many nodes are stored (for a log of n leaves built by `MerkleAppender`: < 2n).
    public var count: Int { nodes.count }

    public func node(level: Int, index: Int) throws -> TreeHash {
        guard let hash = nodes[NodeAddress(level: level, index: index)] else {
            throw LedgerError.missingNode(level: level, index: index)
        }
        return hash
    }

    public mutating func put(level: Int, index: Int, hash: TreeHash) throws {
        let address = NodeAddress(level: level, index: index)
        if let existing = nodes[address] {
            guard existing == hash else { throw LedgerError.conflictingNode(level: level, index: index) }
            return
        }
        nodes[address] = hash
    }
}
