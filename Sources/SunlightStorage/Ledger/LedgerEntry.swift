import Foundation
import SQLKit
import SunlightContract
import SunlightLedger

/// One ledger entry: the exact bytes that are hashed into the Merkle tree.
///
/// The encoding is canonical JSON (sorted keys, no insignificant space) built only from
/// columns stored beside it, so `sunlight verify` can rebuild it from those columns and notice
/// if either was edited. Personal identifiers appear only as keyed hashes.
struct LedgerEntry: Sendable, Equatable {
    /// The columns of `ledger_entries`, in insert order.
    static let columns = ["seq", "at", "actor", "action", "object_type", "object_id", "key_hash", "hash_before", "hash_after", "details"]

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

extension LedgerEntry {
    init(row: any SQLRow) throws {
        self.init(seq: try row.decode(column: "seq", as: Int64.self), at: try row.decode(column: "at", as: String.self),
                  actor: try row.decode(column: "actor", as: String.self), action: try row.decode(column: "action", as: String.self),
                  objectType: try row.decode(column: "object_type", as: String.self),
                  objectID: try row.decode(column: "object_id", as: String.self),
                  keyHash: try row.decode(column: "key_hash", as: String?.self),
                  hashBefore: try row.decode(column: "hash_before", as: String?.self),
                  hashAfter: try row.decode(column: "hash_after", as: String?.self),
                  details: try row.decode(column: "details", as: String?.self))
    }
}
