import Foundation
import SunlightContract
import SunlightLedger

/// One ledger entry: the exact bytes that are hashed into the Merkle tree.
///
/// The encoding is canonical JSON (sorted keys, no insignificant space) built only from
/// columns stored beside it, so `sunlight verify` can rebuild it from those columns and notice
/// if either was edited. Personal identifiers appear only as keyed hashes.
struct LedgerEntry: Sendable, Equatable {
    let seq: Int64
    let at: String
    let actor: String
    let action: String
    let objectType: String
    let objectID: String
    /// Keyed hash of the record's key (an ID number, a unit code…), or nil.
    let keyHash: String?
    let hashBefore: String?
    let hashAfter: String?
    let details: String?

    /// The canonical bytes, given the keyed hash of the actor.
    func encoded(actorHash: String) -> Data {
        func text(_ value: String?) -> CanonicalJSON { value.map(CanonicalJSON.string) ?? .null }
        var details: CanonicalJSON = text(self.details)
        if let raw = self.details, let data = raw.data(using: .utf8),
           let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: String] {
            details = .object(object.mapValues(CanonicalJSON.string))
        }
        let object: CanonicalJSON = .object([
            "v": .integer(1), "seq": .integer(seq), "at": .string(at), "actor": .string(actorHash), "action": .string(action),
            "object_type": .string(objectType), "object_id": .string(objectID),
            "key": text(keyHash), "before": text(hashBefore), "after": text(hashAfter), "details": details,
        ])
        return Data(object.bytes)
    }
}
