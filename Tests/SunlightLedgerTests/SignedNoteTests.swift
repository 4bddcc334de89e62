import Crypto
import Foundation
import SunlightLedger
import Testing

@Suite("Signed notes and keys")
struct SignedNoteTests {
    // The example from golang.org/x/mod/sumdb/note, the reference implementation of the format.
    static let goSigner = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
    static let goVerifier = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
    static let goText = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n"
    static let goNote = goText + "\n\u{2014} PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n"

    @Test("the Go reference keys parse, derive key ID c74f20a3 and open the reference note")
    func goKnownAnswer() throws {
        let signer = try LedgerSigningKey(noteKey: Self.goSigner)
        #expect(signer.name == "PeterNeumann")
        #expect(signer.keyID == 0xc74f_20a3)
        #expect(signer.verifierKey == Self.goVerifier)
        #expect(signer.noteKey == Self.goSigner)
        let verifier = try NoteVerifierKey(vkey: Self.goVerifier)
        #expect(verifier == signer.verifier)
        #expect(verifier.keyIDHex == "c74f20a3")

        let note = try SignedNote.open(text: Self.goNote, verifiers: [verifier])
        #expect(note.text == Self.goText)
        #expect(note.verifiedSignatures.map(\.keyName) == ["PeterNeumann"])
        #expect(note.serialized == Self.goNote)

        let signed = try SignedNote.sign(body: Self.goText, keyName: "PeterNeumann", privateKey: signer.privateKey)
        #expect(try SignedNote.open(text: signed, verifiers: [verifier]).text == Self.goText)
        #if os(Linux)
        // BoringSSL's Ed25519 is deterministic (RFC 8032), so the bytes must match Go's exactly.
        // (Apple's CryptoKit randomises Ed25519 signatures, so only verification is portable.)
        #expect(signed == Self.goNote)
        #endif
    }

    @Test("the C2SP signed-note example opens with its published verifier key")
    func c2spExample() throws {
        let verifier = try NoteVerifierKey(vkey: "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k")
        let note = "This is an example message.\n\n\u{2014} example.com/foo "
            + "Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n"
        #expect(try SignedNote.open(text: note, verifiers: [verifier]).text == "This is an example message.\n")
    }

    @Test("vkey strings have the form name+8 hex digits+base64(0x01 ‖ key)")
    func vkeyFormat() throws {
        let key = try LedgerSigningKey.generate(name: "sunlight.example/ledger")
        let parts = key.verifierKey.split(separator: "+", maxSplits: 2).map(String.init)
        #expect(parts.count == 3)
        #expect(parts[0] == "sunlight.example/ledger")
        #expect(parts[1].count == 8 && parts[1].allSatisfy { "0123456789abcdef".contains($0) })
        #expect(UInt32(parts[1], radix: 16) == key.keyID)
        let raw = try #require(Data(base64Encoded: parts[2]))
        #expect(raw.count == 33 && raw.first == 0x01)
        #expect(Array(raw.dropFirst()) == Array(key.privateKey.publicKey.rawRepresentation))
        // Key ID = first 4 bytes of SHA-256(name ‖ "\n" ‖ 0x01 ‖ public key), big-endian.
        let digest = Array(SHA256.hash(data: Array("sunlight.example/ledger\n".utf8) + Array(raw)))
        #expect(parts[1] == digest.prefix(4).map { String(format: "%02x", $0) }.joined())
        #expect(try NoteVerifierKey(vkey: key.verifierKey) == key.verifier)
    }

    @Test("mangled verifier and signer keys are refused")
    func mangledKeys() throws {
        let bad = [
            "", "PeterNeumann", "PeterNeumann+c74f20a3",
            "PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",  // wrong key ID
            "PeterNeumannX+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",  // wrong name
            "PeterNeumann+c74f20a+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",  // short ID
            "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10T",  // bad base64
            "PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",  // unknown algorithm
            "PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==",  // wrong length
            "Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        ]
        for vkey in bad {
            #expect(throws: LedgerError.self, "\(vkey)") { try NoteVerifierKey(vkey: vkey) }
        }
        #expect(throws: LedgerError.self) { try LedgerSigningKey(noteKey: Self.goVerifier) }
        #expect(throws: LedgerError.self) {
            try LedgerSigningKey(noteKey: "PRIVATE+KEY+PeterNeumann+c74f20a4+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz")
        }
        for name in ["", "a b", "a+b", "tab\tname", "new\nline"] {
            #expect(throws: LedgerError.invalidKeyName(name)) { try LedgerSigningKey.generate(name: name) }
        }
    }

