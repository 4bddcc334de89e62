import Crypto
import Foundation

/// The handling office's key pair (X25519). Report keys are sealed to its public key with HPKE,
/// so reading a report needs the private key, which lives in a key file outside the database:
/// a copied database or backup holds no readable report, reporter identity or attachment.
public struct OfficeKey: Sendable {
    public let privateKey: Curve25519.KeyAgreement.PrivateKey

    public init(privateKey: Curve25519.KeyAgreement.PrivateKey) { self.privateKey = privateKey }

    public static func generate() -> OfficeKey { OfficeKey(privateKey: .init()) }

    public var publicKey: OfficePublicKey { OfficePublicKey(key: privateKey.publicKey) }
}

/// The public half, as stored in the database (`office_keys`) for the portal to seal to.
public struct OfficePublicKey: Sendable, Equatable {
    public let key: Curve25519.KeyAgreement.PublicKey

    public init(key: Curve25519.KeyAgreement.PublicKey) { self.key = key }

    public init?(base64: String) {
        guard let data = Data(base64Encoded: base64), let key = try? Curve25519.KeyAgreement.PublicKey(rawRepresentation: data) else {
            return nil
        }
        self.key = key
    }

    public var base64: String { key.rawRepresentation.base64EncodedString() }

    /// First 8 bytes of SHA-256 of the raw key, in hex: names the key in files and envelopes.
    public var fingerprint: String {
        SHA256.hash(data: key.rawRepresentation).prefix(8).map { String(format: "%02x", $0) }.joined()
    }

    public static func == (lhs: OfficePublicKey, rhs: OfficePublicKey) -> Bool {
        lhs.key.rawRepresentation == rhs.key.rawRepresentation
    }
}

/// Office private keys kept as files `office-<fingerprint>.key` (base64, mode 0600) in one
/// directory, by default `sunlight-keys/` beside the database. Several keys may exist: after a
/// rotation, old reports stay readable with the old key.
public struct OfficeKeyring: Sendable {
    public let directory: URL
    public let keys: [String: OfficeKey]

    /// Loads every key file in `directory` (missing directory = no keys).
    public static func load(directory: URL) throws -> OfficeKeyring {
        var keys: [String: OfficeKey] = [:]
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        for name in names where name.hasPrefix("office-") && name.hasSuffix(".key") {
            let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            guard let data = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)),
                  let privateKey = try? Curve25519.KeyAgreement.PrivateKey(rawRepresentation: data) else {
                throw SealingError.badKeyFile(name)
            }
            let key = OfficeKey(privateKey: privateKey)
            keys[key.publicKey.fingerprint] = key
        }
        return OfficeKeyring(directory: directory, keys: keys)
    }

    /// Creates a new key file and returns the keyring with it.
    public func creatingKey() throws -> (OfficeKeyring, OfficeKey) {
        let key = OfficeKey.generate()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let file = directory.appendingPathComponent("office-\(key.publicKey.fingerprint).key")
        let text = key.privateKey.rawRepresentation.base64EncodedString() + "\n"
        guard FileManager.default.createFile(atPath: file.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw SealingError.cannotWriteKey(file.path)
        }
        var all = keys
        all[key.publicKey.fingerprint] = key
        return (OfficeKeyring(directory: directory, keys: all), key)
    }

    public init(directory: URL, keys: [String: OfficeKey]) {
        self.directory = directory
        self.keys = keys
    }
}
