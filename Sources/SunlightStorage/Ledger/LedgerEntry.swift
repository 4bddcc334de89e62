import Foundation
import SQLKit
import SQLiteNIO
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
    /// The columns written on append: `columns` and the entry's leaf hash (`LowerNodes`).
    static let insertColumns = columns + ["leaf_hash"]

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

    /// The canonical bytes, given the keyed hash of the actor: `CanonicalJSON` of the entry, its
    /// keys written directly in their (fixed, byte-sorted) order, since this runs for every entry
    /// appended and for every entry `verify` reads.
    func encoded(actorHash: String) -> Data {
        var output: [UInt8] = []
        encode(actorHash: actorHash, into: &output)
        return Data(output)
    }

    /// `encoded(actorHash:)` appended to `output`: a batch reuses one buffer for all its entries.
    func encode(actorHash: String, into output: inout [UInt8]) {
        output.reserveCapacity(output.count + 320)
        func text(_ value: String?) {
            if let value { CanonicalJSON.writeString(value, into: &output) } else { output.append(contentsOf: CanonicalJSON.nullBytes) }
        }
        output.append(contentsOf: Self.prefixes[0])
        CanonicalJSON.writeString(action, into: &output)
        output.append(contentsOf: Self.prefixes[1])
        CanonicalJSON.writeString(actorHash, into: &output)
        output.append(contentsOf: Self.prefixes[2])
        text(hashAfter)
        output.append(contentsOf: Self.prefixes[3])
        CanonicalJSON.writeString(at, into: &output)
        output.append(contentsOf: Self.prefixes[4])
        text(hashBefore)
        output.append(contentsOf: Self.prefixes[5])
        if let raw = details, let data = raw.data(using: .utf8),
           let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: String] {
            CanonicalJSON.object(object.mapValues(CanonicalJSON.string)).write(into: &output)
        } else {
            text(details)
        }
        output.append(contentsOf: Self.prefixes[6])
        text(keyHash)
        output.append(contentsOf: Self.prefixes[7])
        CanonicalJSON.writeString(objectID, into: &output)
        output.append(contentsOf: Self.prefixes[8])
        CanonicalJSON.writeString(objectType, into: &output)
        output.append(contentsOf: Self.prefixes[9])
        CanonicalJSON.writeInteger(seq, into: &output)
        output.append(contentsOf: Self.prefixes[10])
    }

    /// What precedes each member's value (the opening brace or a comma, the quoted key, a
    /// colon), in the keys' byte order, and last the constant `v` member and the closing brace.
    private static let prefixes: [[UInt8]] = {
        let keys = ["action", "actor", "after", "at", "before", "details", "key", "object_id", "object_type", "seq"]
        return keys.enumerated().map { position, key in Array(((position == 0 ? "{" : ",") + "\"" + key + "\":").utf8) }
            + [Array(",\"v\":1}".utf8)]
    }()
}

/// Column access common to SQLKit rows and raw SQLite rows, so the entry decoder serves both.
protocol LedgerColumns {
    func text(_ name: String) throws -> String?
    func integer(_ name: String) throws -> Int64?
}

struct SQLKitColumns: LedgerColumns {
    let row: any SQLRow
    func text(_ name: String) throws -> String? { try row.decode(column: name, as: String?.self) }
    func integer(_ name: String) throws -> Int64? { try row.decode(column: name, as: Int64?.self) }
}

struct SQLiteColumns: LedgerColumns {
    let row: SQLiteRow
    func text(_ name: String) -> String? { row.column(name)?.string }
    func integer(_ name: String) -> Int64? { row.column(name)?.integer.map(Int64.init) }
}

/// An entry's columns read in place from a stepped SQLite statement (`verify` on SQLite): the
/// values SQLiteNIO's `SQLiteData.string` and `.integer` give, without copying every row into
/// an array of `SQLiteData` first — that copying was most of `verify`'s time.
struct SQLiteRawColumns: LedgerColumns {
    let statement: SQLiteBulkStatement
    /// Column name → position, decided once per query.
    let positions: [String: Int32]

    init(statement: SQLiteBulkStatement) {
        self.statement = statement
        self.positions = statement.columnPositions
    }

    func text(_ name: String) -> String? { positions[name].flatMap(statement.string) }

    func integer(_ name: String) -> Int64? { positions[name].flatMap(statement.integerValue) }
}

struct MissingColumn: Error { let name: String }

extension LedgerEntry {
    init(columns row: some LedgerColumns) throws {
        func required(_ name: String) throws -> String {
            guard let value = try row.text(name) else { throw MissingColumn(name: name) }
            return value
        }
        guard let seq = try row.integer("seq") else { throw MissingColumn(name: "seq") }
        self.init(seq: seq, at: try required("at"), actor: try required("actor"), action: try required("action"),
                  objectType: try required("object_type"), objectID: try required("object_id"), keyHash: try row.text("key_hash"),
                  hashBefore: try row.text("hash_before"), hashAfter: try row.text("hash_after"), details: try row.text("details"))
    }

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

/// For tests: the entry bytes of a change, as the sink writes them.
enum LedgerEntryProbe {
    static func encode(_ change: Change, seq: Int64, keyHash: String?, actorHash: String) -> [UInt8] {
        Array(LedgerEntry(seq: seq, at: change.at, actor: change.actor, action: change.action.rawValue, objectType: change.objectType,
                          objectID: change.objectID, keyHash: keyHash, hashBefore: change.hashBefore, hashAfter: change.hashAfter,
                          details: change.details).encoded(actorHash: actorHash))
    }
}
