import Foundation
import SunlightLedger
import Testing

@Suite("Proof bundles")
struct ProofBundleTests {
    static let origin = "sunlight.example/ledger"
    static let entries = randomEntries(40, seed: 0xB0B)

    struct Fixture {
        let key: LedgerSigningKey
        let log: MerkleAppender
        func signedCheckpoint(size: Int) throws -> String {
            let root = try MerkleTreeView(size: size, reader: log.store).rootHash()
            return try Checkpoint(origin: ProofBundleTests.origin, size: size, rootHash: root).sign(with: key)
        }
    }

    func fixture() throws -> Fixture {
        try Fixture(key: LedgerSigningKey.generate(name: Self.origin), log: buildLog(Self.entries))
    }

    func roundTrip<T: Codable>(_ value: T) throws -> T {
        try JSONDecoder().decode(T.self, from: JSONEncoder().encode(value))
    }

    @Test("inclusion bundle: JSON round trip and offline verification")
    func inclusionRoundTrip() throws {
        let f = try fixture()
        let view = MerkleTreeView(size: 33, reader: f.log.store)
        let bundle = try InclusionProofBundle(
            view: view, index: 7, entry: Self.entries[7], checkpoint: f.signedCheckpoint(size: 33))
        #expect(bundle.leafHash == MerkleHashing.leafHash(Self.entries[7]))

        let json = try JSONEncoder().encode(bundle)
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        #expect(Set(object.keys) == ["index", "size", "leafHash", "entry", "path", "checkpoint"])
        #expect(object["index"] as? Int == 7)
        #expect(object["leafHash"] as? String == bundle.leafHash.base64)
        #expect(object["entry"] as? String == Data(Self.entries[7]).base64EncodedString())
        #expect((object["path"] as? [String])?.count == bundle.path.count)

        let decoded = try JSONDecoder().decode(InclusionProofBundle.self, from: json)
        #expect(decoded == bundle)
        let checkpoint = try decoded.verify(vkey: f.key.verifierKey, expectedOrigin: Self.origin)
        #expect(checkpoint.size == 33)

        // Without entry bytes the key is omitted and the hash alone is proven.
        var hashOnly = bundle
        hashOnly.entry = nil
        let hashOnlyJSON = try #require(String(data: JSONEncoder().encode(hashOnly), encoding: .utf8))
        #expect(!hashOnlyJSON.contains("\"entry\""))
        try roundTrip(hashOnly).verify(verifiers: [f.key.verifier])
    }

    @Test("inclusion bundle: every tampering is caught with the right error")
    func inclusionTampering() throws {
        let f = try fixture()
        let view = MerkleTreeView(size: 33, reader: f.log.store)
        let bundle = try InclusionProofBundle(
            view: view, index: 7, entry: Self.entries[7], checkpoint: f.signedCheckpoint(size: 33))
        let vkey = f.key.verifierKey

        var wrongIndex = bundle
        wrongIndex.index = 6
        #expect(throws: LedgerError.inclusionProofFailed) { try wrongIndex.verify(vkey: vkey) }

        var wrongEntry = bundle
        wrongEntry.entry = Self.entries[8]
        #expect(throws: LedgerError.entryDoesNotMatchLeafHash) { try wrongEntry.verify(vkey: vkey) }

        var otherLeaf = bundle
        otherLeaf.entry = Self.entries[8]
        otherLeaf.leafHash = MerkleHashing.leafHash(Self.entries[8])
        #expect(throws: LedgerError.inclusionProofFailed) { try otherLeaf.verify(vkey: vkey) }

        var wrongSize = bundle
        wrongSize.size = 34
        #expect(throws: LedgerError.checkpointSizeMismatch(bundle: 34, checkpoint: 33)) { try wrongSize.verify(vkey: vkey) }

        var flippedPath = bundle
        flippedPath.path[1] = flipped(flippedPath.path[1])
        #expect(throws: LedgerError.inclusionProofFailed) { try flippedPath.verify(vkey: vkey) }

        var extraPath = bundle
        extraPath.path.append(bundle.leafHash)
        #expect(throws: LedgerError.inclusionProofFailed) { try extraPath.verify(vkey: vkey) }

        var staleCheckpoint = bundle
        staleCheckpoint.checkpoint = try f.signedCheckpoint(size: 32)
        #expect(throws: LedgerError.checkpointSizeMismatch(bundle: 33, checkpoint: 32)) {
            try staleCheckpoint.verify(vkey: vkey)
        }

