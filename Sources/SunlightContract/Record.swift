
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
        dataset.canonicalJSON(values: dataset.fields.map { self[$0.name] }, attributes: attributes)
    }
}

extension Dataset {
    /// `Record.key(in:)` of a record whose values, in `fields` order, are `values`.
    public func key(values: [FieldValue]) -> String {
        // Most datasets have one key field: its text is the key, with no array to join.
        if keyFieldIndices.count == 1, let index = keyFieldIndices.first { return values[index].display(as: fields[index].type) }
        return keyFieldIndices.map { values[$0].display(as: fields[$0].type) }.joined(separator: "|")
    }

    /// `Record.canonicalJSON(in:)` of a record whose values, in `fields` order, are `values`.
    public func canonicalJSON(values: [FieldValue], attributes: [String: String]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(384)
        writeCanonicalJSON(values: values, attributes: attributes, into: &output)
        return output
    }

    /// `canonicalJSON(values:attributes:)` appended to `output`: an import hashes its rows
    /// through one buffer instead of allocating one per row.
    public func writeCanonicalJSON(values: [FieldValue], attributes: [String: String], into output: inout [UInt8]) {
        // Written in `canonicalOrder` directly ("_attributes" sorts before every field name,
        // which are lower-case): the same bytes as `CanonicalJSON.object`, without building and
        // sorting a dictionary for each of a million records.
        output.append(UInt8(ascii: "{"))
        var first = true
        if !attributes.isEmpty {
            CanonicalJSON.writeString("_attributes", into: &output)
            output.append(UInt8(ascii: ":"))
            CanonicalJSON.object(attributes.mapValues(CanonicalJSON.string)).write(into: &output)
            first = false
        }
        canonicalMembers.withUnsafeBufferPointer { members in
            canonicalPrefixBytes.withUnsafeBufferPointer { prefixes in
                for member in members {
                    if !first { output.append(UInt8(ascii: ",")) }
                    first = false
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: prefixes[member.start..<member.end]))
                    switch values[member.field] {
                    case .null: output.append(contentsOf: CanonicalJSON.nullBytes)
                    case .text(let s): CanonicalJSON.writeString(s, into: &output)
                    case .integer(let i): CanonicalJSON.writeInteger(i, into: &output)
                    case .bool(let b): CanonicalJSON.bool(b).write(into: &output)
                    }
                }
            }
        }
        output.append(UInt8(ascii: "}"))
    }
}
