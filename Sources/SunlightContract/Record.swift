
/// One row of a dataset as stored: field values by column name, plus any extra columns of the
/// source file, kept as attributes (the contract says extra columns are kept, not rejected).
public struct Record: Sendable, Equatable {
    public var values: [String: FieldValue]
    public var attributes: [String: String]

    public init(values: [String: FieldValue] = [:], attributes: [String: String] = [:]) {
        self.values = values
        self.attributes = attributes
    }

    public subscript(_ name: String) -> FieldValue {
        get { values[name] ?? .null }
        set { values[name] = newValue }
    }

    /// The record's key, as one string: key values joined by `|` (the rules' subject-key
    /// convention). Empty alternative key columns contribute an empty part.
    public func key(in dataset: Dataset) -> String {
        dataset.keyFields.map { self[$0.name].display(as: $0.type) }.joined(separator: "|")
    }

    /// The canonical encoding (`CanonicalJSON`): every contract field (null included) and the
    /// attributes. Two databases holding the same row produce the same bytes, which is what the
    /// ledger hashes.
    public func canonicalJSON(in dataset: Dataset) -> [UInt8] {
        var object: [String: CanonicalJSON] = [:]
        for field in dataset.fields {
            switch self[field.name] {
            case .null: object[field.name] = .null
            case .text(let s): object[field.name] = .string(s)
            case .integer(let i): object[field.name] = .integer(i)
            case .bool(let b): object[field.name] = .bool(b)
            }
        }
        if !attributes.isEmpty { object["_attributes"] = .object(attributes.mapValues(CanonicalJSON.string)) }
        return CanonicalJSON.object(object).bytes
    }
}
