/// Everything needed to check, offline, that an entry is in the log: the leaf position, its
/// hash (and optionally the entry bytes themselves), the RFC 9162 audit path and the signed
/// checkpoint whose root the path leads to.
///
/// JSON shape (hashes and entry bytes in standard base64; `entry` omitted when absent):
///
///     { "index": 5, "size": 8, "leafHash": "…", "entry": "…",
///       "path": ["…", "…", "…"], "checkpoint": "<signed note text>" }
///
/// An outside witness runs `verify(vkey:)` with the log's published verifier key; nothing else
/// — no store, no network — is needed.
public struct InclusionProofBundle: Codable, Hashable, Sendable {
    /// Zero-based position of the entry in the log.
    public var index: Int
    /// Tree size the proof is for; must equal the checkpoint's size.
    public var size: Int
    /// `MerkleHashing.leafHash(entry)`.
    public var leafHash: TreeHash
    /// The entry's bytes, when the caller wants the bundle to prove content and not just a hash.
    public var entry: [UInt8]?
    /// Audit path, leaf-side first.
    public var path: [TreeHash]
    /// The signed checkpoint (c2sp.org/tlog-checkpoint note text) for `size`.
    public var checkpoint: String

    public init(index: Int, size: Int, leafHash: TreeHash, entry: [UInt8]? = nil, path: [TreeHash], checkpoint: String) {
        self.index = index
        self.size = size
        self.leafHash = leafHash
        self.entry = entry
        self.path = path
        self.checkpoint = checkpoint
    }

    /// Builds the bundle for leaf `index` from a tree view and the signed checkpoint of the
    /// view's size. Checks (without verifying the signature) that the checkpoint is for this
    /// size and root, and that `entry`, if given, is the stored leaf.
    public init(view: MerkleTreeView, index: Int, entry: [UInt8]? = nil, checkpoint: String) throws {
        let leafHash = try view.leafHash(at: index)
        if let entry, MerkleHashing.leafHash(entry) != leafHash {
            throw LedgerError.entryDoesNotMatchLeafHash
        }
        let signed = try Checkpoint.parse(body: SignedNote.parse(checkpoint).text)
        guard signed.size == view.size else {
            throw LedgerError.checkpointSizeMismatch(bundle: view.size, checkpoint: signed.size)
        }
        guard signed.rootHash == (try view.rootHash()) else { throw LedgerError.checkpointRootMismatch(size: view.size) }
        self.init(
            index: index, size: view.size, leafHash: leafHash, entry: entry,
            path: try view.inclusionProof(index: index), checkpoint: checkpoint)
    }

    /// Verifies the checkpoint signature with `verifiers`, then the entry (if present) and the
    /// inclusion proof against the signed root. Returns the verified checkpoint; throws the
    /// `LedgerError` naming the first check that failed.
    @discardableResult
    public func verify(verifiers: [NoteVerifierKey], expectedOrigin: String? = nil) throws -> Checkpoint {
        let signed = try Checkpoint.open(signedText: checkpoint, verifiers: verifiers, expectedOrigin: expectedOrigin)
        guard signed.size == size else { throw LedgerError.checkpointSizeMismatch(bundle: size, checkpoint: signed.size) }
        if let entry, MerkleHashing.leafHash(entry) != leafHash {
            throw LedgerError.entryDoesNotMatchLeafHash
        }
        guard MerkleVerifier.verifyInclusion(
            leafHash: leafHash, index: index, size: size, proof: path, root: signed.rootHash)
        else { throw LedgerError.inclusionProofFailed }
        return signed
    }

    /// `verify(verifiers:)` with one verifier key in vkey form.
    @discardableResult
    public func verify(vkey: String, expectedOrigin: String? = nil) throws -> Checkpoint {
        try verify(verifiers: [NoteVerifierKey(vkey: vkey)], expectedOrigin: expectedOrigin)
    }

    private enum CodingKeys: String, CodingKey {
        case index, size, leafHash, entry, path, checkpoint
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        index = try container.decode(Int.self, forKey: .index)
        size = try container.decode(Int.self, forKey: .size)
        leafHash = try container.decode(TreeHash.self, forKey: .leafHash)
        if let text = try container.decodeIfPresent(String.self, forKey: .entry) {
            guard let bytes = Base64Coding.decodeCanonical(text) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .entry, in: container, debugDescription: "entry must be standard base64")
            }
            entry = bytes
        } else {
            entry = nil
        }
        path = try container.decode([TreeHash].self, forKey: .path)
        checkpoint = try container.decode(String.self, forKey: .checkpoint)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(index, forKey: .index)
        try container.encode(size, forKey: .size)
        try container.encode(leafHash, forKey: .leafHash)
        try container.encodeIfPresent(entry.map { Base64Coding.encode($0) }, forKey: .entry)
        try container.encode(path, forKey: .path)
        try container.encode(checkpoint, forKey: .checkpoint)
    }
}
