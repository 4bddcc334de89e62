import Crypto
import Foundation

/// One signature line of a signed note: `— <key name> <base64(key ID ‖ signature)>`.
public struct NoteSignature: Hashable, Sendable {
    /// Name of the signing key.
    public let keyName: String
    /// The 32-bit key ID that precedes the signature bytes (big-endian on the wire).
    public let keyID: UInt32
    /// The signature bytes after the key ID (64 bytes for Ed25519).
    public let signature: [UInt8]

    public init(keyName: String, keyID: UInt32, signature: [UInt8]) {
        self.keyName = keyName
        self.keyID = keyID
        self.signature = signature
    }

    /// The line as it appears in the note, newline included.
    public var line: String {
        "\(SignedNote.signaturePrefix)\(keyName) \(Base64Coding.encode(NoteKeyEncoding.bigEndianBytes(keyID) + signature))\n"
    }
}

/// A c2sp.org/signed-note: text ending in a newline, a blank line, then one or more
/// signature lines `— <key name> <base64(4-byte key ID ‖ signature)>`.
///
/// The note text must be ignored unless a trusted key's signature verifies, so the entry point
/// for untrusted input is `open(text:verifiers:)`; `parse(_:)` only splits the structure.
/// Following the spec, signatures from unknown keys (name *and* key ID not both matching a
/// verifier) are ignored, but a failing signature from a known key rejects the whole note.
public struct SignedNote: Hashable, Sendable {
    /// The signed text (for a checkpoint, its body), final newline included.
    public let text: String
    /// Every signature line, in order, verified or not.
    public let signatures: [NoteSignature]
    /// The signatures `open(text:verifiers:)` verified with a trusted key; empty after `parse`.
    public let verifiedSignatures: [NoteSignature]

    /// Em dash and space: how every signature line starts.
    static let signaturePrefix = "\u{2014} "
    /// More signature lines than this make a note malformed (the spec requires accepting ≥ 16).
    public static let maxSignatures = 100

    /// The full note: text, blank line, signature lines.
    public var serialized: String {
        text + "\n" + signatures.map(\.line).joined()
    }

    // MARK: Signing

    /// Signs `body` with one Ed25519 key and returns the complete note text.
    public static func sign(
        body: String,
        keyName: String,
        privateKey: Curve25519.Signing.PrivateKey
    ) throws -> String {
        try sign(body: body, keys: [LedgerSigningKey(name: keyName, privateKey: privateKey)])
    }

    /// Signs `body` with each of `keys` (at least one) and returns the complete note text.
    public static func sign(body: String, keys: [LedgerSigningKey]) throws -> String {
        try validateText(body)
        guard !keys.isEmpty else { throw LedgerError.malformedNote("a signed note needs at least one signature") }
        let message = Array(body.utf8)
        let signatures = try keys.map { key in
            NoteSignature(keyName: key.name, keyID: key.keyID, signature: try key.sign(message))
        }
        return SignedNote(text: body, signatures: signatures, verifiedSignatures: []).serialized
    }

    // MARK: Reading

    /// Splits a note into text and signature lines without verifying anything.
    public static func parse(_ note: String) throws -> SignedNote {
        let bytes = Array(note.utf8)
        if let bad = bytes.first(where: { $0 < 0x20 && $0 != 0x0A }) {
            throw LedgerError.malformedNote("contains control character 0x\(HexCoding.encode([bad]))")
        }
        // The text ends at the *last* blank line; signature lines are never empty.
        guard let split = lastBlankLine(in: bytes) else {
            throw LedgerError.malformedNote("no blank line before the signatures")
        }
        let text = String(decoding: bytes[..<(split + 1)], as: UTF8.self)
        let signatureBlock = bytes[(split + 2)...]
        guard !signatureBlock.isEmpty else { throw LedgerError.malformedNote("no signature lines") }
        guard signatureBlock.last == 0x0A else {
            throw LedgerError.malformedNote("signature lines must end with a newline")
        }
        let lines = signatureBlock.dropLast().split(separator: 0x0A, omittingEmptySubsequences: false)
        guard lines.count <= maxSignatures else { throw LedgerError.malformedNote("too many signatures") }
        let signatures = try lines.map { try parseSignatureLine($0) }
        return SignedNote(text: text, signatures: signatures, verifiedSignatures: [])
    }

    /// Parses `note` and verifies it against `verifiers`. Succeeds only if at least one
    /// signature from a trusted key verifies and none from a trusted key fails.
    public static func open(text note: String, verifiers: [NoteVerifierKey]) throws -> SignedNote {
        let parsed = try parse(note)
        let message = Array(parsed.text.utf8)
        var verified: [NoteSignature] = []
        var seen: Set<String> = []
        for signature in parsed.signatures {
            let known = verifiers.filter { $0.name == signature.keyName && $0.keyID == signature.keyID }
            guard !known.isEmpty else { continue }
            guard known.contains(where: { $0.isValidSignature(signature.signature, for: message) }) else {
                throw LedgerError.invalidSignature(keyName: signature.keyName)
            }
            if seen.insert("\(signature.keyName)+\(signature.keyID)").inserted {
                verified.append(signature)
            }
        }
        guard !verified.isEmpty else { throw LedgerError.noTrustedSignature }
        return SignedNote(text: parsed.text, signatures: parsed.signatures, verifiedSignatures: verified)
    }

    // MARK: Format rules

    /// Note text must be non-empty, end in a newline and contain no control characters other
    /// than newline.
    static func validateText(_ text: String) throws {
        let bytes = Array(text.utf8)
        guard bytes.last == 0x0A else { throw LedgerError.malformedNote("text must end with a newline") }
        guard !bytes.contains(where: { $0 < 0x20 && $0 != 0x0A }) else {
            throw LedgerError.malformedNote("text contains control characters")
        }
    }

    private static func lastBlankLine(in bytes: [UInt8]) -> Int? {
        guard bytes.count >= 2 else { return nil }
        var index = bytes.count - 2
        while index >= 0 {
            if bytes[index] == 0x0A && bytes[index + 1] == 0x0A { return index }
            index -= 1
        }
        return nil
    }

    private static func parseSignatureLine(_ line: ArraySlice<UInt8>) throws -> NoteSignature {
        let prefix = Array(signaturePrefix.utf8)
        guard line.starts(with: prefix) else {
            throw LedgerError.malformedNote("signature line must start with an em dash and a space")
        }
        let rest = line.dropFirst(prefix.count)
        guard let space = rest.firstIndex(of: 0x20) else {
            throw LedgerError.malformedNote("signature line must be '— <key name> <signature>'")
        }
        let name = String(decoding: rest[..<space], as: UTF8.self)
        guard NoteKeyEncoding.isValidName(name) else {
            throw LedgerError.malformedNote("invalid key name in signature line")
        }
        let encoded = String(decoding: rest[(space + 1)...], as: UTF8.self)
        guard let decoded = Base64Coding.decodeCanonical(encoded), decoded.count > 4 else {
            throw LedgerError.malformedNote("signature is not base64 of a key ID and signature bytes")
        }
        let keyID = decoded.prefix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        return NoteSignature(keyName: name, keyID: keyID, signature: Array(decoded.dropFirst(4)))
    }
}