        let stranger = try LedgerSigningKey.generate(name: Self.origin)
        #expect(throws: LedgerError.noTrustedSignature) { try bundle.verify(vkey: stranger.verifierKey) }
        #expect(throws: LedgerError.unexpectedOrigin(expected: "elsewhere", actual: Self.origin)) {
            try bundle.verify(vkey: vkey, expectedOrigin: "elsewhere")
        }

        // A bundle cannot be assembled from a checkpoint of another size or a wrong entry.
        #expect(throws: LedgerError.checkpointSizeMismatch(bundle: 33, checkpoint: 32)) {
            try InclusionProofBundle(view: view, index: 7, checkpoint: f.signedCheckpoint(size: 32))
        }
        #expect(throws: LedgerError.entryDoesNotMatchLeafHash) {
            try InclusionProofBundle(view: view, index: 7, entry: Self.entries[6], checkpoint: f.signedCheckpoint(size: 33))
        }
        // …nor from another log's checkpoint of the same size.
        let foreign = try Checkpoint(origin: Self.origin, size: 33, rootHash: MerkleHashing.emptyRoot).sign(with: f.key)
        #expect(throws: LedgerError.checkpointRootMismatch(size: 33)) {
            try InclusionProofBundle(view: view, index: 7, checkpoint: foreign)
        }
        #expect(throws: LedgerError.checkpointRootMismatch(size: 33)) {
            try ConsistencyProofBundle(view: view, oldSize: 3, checkpoint: foreign)
        }
    }

    @Test("consistency bundle: JSON round trip and offline verification")
    func consistencyRoundTrip() throws {
        let f = try fixture()
        let view = MerkleTreeView(size: 40, reader: f.log.store)
        let oldCheckpoint = try f.signedCheckpoint(size: 13)
        let bundle = try ConsistencyProofBundle(
            view: view, oldSize: 13, checkpoint: f.signedCheckpoint(size: 40), oldCheckpoint: oldCheckpoint)
        let oldRoot = try MerkleTreeView(size: 13, reader: f.log.store).rootHash()
        #expect(bundle.oldRootHash == oldRoot)

        let json = try JSONEncoder().encode(bundle)
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        #expect(Set(object.keys) == ["oldSize", "newSize", "oldRootHash", "path", "checkpoint", "oldCheckpoint"])

        let decoded = try roundTrip(bundle)
        #expect(decoded == bundle)
        #expect(try decoded.verify(vkey: f.key.verifierKey, expectedOrigin: Self.origin).size == 40)
        #expect(try decoded.verify(vkey: f.key.verifierKey, trustedOldRoot: oldRoot).size == 40)

        // A witness that remembers the old root needs no old checkpoint.
        let witnessBundle = try ConsistencyProofBundle(view: view, oldSize: 13, checkpoint: f.signedCheckpoint(size: 40))
        #expect(witnessBundle.oldCheckpoint == nil)
        try roundTrip(witnessBundle).verify(verifiers: [f.key.verifier], trustedOldRoot: oldRoot)

        // From the empty tree and to the same size.
        let fromEmpty = try ConsistencyProofBundle(view: view, oldSize: 0, checkpoint: f.signedCheckpoint(size: 40))
        #expect(fromEmpty.path.isEmpty && fromEmpty.oldRootHash == MerkleHashing.emptyRoot)
        try fromEmpty.verify(vkey: f.key.verifierKey)
        let same = try ConsistencyProofBundle(view: view, oldSize: 40, checkpoint: f.signedCheckpoint(size: 40))
        try same.verify(vkey: f.key.verifierKey)
    }

    @Test("consistency bundle: every tampering is caught with the right error")
    func consistencyTampering() throws {
        let f = try fixture()
        let view = MerkleTreeView(size: 40, reader: f.log.store)
        let bundle = try ConsistencyProofBundle(
            view: view, oldSize: 13, checkpoint: f.signedCheckpoint(size: 40), oldCheckpoint: f.signedCheckpoint(size: 13))
        let vkey = f.key.verifierKey

        var flippedPath = bundle
        flippedPath.path[0] = flipped(flippedPath.path[0])
        #expect(throws: LedgerError.consistencyProofFailed) { try flippedPath.verify(vkey: vkey) }

        var truncated = bundle
        truncated.path.removeLast()
        #expect(throws: LedgerError.consistencyProofFailed) { try truncated.verify(vkey: vkey) }

        var forgedOldRoot = bundle
        forgedOldRoot.oldRootHash = flipped(bundle.oldRootHash)
        #expect(throws: LedgerError.oldRootMismatch) { try forgedOldRoot.verify(vkey: vkey) }
        forgedOldRoot.oldCheckpoint = nil
        #expect(throws: LedgerError.consistencyProofFailed) { try forgedOldRoot.verify(vkey: vkey) }

        #expect(throws: LedgerError.oldRootMismatch) {
            try bundle.verify(vkey: vkey, trustedOldRoot: flipped(bundle.oldRootHash))
        }

        var wrongOldSize = bundle
        wrongOldSize.oldSize = 12
        #expect(throws: LedgerError.checkpointSizeMismatch(bundle: 12, checkpoint: 13)) { try wrongOldSize.verify(vkey: vkey) }
        wrongOldSize.oldCheckpoint = nil
        #expect(throws: LedgerError.consistencyProofFailed) { try wrongOldSize.verify(vkey: vkey) }

        var wrongNewSize = bundle
        wrongNewSize.newSize = 41
        #expect(throws: LedgerError.checkpointSizeMismatch(bundle: 41, checkpoint: 40)) { try wrongNewSize.verify(vkey: vkey) }

        // Time travel: a proof "from 40 to 13".
        var backwards = bundle
        (backwards.oldSize, backwards.newSize) = (40, 13)
        backwards.checkpoint = try f.signedCheckpoint(size: 13)
        backwards.oldCheckpoint = nil
        #expect(throws: LedgerError.consistencyProofFailed) { try backwards.verify(vkey: vkey) }

        // An old checkpoint signed by someone else.
        let stranger = try LedgerSigningKey.generate(name: Self.origin)
        var foreignOld = bundle
        foreignOld.oldCheckpoint = try Checkpoint(origin: Self.origin, size: 13, rootHash: bundle.oldRootHash).sign(with: stranger)
        #expect(throws: LedgerError.noTrustedSignature) { try foreignOld.verify(vkey: vkey) }
    }
}
