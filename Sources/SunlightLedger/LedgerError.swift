/// Everything that can go wrong in the ledger module, as one `Equatable` enum so callers (and
/// tests) can tell a missing node from a bad signature without parsing messages.
///
/// Proof *verification* in `MerkleVerifier` returns `Bool` as RFC 9162 describes; the proof
/// bundles throw these errors instead so that a witness learns *which* check failed.
public enum LedgerError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The node store has no hash for a perfect subtree the algorithm needed.
    case missingNode(level: Int, index: Int)
    /// A store was asked to overwrite a stored node with a different hash. Stored nodes never
    /// change in an append-only log, so this means corruption or a concurrent writer.
    case conflictingNode(level: Int, index: Int)
    /// A size or leaf index was negative, or a leaf index was not below the tree size.
    case indexOutOfRange(index: Int, size: Int)
    /// A leaf range that is not a subtree of an RFC 9162 tree (see `MerkleTreeView.subtreeHash`).
    case invalidRange(start: Int, end: Int, size: Int)
    /// A consistency proof was requested from a size larger than the tree.
    case invalidOldSize(oldSize: Int, size: Int)
    /// Checkpoint text that does not follow c2sp.org/tlog-checkpoint.
    case malformedCheckpoint(String)
    /// Note text that does not follow c2sp.org/signed-note.
    case malformedNote(String)
    /// A key name that is empty or contains whitespace, control characters or `+`.
    case invalidKeyName(String)
    /// A verifier or signer key string that cannot be parsed or whose key ID does not match.
    case malformedKey(String)
    /// A signature by a known key did not verify: the note was altered or forged.
    case invalidSignature(keyName: String)
    /// No signature on the note came from a key the caller trusts.
    case noTrustedSignature
    /// The checkpoint's origin line is not the log the caller expected.
    case unexpectedOrigin(expected: String, actual: String)
    /// The size carried by a proof bundle differs from the size in its signed checkpoint.
    case checkpointSizeMismatch(bundle: Int, checkpoint: Int)
    /// A checkpoint handed to a bundle builder does not carry the root the store has for its
    /// size: it belongs to another log, or the store and the signed history disagree.
    case checkpointRootMismatch(size: Int)
    /// A bundle carries entry bytes whose leaf hash is not the bundle's leaf hash.
    case entryDoesNotMatchLeafHash
    /// The inclusion proof does not lead from the leaf hash to the checkpoint's root.
    case inclusionProofFailed
    /// The consistency proof does not link the old root to the new checkpoint's root.
    case consistencyProofFailed
    /// The old root in a consistency bundle differs from the one the caller (or the old signed
    /// checkpoint) vouches for.
    case oldRootMismatch
    /// Reading or writing a key file failed.
    case keyFile(String)

    public var description: String {
        switch self {
        case let .missingNode(level, index): "Merkle node (level \(level), index \(index)) is not stored"
        case let .conflictingNode(level, index):
            "Merkle node (level \(level), index \(index)) is already stored with a different hash"
        case let .indexOutOfRange(index, size): "index \(index) is out of range for tree size \(size)"
        case let .invalidRange(start, end, size):
            "leaf range [\(start), \(end)) is not a subtree of a tree of size \(size)"
        case let .invalidOldSize(oldSize, size): "old size \(oldSize) is not between 0 and \(size)"
        case let .malformedCheckpoint(why): "malformed checkpoint: \(why)"
        case let .malformedNote(why): "malformed signed note: \(why)"
        case let .invalidKeyName(name): "invalid key name \"\(name)\""
        case let .malformedKey(why): "malformed key: \(why)"
        case let .invalidSignature(name): "signature by key \"\(name)\" does not verify"
        case .noTrustedSignature: "note carries no signature from a trusted key"
        case let .unexpectedOrigin(expected, actual): "checkpoint origin is \"\(actual)\", expected \"\(expected)\""
        case let .checkpointSizeMismatch(bundle, checkpoint):
            "bundle is for tree size \(bundle) but the checkpoint is for size \(checkpoint)"
        case let .checkpointRootMismatch(size): "checkpoint root differs from the stored tree's root at size \(size)"
        case .entryDoesNotMatchLeafHash: "entry bytes do not hash to the bundle's leaf hash"
        case .inclusionProofFailed: "inclusion proof does not verify against the checkpoint root"
        case .consistencyProofFailed: "consistency proof does not verify"
        case .oldRootMismatch: "old root hash differs from the trusted old root"
        case let .keyFile(why): "key file: \(why)"
        }
    }
}
