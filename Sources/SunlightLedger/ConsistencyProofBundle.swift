/// Everything needed to check, offline, that the log only grew between two tree sizes: the
/// RFC 9162 consistency proof, the old root it starts from, and the signed checkpoint it ends at.
///
/// JSON shape (hashes in standard base64; `oldCheckpoint` omitted when absent):
///
///     { "oldSize": 6, "newSize": 8, "oldRootHash": "…", "path": ["…", "…", "…"],
///       "checkpoint": "<signed note for newSize>", "oldCheckpoint": "<signed note for oldSize>" }
///
/// The old root must come from somewhere the verifier trusts: either the log's signed
/// `oldCheckpoint` (when the log signed one at that size), or the root a witness remembers from
/// the checkpoint it last verified, passed as `trustedOldRoot`. Without either, a successful
/// `verify` only shows that the signed new tree extends *some* tree with root `oldRootHash`.
public struct ConsistencyProofBundle: Codable, Hashable, Sendable {
    /// Size of the earlier tree.
    public var oldSize: Int
    /// Size of the later tree; must equal the checkpoint's size.
    public var newSize: Int
    /// Root of the earlier tree.
    public var oldRootHash: TreeHash
    /// Consistency proof from `oldSize` to `newSize`.
    public var path: [TreeHash]
    /// Signed checkpoint for `newSize`.
    public var checkpoint: String
    /// Signed checkpoint for `oldSize`, if the log has one.
    public var oldCheckpoint: String?

    public init(
        oldSize: Int, newSize: Int, oldRootHash: TreeHash, path: [TreeHash],
        checkpoint: String, oldCheckpoint: String? = nil
    ) {
        self.oldSize = oldSize
        self.newSize = newSize
        self.oldRootHash = oldRootHash
        self.path = path
        self.checkpoint = checkpoint
        self.oldCheckpoint = oldCheckpoint
    }

    /// Builds the bundle from a view of the newer tree, its signed checkpoint and, optionally,
    /// the signed checkpoint of the older tree. Checks (without verifying signatures) that the
    /// checkpoints match the sizes and roots in the store.
    public init(view: MerkleTreeView, oldSize: Int, checkpoint: String, oldCheckpoint: String? = nil) throws {
        let path = try view.consistencyProof(from: oldSize)
        let oldRoot = try MerkleTreeView(size: oldSize, reader: view.reader).rootHash()
        let signed = try Checkpoint.parse(body: SignedNote.parse(checkpoint).text)
        guard signed.size == view.size else {
            throw LedgerError.checkpointSizeMismatch(bundle: view.size, checkpoint: signed.size)
        }
        guard signed.rootHash == (try view.rootHash()) else { throw LedgerError.checkpointRootMismatch(size: view.size) }
        if let oldCheckpoint {
            let old = try Checkpoint.parse(body: SignedNote.parse(oldCheckpoint).text)
            guard old.size == oldSize else {
                throw LedgerError.checkpointSizeMismatch(bundle: oldSize, checkpoint: old.size)
            }
            guard old.rootHash == oldRoot else { throw LedgerError.checkpointRootMismatch(size: oldSize) }
        }
        self.init(
            oldSize: oldSize, newSize: view.size, oldRootHash: oldRoot, path: path,
            checkpoint: checkpoint, oldCheckpoint: oldCheckpoint)
    }

    /// Verifies the new checkpoint's signature, the old checkpoint's (if present) and the
    /// consistency proof between them. `trustedOldRoot`, when given, must equal `oldRootHash`.
    /// Returns the verified new checkpoint.
    @discardableResult
    public func verify(
        verifiers: [NoteVerifierKey],
        expectedOrigin: String? = nil,
        trustedOldRoot: TreeHash? = nil
    ) throws -> Checkpoint {
        let signed = try Checkpoint.open(signedText: checkpoint, verifiers: verifiers, expectedOrigin: expectedOrigin)
        guard signed.size == newSize else {
            throw LedgerError.checkpointSizeMismatch(bundle: newSize, checkpoint: signed.size)
        }
        if let oldCheckpoint {
            let old = try Checkpoint.open(
                signedText: oldCheckpoint, verifiers: verifiers, expectedOrigin: expectedOrigin ?? signed.origin)
            guard old.size == oldSize else {
                throw LedgerError.checkpointSizeMismatch(bundle: oldSize, checkpoint: old.size)
            }
            guard old.rootHash == oldRootHash else { throw LedgerError.oldRootMismatch }
        }
        if let trustedOldRoot, trustedOldRoot != oldRootHash {
            throw LedgerError.oldRootMismatch
        }
        guard MerkleVerifier.verifyConsistency(
            oldSize: oldSize, newSize: newSize, oldRoot: oldRootHash, newRoot: signed.rootHash, proof: path)
        else { throw LedgerError.consistencyProofFailed }
        return signed
    }

    /// `verify(verifiers:)` with one verifier key in vkey form.
    @discardableResult
    public func verify(vkey: String, expectedOrigin: String? = nil, trustedOldRoot: TreeHash? = nil) throws -> Checkpoint {
        try verify(verifiers: [NoteVerifierKey(vkey: vkey)], expectedOrigin: expectedOrigin, trustedOldRoot: trustedOldRoot)
    }
}
