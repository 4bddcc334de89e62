import Crypto
import Foundation

/// Rules shared by signer keys, verifier keys and signature lines of c2sp.org/signed-note.
enum NoteKeyEncoding {
    /// Signature type byte for Ed25519 (c2sp.org/signed-note, "Signature types").
    static let ed25519Type: UInt8 = 0x01

    /// Key names are non-empty and contain no Unicode whitespace and no `+` (the separator of
    /// the key string forms). Control characters are refused too, since a name is written into
    /// note text, which must not contain them.
    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && !name.unicodeScalars.contains { scalar in
            scalar == "+" || scalar.properties.isWhitespace || scalar.value < 0x20 || scalar.value == 0x7f
        }
    }

    static func validateName(_ name: String) throws {
        guard isValidName(name) else { throw LedgerError.invalidKeyName(name) }
    }

    /// `SHA-256(key name ‖ 0x0A ‖ 0x01 ‖ 32-byte public key)[:4]` read as a big-endian uint32.
    static func keyID(name: String, publicKey: [UInt8]) -> UInt32 {
        var hasher = SHA256()
        hasher.update(data: Array(name.utf8))
        hasher.update(data: [0x0A, ed25519Type] as [UInt8])
        hasher.update(data: publicKey)
        return Array(hasher.finalize()).prefix(4).reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// The 8-digit lowercase hex form used in key strings.
    static func hex(_ keyID: UInt32) -> String {
        HexCoding.encode(bigEndianBytes(keyID))
    }

    /// Parses exactly 8 hex digits.
    static func parseKeyID(_ text: Substring) -> UInt32? {
        guard text.utf8.count == 8, let bytes = HexCoding.decode(String(text)) else { return nil }
        return bytes.reduce(0) { $0 << 8 | UInt32($1) }
    }

    static func bigEndianBytes(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24 & 0xff), UInt8(value >> 16 & 0xff), UInt8(value >> 8 & 0xff), UInt8(value & 0xff)]
    }

    /// Splits `<name>+<hex key ID>+<base64(0x01 ‖ key bytes)>` and checks everything except the
    /// key ID's derivation (which needs the public key). Base64 may itself contain `+`, so only
    /// the first two separators split.
    static func parseKeyString(_ text: Substring, kind: String) throws -> (name: String, keyID: UInt32, key: [UInt8]) {
        let parts = text.split(separator: "+", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw LedgerError.malformedKey("\(kind) must be name+keyid+key") }
        let name = String(parts[0])
        guard isValidName(name) else { throw LedgerError.malformedKey("invalid key name in \(kind)") }
        guard let keyID = parseKeyID(parts[1]) else {
            throw LedgerError.malformedKey("\(kind) key ID must be 8 hex digits")
        }
        guard let decoded = Base64Coding.decodeCanonical(String(parts[2])) else {
            throw LedgerError.malformedKey("\(kind) key is not canonical base64")
        }
        guard decoded.first == ed25519Type else {
            throw LedgerError.malformedKey("\(kind) is not an Ed25519 (type 0x01) key")
        }
        guard decoded.count == 33 else { throw LedgerError.malformedKey("\(kind) Ed25519 key must be 32 bytes") }
        return (name, keyID, Array(decoded.dropFirst()))
    }
}
