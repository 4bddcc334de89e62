import Crypto
import Foundation
import SunlightLedger

/// Signed notes (checkpoints from other witnesses, untrusted): `parse`, then `open` against a
/// fixed trusted key, so the verification path runs on whatever parses. Any thrown error is a
/// correct answer; a crash, or a note that opens without a valid signature, is not.
private let signingKey = try! LedgerSigningKey(
    name: "fuzz.example/log", privateKey: Curve25519.Signing.PrivateKey(rawRepresentation: [UInt8](repeating: 7, count: 32)))
private let verifier = try! NoteVerifierKey(name: signingKey.name, publicKey: signingKey.privateKey.publicKey)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSignedNote(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let parsed = try? SignedNote.parse(text) else { return 0 }
    _ = parsed.serialized
    if let opened = try? SignedNote.open(text: text, verifiers: [verifier]) {
        precondition(!opened.verifiedSignatures.isEmpty)
    }
    return 0
}
