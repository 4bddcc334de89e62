import Foundation
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
        var object: [String: Any] = [
            "v": 1, "seq": seq, "at": at, "actor": actorHash, "action": action,
            "object_type": objectType, "object_id": objectID,
            "key": keyHash ?? NSNull(), "before": hashBefore ?? NSNull(), "after": hashAfter ?? NSNull(),
        ]
        if let details, let data = details.data(using: .utf8), let parsed = try? JSONSerialization.jsonObject(with: data) {
            object["details"] = parsed
        } else {
            object["details"] = details ?? NSNull()
        }
        return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
    }
}
