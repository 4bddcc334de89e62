import Crypto
import Foundation

/// The key of one report. Every secret of the report — its text, the reporter's identity and
/// contact, messages, attachments and their names — is encrypted under it (ChaCha20-Poly1305);
/// the key itself is stored only wrapped: sealed with HPKE to each office key, and wrapped
/// under the reporter's receipt code. One key per report means a leaked key opens one report.
public struct ReportKey: Sendable {
    public let key: SymmetricKey

    public init(key: SymmetricKey) { self.key = key }

    public static func generate() -> ReportKey { ReportKey(key: SymmetricKey(size: .bits256)) }

    /// Encrypts `plaintext`, bound to `context` (for example `report:17:content`) so a
    /// ciphertext cannot be moved to another field or report unnoticed. Text form: `v1.<base64>`.
    public func seal(_ plaintext: Data, context: String) throws -> String {
        let box = try ChaChaPoly.seal(plaintext, using: key, authenticating: Data(context.utf8))
        return "v1." + box.combined.base64EncodedString()
    }

    public func seal(_ text: String, context: String) throws -> String { try seal(Data(text.utf8), context: context) }

    public func open(_ sealed: String, context: String) throws -> Data {
        guard sealed.hasPrefix("v1."), let combined = Data(base64Encoded: String(sealed.dropFirst(3))) else {
            throw SealingError.malformed
        }
        do {
            return try ChaChaPoly.open(try ChaChaPoly.SealedBox(combined: combined), using: key, authenticating: Data(context.utf8))
        } catch {
            throw SealingError.cannotOpen
        }
    }

    public func openText(_ sealed: String, context: String) throws -> String {
        String(decoding: try open(sealed, context: context), as: UTF8.self)
    }

    // MARK: Wrapping the key

    private static let hpkeInfo = Data("sunlight.report-key.v1".utf8)
    private static let suite = HPKE.Ciphersuite.Curve25519_SHA256_ChachaPoly

    /// The key sealed to an office public key (HPKE base mode): `v1.<enc>.<ciphertext>`.
    public func sealed(to office: OfficePublicKey, reportID: String) throws -> String {
        var sender = try HPKE.Sender(recipientKey: office.key, ciphersuite: Self.suite, info: Self.hpkeInfo)
        let ciphertext = try key.withUnsafeBytes { raw in
            try sender.seal(Data(raw), authenticating: Data("report:\(reportID)".utf8))
        }
        return "v1." + sender.encapsulatedKey.base64EncodedString() + "." + ciphertext.base64EncodedString()
    }

    /// Opens an envelope made by `sealed(to:reportID:)` with the office's private key.
    public static func open(envelope: String, with office: OfficeKey, reportID: String) throws -> ReportKey {
        let parts = envelope.split(separator: ".").map(String.init)
        guard parts.count == 3, parts[0] == "v1", let enc = Data(base64Encoded: parts[1]), let ciphertext = Data(base64Encoded: parts[2]) else {
            throw SealingError.malformed
        }
        do {
            var recipient = try HPKE.Recipient(privateKey: office.privateKey, ciphersuite: suite, info: hpkeInfo, encapsulatedKey: enc)
            let raw = try recipient.open(ciphertext, authenticating: Data("report:\(reportID)".utf8))
            return ReportKey(key: SymmetricKey(data: raw))
        } catch {
            throw SealingError.cannotOpen
        }
    }

    /// The key wrapped under a key derived from the receipt code.
    public func wrapped(under wrappingKey: SymmetricKey, reportID: String) throws -> String {
        try key.withUnsafeBytes { raw in
            "v1." + (try ChaChaPoly.seal(Data(raw), using: wrappingKey, authenticating: Data("receipt:\(reportID)".utf8))).combined
                .base64EncodedString()
        }
    }

    public static func unwrap(_ wrapped: String, with wrappingKey: SymmetricKey, reportID: String) throws -> ReportKey {
        guard wrapped.hasPrefix("v1."), let combined = Data(base64Encoded: String(wrapped.dropFirst(3))) else { throw SealingError.malformed }
        do {
            let raw = try ChaChaPoly.open(try ChaChaPoly.SealedBox(combined: combined), using: wrappingKey,
                                          authenticating: Data("receipt:\(reportID)".utf8))
            return ReportKey(key: SymmetricKey(data: raw))
        } catch {
            throw SealingError.cannotOpen
        }
    }
}

/// Why a sealed value could not be used. Deliberately vague about *why* a ciphertext failed:
/// wrong key and tampering look the same.
public enum SealingError: Error, Sendable, Equatable {
    case malformed
    case cannotOpen
    case badKeyFile(String)
    case cannotWriteKey(String)
    /// No office key in the keyring can open any of the report's envelopes.
    case noOfficeKey
}
