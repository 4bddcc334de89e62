import Crypto
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The log's Ed25519 signing key, with the name its signatures carry.
///
/// **File format.** A key file holds one line, the signed-note private key form used by
/// golang.org/x/mod/sumdb/note and the wider tlog ecosystem:
///
///     PRIVATE+KEY+<name>+<hex key ID>+<base64(0x01 ‖ 32-byte Ed25519 seed)>
///
/// We chose it over bare base64 because it carries the key name and a key ID to check against,
/// so a file for the wrong log — or a corrupted one — is rejected at load time, and existing
/// note tooling can read it. `save(to:)` creates the file with mode 0600 and refuses to
/// overwrite an existing file: losing a log key is unrecoverable. `description` never prints
/// the secret.
public struct LedgerSigningKey: Sendable, CustomStringConvertible {
    /// The key name written in signature lines; conventionally the log's checkpoint origin.
    public let name: String
    /// The Ed25519 private key.
    public let privateKey: Curve25519.Signing.PrivateKey

    private static let privatePrefix = "PRIVATE+KEY+"

    /// Wraps an existing private key under `name`.
    public init(name: String, privateKey: Curve25519.Signing.PrivateKey) throws {
        try NoteKeyEncoding.validateName(name)
        self.name = name
        self.privateKey = privateKey
    }

    /// A fresh random key named `name`.
    public static func generate(name: String) throws -> LedgerSigningKey {
        try LedgerSigningKey(name: name, privateKey: Curve25519.Signing.PrivateKey())
    }

    /// Parses the `PRIVATE+KEY+…` form (surrounding whitespace is ignored).
    public init(noteKey: String) throws {
        let trimmed = noteKey.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix(Self.privatePrefix) else {
            throw LedgerError.malformedKey("signing key must start with \(Self.privatePrefix)")
        }
        let parsed = try NoteKeyEncoding.parseKeyString(
            trimmed.dropFirst(Self.privatePrefix.count), kind: "signing key")
        let privateKey: Curve25519.Signing.PrivateKey
        do {
            privateKey = try Curve25519.Signing.PrivateKey(rawRepresentation: parsed.key)
        } catch {
            throw LedgerError.malformedKey("signing key seed is not a valid Ed25519 key")
        }
        let publicKey = Array(privateKey.publicKey.rawRepresentation)
        guard NoteKeyEncoding.keyID(name: parsed.name, publicKey: publicKey) == parsed.keyID else {
            throw LedgerError.malformedKey("signing key ID does not match its name and key")
        }
        try self.init(name: parsed.name, privateKey: privateKey)
    }

    /// The `PRIVATE+KEY+<name>+<hex key ID>+<base64(0x01 ‖ seed)>` form. Secret.
    public var noteKey: String {
        let seed = [NoteKeyEncoding.ed25519Type] + Array(privateKey.rawRepresentation)
        return "\(Self.privatePrefix)\(name)+\(NoteKeyEncoding.hex(keyID))+\(Base64Coding.encode(seed))"
    }

    /// The public half, for verifying.
    public var verifier: NoteVerifierKey {
        // The name was validated at construction, so this cannot fail.
        try! NoteVerifierKey(name: name, publicKey: privateKey.publicKey)
    }

    /// The public vkey string `<name>+<hex key ID>+<base64(0x01 ‖ public key)>` to publish.
    public var verifierKey: String { verifier.vkey }

    /// The 32-bit key ID carried in this key's signatures.
    public var keyID: UInt32 {
        NoteKeyEncoding.keyID(name: name, publicKey: Array(privateKey.publicKey.rawRepresentation))
    }

    public var description: String { "LedgerSigningKey(\(name)+\(NoteKeyEncoding.hex(keyID)))" }

    /// Ed25519 signature (64 bytes) over `message`.
    func sign(_ message: [UInt8]) throws -> [UInt8] {
        Array(try privateKey.signature(for: message))
    }

    // MARK: Key files

    /// Reads a key file written by `save(to:)` (or any note tool's private key string).
    public static func load(from url: URL) throws -> LedgerSigningKey {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw LedgerError.keyFile("cannot read \(url.path): \(error.localizedDescription)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw LedgerError.keyFile("\(url.path) is not UTF-8 text")
        }
        return try LedgerSigningKey(noteKey: text)
    }

    /// Writes `noteKey` and a newline to a new file at `url`, readable only by its owner
    /// (mode 0600 from the moment it exists). Fails if the file already exists.
    public func save(to url: URL) throws {
        let bytes = Array((noteKey + "\n").utf8)
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            throw LedgerError.keyFile("cannot create \(url.path): \(String(cString: strerror(errno)))")
        }
        var failure: String?
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return
                }
                offset += written
            }
        }
        if failure == nil, fsync(descriptor) != 0 {
            failure = String(cString: strerror(errno))
        }
        if close(descriptor) != 0, failure == nil {
            failure = String(cString: strerror(errno))
        }
        if let failure {
            unlink(url.path)
            throw LedgerError.keyFile("cannot write \(url.path): \(failure)")
        }
    }
}