    @Test("signatures from unknown keys are ignored; a bad one from a known key rejects the note")
    func unknownAndBadSignatures() throws {
        let log = try LedgerSigningKey.generate(name: "log.example")
        let witness = try LedgerSigningKey.generate(name: "witness.example")
        let body = "hello\n"
        let both = try SignedNote.sign(body: body, keys: [witness, log])
        #expect(try SignedNote.parse(both).signatures.count == 2)
        let opened = try SignedNote.open(text: both, verifiers: [log.verifier])
        #expect(opened.verifiedSignatures.map(\.keyName) == ["log.example"])
        #expect(try SignedNote.open(text: both, verifiers: [log.verifier, witness.verifier]).verifiedSignatures.count == 2)

        // Only unknown keys: rejected. Same name, different key: still unknown.
        let impostor = try LedgerSigningKey.generate(name: "log.example")
        #expect(throws: LedgerError.noTrustedSignature) {
            try SignedNote.open(text: both, verifiers: [impostor.verifier])
        }
        // A known key's signature over different text: rejected outright.
        let forged = both.replacingOccurrences(of: "hello", with: "hullo")
        #expect(throws: LedgerError.invalidSignature(keyName: "log.example")) {
            try SignedNote.open(text: forged, verifiers: [log.verifier])
        }
    }

    @Test("malformed notes are refused")
    func malformedNotes() throws {
        let key = try LedgerSigningKey.generate(name: "log.example")
        let good = try SignedNote.sign(body: "a\nb\n", keys: [key])
        #expect(throws: LedgerError.self) { try SignedNote.sign(body: "no newline", keys: [key]) }
        #expect(throws: LedgerError.self) { try SignedNote.sign(body: "tab\there\n", keys: [key]) }
        #expect(throws: LedgerError.self) { try SignedNote.sign(body: "x\n", keys: []) }
        let variants = [
            String(good.dropLast()),  // no final newline
            good.replacingOccurrences(of: "\n\n", with: "\n"),  // no blank line
            good.replacingOccurrences(of: "\u{2014} ", with: "- "),  // not an em dash
            good.replacingOccurrences(of: "\u{2014} log.example ", with: "\u{2014} log.example  "),
            good.replacingOccurrences(of: "a\nb\n", with: "a\r\nb\n"),  // control character
            "a\nb\n\n",  // no signatures
        ]
        for text in variants {
            #expect(throws: LedgerError.self, "\(text.debugDescription)") {
                try SignedNote.open(text: text, verifiers: [key.verifier])
            }
        }
        // Text may itself contain blank lines: the last one separates the signatures.
        let multi = try SignedNote.sign(body: "a\n\nb\n", keys: [key])
        #expect(try SignedNote.open(text: multi, verifiers: [key.verifier]).text == "a\n\nb\n")
    }

    @Test("key files round-trip, are private, and are never overwritten")
    func keyFiles() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("sunlight-ledger-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("ledger.key")

        let key = try LedgerSigningKey.generate(name: "sunlight.example/ledger")
        try key.save(to: url)
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text == key.noteKey + "\n")
        #expect(text.hasPrefix("PRIVATE+KEY+sunlight.example/ledger+"))
        let permissions = try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int
        #expect(permissions == 0o600)

        let loaded = try LedgerSigningKey.load(from: url)
        #expect(loaded.verifierKey == key.verifierKey)
        #expect(loaded.noteKey == key.noteKey)

        let other = try LedgerSigningKey.generate(name: "sunlight.example/ledger")
        #expect(throws: LedgerError.self) { try other.save(to: url) }
        #expect(try LedgerSigningKey.load(from: url).noteKey == key.noteKey)

        let garbage = directory.appendingPathComponent("garbage.key")
        try Data("not a key\n".utf8).write(to: garbage)
        #expect(throws: LedgerError.self) { try LedgerSigningKey.load(from: garbage) }
        #expect(throws: LedgerError.self) { try LedgerSigningKey.load(from: directory.appendingPathComponent("missing")) }

        // Printing a key does not leak the secret.
        let seed = Data(key.privateKey.rawRepresentation).base64EncodedString()
        #expect(!"\(key)".contains(seed) && !"\(key)".contains("PRIVATE"))
    }
}
