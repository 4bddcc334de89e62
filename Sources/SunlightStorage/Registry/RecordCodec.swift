import Crypto
import Foundation
import SQLKit
import SunlightContract

/// Moves records between `Record` and SQL rows, and hashes their canonical encoding.
enum RecordCodec {
    static func bind(_ value: FieldValue) -> any SQLExpression {
        switch value {
        case .null: return SQLLiteral.null
        case .text(let s): return SQLBind(s)
        case .integer(let i): return SQLBind(i)
        case .bool(let b): return SQLBind(b)
        }
    }

    static func decode(_ row: any SQLRow, dataset: Dataset) throws -> Record {
        var record = Record()
        for field in dataset.fields {
            switch field.type {
            case .money, .integer:
                record[field.name] = (try row.decodeNil(column: field.name)) ? .null : .integer(try row.decode(column: field.name, as: Int64.self))
            case .bool:
                record[field.name] = (try row.decodeNil(column: field.name)) ? .null : .bool(try row.decode(column: field.name, as: Bool.self))
            default:
                let text = try row.decode(column: field.name, as: String?.self)
                record[field.name] = text.map(FieldValue.text) ?? .null
            }
        }
        let attributes = try row.decode(column: "attributes", as: String.self)
        if let data = attributes.data(using: .utf8),
           let object = try? JSONSerialization.jsonObject(with: data) as? [String: String] {
            record.attributes = object
        }
        return record
    }

    static func attributesJSON(_ record: Record) -> String {
        attributesJSON(record.attributes)
    }

    static func attributesJSON(_ attributes: [String: String]) -> String {
        guard !attributes.isEmpty,
              let data = try? JSONSerialization.data(withJSONObject: attributes, options: [.sortedKeys]) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    static func hash(_ record: Record, in dataset: Dataset) -> String {
        hash(values: dataset.fields.map { record[$0.name] }, attributes: record.attributes, in: dataset)
    }

    /// `hash(_:in:)` of a record given by its values in `dataset.fields` order.
    static func hash(values: [FieldValue], attributes: [String: String], in dataset: Dataset) -> String {
        var scratch: [UInt8] = []
        return hash(values: values, attributes: attributes, in: dataset, scratch: &scratch)
    }

    /// `hash(values:attributes:in:)`, encoding into `scratch` (emptied first, its capacity kept):
    /// a batch of records reuses one buffer.
    static func hash(values: [FieldValue], attributes: [String: String], in dataset: Dataset, scratch: inout [UInt8]) -> String {
        scratch.removeAll(keepingCapacity: true)
        dataset.writeCanonicalJSON(values: values, attributes: attributes, into: &scratch)
        var hasher = SHA256()
        scratch.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        return hasher.finalize().withUnsafeBytes(Hex.encode)
    }
}
