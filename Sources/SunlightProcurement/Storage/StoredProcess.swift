import Foundation

/// The stored form of a contracting process: `sunlight import ocds` keeps each process as the
/// JSON of this compact model, one row per `ocid`, and scans decode it back.
///
/// Why the model and not the release: the model is what every indicator and `bid.*` rule reads,
/// so a scan over the database gives exactly what a scan over the file gives (a test holds the
/// two equal), and a 1 GB national dump shrinks to the part Sunlight uses. The file's SHA-256
/// stays in the import record, so the source can always be produced again.
///
/// The encoding is canonical (sorted keys, no whitespace, dates by their published text,
/// numbers by their exact decimal), so the same process hashes to the same bytes on SQLite and
/// PostgreSQL and a re-import of an unchanged process is recognised as unchanged.
public enum StoredProcess {
    /// The canonical JSON of `process`.
    public static func encode(_ process: ContractingProcess) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(process), as: UTF8.self)
    }

    /// A process back from its stored JSON.
    public static func decode(_ json: String) throws -> ContractingProcess {
        try JSONDecoder().decode(ContractingProcess.self, from: Data(json.utf8))
    }
}

extension OCDSDate: Codable {
    /// Only the published text is stored; the instant is derived from it again, as on reading.
    public init(from decoder: any Decoder) throws {
        self.init(raw: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(raw)
    }
}

extension Amount: Codable {
    /// A number is stored as its exact decimal text (`-12.5`): the `Double` Cardinal
    /// computes with is recomputed from it the way the reader computes it, so no float is ever
    /// printed and read back, and infinities cannot occur in the JSON.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let amount = Amount(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a number: \(text)"))
        }
        self = amount
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(literal)
    }

    /// JSON number text with the same exact value in plain notation, with a fraction exactly
    /// when the original had a fraction or exponent (`100.0` stays non-integer), so the decoded
    /// `isIntegerLiteral` is the original's.
    var literal: String {
        let text = exact.description
        if isIntegerLiteral || text.contains(".") { return text }
        return text + ".0"
    }
}
