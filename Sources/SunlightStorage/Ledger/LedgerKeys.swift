import Crypto
import Foundation
import SunlightContract
import SunlightLedger

/// The ledger's secrets, kept in a key file outside the database: the Ed25519 key that signs
/// checkpoints, and — derived from it — the HMAC key that turns personal identifiers into keyed
/// hashes, so entries and checkpoints can be shown to witnesses without personal data.
///
/// Whoever holds the database alone can neither sign a checkpoint nor recompute the keyed
/// hashes; whoever holds only the public key can verify checkpoints and proofs.
public struct LedgerKeys: Sendable {
    public let signing: LedgerSigningKey
    let hmacKey: SymmetricKey
    /// HMAC with `hmacKey`, its pads hashed once (`KeyedHasher`).
    let keyedHasher: KeyedHasher

    public static let keyName = "sunlight-ledger"

    public init(signing: LedgerSigningKey) {
        self.signing = signing
        let seed = SymmetricKey(data: signing.privateKey.rawRepresentation)
        self.hmacKey = HKDF<SHA256>.deriveKey(inputKeyMaterial: seed, info: Data("sunlight ledger keyed hashes v1".utf8), outputByteCount: 32)
        self.keyedHasher = KeyedHasher(key: hmacKey)
    }

    /// Loads the key file, or creates it (mode 0600) on first start.
    public static func loadOrCreate(at url: URL) throws -> LedgerKeys {
        if FileManager.default.fileExists(atPath: url.path) {
            return LedgerKeys(signing: try LedgerSigningKey.load(from: url))
        }
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let key = try LedgerSigningKey.generate(name: keyName)
        try key.save(to: url)
        return LedgerKeys(signing: key)
    }

    /// The default key file for a database: beside an SQLite file, or in the working directory.
    public static func defaultPath(for location: DatabaseLocation) -> URL {
        switch location {
        case .sqlite(let path): return URL(fileURLWithPath: path + ".ledger-key")
        case .postgres: return URL(fileURLWithPath: "sunlight-ledger.key")
        }
    }

    /// A keyed hash of a personal identifier (or any value that must not appear in clear).
    public func keyedHash(_ value: String) -> String {
        keyedHasher.hash(value)
    }

    /// A key for another purpose, derived from the same secret (HKDF, `purpose` as the info), so
    /// that a keyed index elsewhere — the sealed reports' subject index — needs no key file of
    /// its own and is as safe as the ledger's keyed hashes: the database alone cannot recompute it.
    public func derivedKey(purpose: String) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: SymmetricKey(data: signing.privateKey.rawRepresentation),
                               info: Data(purpose.utf8), outputByteCount: 32)
    }

    /// The public key in the signed-note `vkey` form, for witnesses.
    public var verifierKey: String { signing.verifierKey }
}
