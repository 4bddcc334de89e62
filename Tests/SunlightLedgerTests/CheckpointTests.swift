import Foundation
import SunlightLedger
import Testing

@Suite("Checkpoints")
struct CheckpointTests {
    static let origin = "sunlight.example/ledger"
    static let root = MerkleHashing.leafHash(Array("root".utf8))

    @Test("body is origin, decimal size and base64 root, each newline-terminated")
    func bodyFormat() throws {
        let checkpoint = try Checkpoint(origin: Self.origin, size: 20_852_163, rootHash: Self.root)
        #expect(checkpoint.body == "sunlight.example/ledger\n20852163\n\(Self.root.base64)\n")
        #expect(Self.root.base64.count == 44)
        #expect(try Checkpoint.parse(body: checkpoint.body) == checkpoint)
        let empty = try Checkpoint(origin: Self.origin, size: 0, rootHash: MerkleHashing.emptyRoot)
        #expect(empty.body == "sunlight.example/ledger\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n")
        let withExtension = try Checkpoint(origin: Self.origin, size: 1, rootHash: Self.root, extensionLines: ["ext"])
        #expect(try Checkpoint.parse(body: withExtension.body).extensionLines == ["ext"])
    }

    @Test("the C2SP example body parses")
    func c2spExample() throws {
        let checkpoint = try Checkpoint.parse(
            body: "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n")
        #expect(checkpoint.origin == "example.com/behind-the-sofa")
        #expect(checkpoint.size == 20_852_163)
        #expect(checkpoint.rootHash.base64 == "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=")
    }

    @Test("malformed bodies are refused")
    func malformedBodies() throws {
        let root = Self.root.base64
        let bodies = [
            "", "o\n", "o\n1\n", "o\n1\n\(root)",  // missing lines / final newline
            "\n1\n\(root)\n",  // empty origin
            "o\n01\n\(root)\n", "o\n+1\n\(root)\n", "o\n-1\n\(root)\n", "o\n\n\(root)\n", "o\n1 \n\(root)\n",
            "o\n99999999999999999999999\n\(root)\n",  // overflow
            "o\n1\nnot base64\n", "o\n1\n\(Data(repeating: 1, count: 31).base64EncodedString())\n",
            "o\n1\n\(root)\n\n",  // empty extension line
        ]
        for body in bodies {
            #expect(throws: LedgerError.self, "\(body.debugDescription)") { try Checkpoint.parse(body: body) }
        }
        #expect(throws: LedgerError.self) { try Checkpoint(origin: "a\nb", size: 1, rootHash: Self.root) }
        #expect(throws: LedgerError.self) { try Checkpoint(origin: "", size: 1, rootHash: Self.root) }
        #expect(throws: LedgerError.self) { try Checkpoint(origin: "o", size: -1, rootHash: Self.root) }
    }

    @Test("sign and open round trip")
    func roundTrip() throws {
        let key = try LedgerSigningKey.generate(name: Self.origin)
        let checkpoint = try Checkpoint(origin: Self.origin, size: 42, rootHash: Self.root)
        let signed = try checkpoint.sign(with: key)
        #expect(signed.hasPrefix(checkpoint.body + "\n\u{2014} \(Self.origin) "))
        #expect(signed.hasSuffix("\n"))
        let signatureLine = try #require(signed.split(separator: "\n").last)
        let encoded = try #require(signatureLine.split(separator: " ").last)
        let decoded = try #require(Data(base64Encoded: String(encoded)))
        #expect(decoded.count == 68)  // 4-byte key ID + 64-byte Ed25519 signature
        #expect(Array(decoded.prefix(4)) == withUnsafeBytes(of: key.keyID.bigEndian) { Array($0) })

        let opened = try Checkpoint.open(signedText: signed, verifiers: [key.verifier], expectedOrigin: Self.origin)
        #expect(opened == checkpoint)
        #expect(throws: LedgerError.unexpectedOrigin(expected: "other.example", actual: Self.origin)) {
            try Checkpoint.open(signedText: signed, verifiers: [key.verifier], expectedOrigin: "other.example")
        }
    }

    @Test("tampered size, root or signature, and other keys, are rejected")
    func tampering() throws {
        let key = try LedgerSigningKey.generate(name: Self.origin)
        let checkpoint = try Checkpoint(origin: Self.origin, size: 42, rootHash: Self.root)
        let signed = try checkpoint.sign(with: key)
        let verifiers = [key.verifier]

        let biggerSize = signed.replacingOccurrences(of: "\n42\n", with: "\n43\n")
        #expect(biggerSize != signed)
        #expect(throws: LedgerError.invalidSignature(keyName: Self.origin)) {
            try Checkpoint.open(signedText: biggerSize, verifiers: verifiers)
        }

        let otherRoot = signed.replacingOccurrences(of: Self.root.base64, with: flipped(Self.root).base64)
        #expect(otherRoot != signed)
        #expect(throws: LedgerError.invalidSignature(keyName: Self.origin)) {
            try Checkpoint.open(signedText: otherRoot, verifiers: verifiers)
        }

        // Flip one bit of the signature bytes (after the 4-byte key ID).
        let lines = signed.split(separator: "\n", omittingEmptySubsequences: false)
        let signatureLine = lines[lines.count - 2]
        let encoded = String(signatureLine.split(separator: " ").last!)
        var raw = Array(Data(base64Encoded: encoded)!)
        raw[10] ^= 0x01
        let badSignature = signed.replacingOccurrences(of: encoded, with: Data(raw).base64EncodedString())
        #expect(throws: LedgerError.invalidSignature(keyName: Self.origin)) {
            try Checkpoint.open(signedText: badSignature, verifiers: verifiers)
        }

        // A different key, even under the same name, is not trusted.
        let other = try LedgerSigningKey.generate(name: Self.origin)
        #expect(throws: LedgerError.noTrustedSignature) {
            try Checkpoint.open(signedText: signed, verifiers: [other.verifier])
        }
        #expect(throws: LedgerError.noTrustedSignature) {
            try Checkpoint.open(signedText: try checkpoint.sign(with: other), verifiers: verifiers)
        }
    }
}
