import Crypto
import Foundation

/// A public key that verifies signed notes: the log's own key, or a witness's.
///
/// Its portable form is the note "vkey" string `<name>+<hex key ID>+<base64(0x01 ‖ public key)>`
/// (as in golang.org/x/mod/sumdb/note), which is what operators publish and witnesses configure.
/// The key ID is derived from name and key, so parsing refuses a string whose ID does not match.
public struct NoteVerifierKey: Hashable, Sendable, CustomStringConvertible {
    /// The key name that appears in signature lines (for a log, conventionally its origin).
    public let name: String
    /// First four bytes of SHA-256(name ‖ "\n" ‖ 0x01 ‖ public key), big-endian.
    public let keyID: UInt32
    /// The raw 32-byte Ed25519 public key.
    public let publicKey: [UInt8]

    /// A verifier for `publicKey` under `name`.
    public init(name: String, publicKey: Curve25519.Signing.PublicKey) throws {
        try NoteKeyEncoding.validateName(name)
        self.name = name
        self.publicKey = Array(publicKey.rawRepresentation)
        self.keyID = NoteKeyEncoding.keyID(name: name, publicKey: self.publicKey)
    }

    /// Parses the vkey form `<name>+<hex key ID>+<base64(0x01 ‖ public key)>`.
    public init(vkey: String) throws {
        let parsed = try NoteKeyEncoding.parseKeyString(Substring(vkey), kind: "verifier key")
        guard (try? Curve25519.Signing.PublicKey(rawRepresentation: parsed.key)) != nil else {
            throw LedgerError.malformedKey("verifier key is not a valid Ed25519 public key")
        }
        guard NoteKeyEncoding.keyID(name: parsed.name, publicKey: parsed.key) == parsed.keyID else {
            throw LedgerError.malformedKey("verifier key ID does not match its name and key")
        }
        self.name = parsed.name
        self.keyID = parsed.keyID
        self.publicKey = parsed.key
    }

    /// The vkey string form.
    public var vkey: String {
        "\(name)+\(NoteKeyEncoding.hex(keyID))+\(Base64Coding.encode([NoteKeyEncoding.ed25519Type] + publicKey))"
    }

    /// The key ID as 8 lowercase hex digits.
    public var keyIDHex: String { NoteKeyEncoding.hex(keyID) }

    public var description: String { vkey }

    /// Whether `signature` (64 bytes, without the key-ID prefix) is this key's Ed25519
    /// signature of `message`.
    public func isValidSignature(_ signature: some DataProtocol, for message: some DataProtocol) -> Bool {
        guard signature.count == 64,
              let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey)
        else { return false }
        return key.isValidSignature(signature, for: message)
    }
}
