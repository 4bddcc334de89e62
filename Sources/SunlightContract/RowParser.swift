import SunlightDomain

/// A problem with one cell of one row: what the import report and the API show.
///
/// `value` echoes the offending text so the report can show it, but at most
/// `maxEchoedCharacters` of it (then "…"): a report must never send a megabyte-long value
/// back to the browser, the API client or the stored import log.
public struct CellError: BilingualError, Equatable, Codable {
    /// Characters of the offending value echoed in `value`.
    public static let maxEchoedCharacters = 100

    public let line: Int
    public let column: String
    public let value: String
    public let code: String
    public let messageZh: String
    public let messageEn: String

    enum CodingKeys: String, CodingKey {
        case line, column, value, code, messageZh = "message_zh", messageEn = "message_en"
    }

    public init(line: Int, column: String, value: String, code: String, messageZh: String, messageEn: String) {
        self.line = line
        self.column = column
        self.value = Self.echo(value)
        self.code = code
        self.messageZh = messageZh
        self.messageEn = messageEn
    }
}

extension CellError {
    /// `value` cut to `maxEchoedCharacters` characters plus "…" when longer.
    static func echo(_ value: String) -> String {
        // Characters are at most as many as UTF-8 bytes: short values need no counting.
        guard value.utf8.count > maxEchoedCharacters else { return value }
        var end = value.startIndex
        var count = 0
        while end < value.endIndex && count < maxEchoedCharacters {
            end = value.index(after: end)
            count += 1
        }
        return end == value.endIndex ? value : String(value[..<end]) + "…"
    }
}

/// Parses whole rows of a dataset: every cell through `FieldParser`, required fields checked,
/// extra columns kept as attributes. Collects every problem of the row, not just the first.
public struct RowParser: Sendable {
    public let dataset: Dataset
    public let parser: FieldParser
    /// Indices in `dataset.fields` of the fields that must have a value (`Dataset.mustHaveValue`)
    /// and of each alternative key group, decided once rather than per row.
    private let mustHave: [Int]
    private let alternativeKeyGroups: [(names: [String], fields: [Int])]
    /// Every field, present: what a named parse (a form, the API) gives each row.
    private let allFields: [Bool]

    public init(dataset: Dataset, parser: FieldParser = FieldParser()) {
        self.dataset = dataset
        self.parser = parser
        self.mustHave = dataset.fields.indices.filter { dataset.mustHaveValue(dataset.fields[$0]) }
        self.alternativeKeyGroups = dataset.alternativeKeyGroups.map { group in
            (group, group.compactMap { name in dataset.fields.firstIndex { $0.name == name } })
        }
        self.allFields = [Bool](repeating: true, count: dataset.fields.count)
    }

    /// Parses a spreadsheet row against its header map.
    public func parse(fields cells: [String], line: Int, header: HeaderMap) -> Result<Record, RowErrors> {
        parseRow(fields: cells, line: line, header: header).map { $0.record(in: dataset) }
    }

    /// Parses a spreadsheet row against its header map, keeping the values in field order (what
    /// an import writes) rather than building the record's dictionary.
    public func parseRow(fields cells: [String], line: Int, header: HeaderMap) -> Result<ParsedRow, RowErrors> {
        var attributes: [String: String] = [:]
        var attributeErrors: [CellError] = []
        for (position, field) in header.fieldIndices.enumerated() where field == nil {
            let raw = position < cells.count ? cells[position] : ""
            if raw.isEmpty { continue }
            let name = header.headers[position].trimmingCharacters(in: .whitespaces)
            // Extra columns are kept as attributes: free text, so free text's limit.
            if raw.utf8.count > Self.maxAttributeLength, raw.count > Self.maxAttributeLength {
                let error = FieldParser.tooLong(Self.maxAttributeLength)
                attributeErrors.append(CellError(line: line, column: name, value: raw, code: error.code,
                                                 messageZh: error.messageZh, messageEn: error.messageEn))
                continue
            }
            attributes[name] = raw
        }
        let result = parse(line: line, attributes: attributes, present: header.fedFields, cells: header.fieldIndices.count) { position in
            header.fieldIndices[position].map { ($0, position < cells.count ? cells[position] : "") }
        }
        guard !attributeErrors.isEmpty else { return result }
        switch result {
        case .success: return .failure(RowErrors(errors: attributeErrors))
        case .failure(let errors): return .failure(RowErrors(errors: errors.errors + attributeErrors))
        }
    }

    /// The most characters of a cell in an extra column (one the contract does not name, kept
    /// as an attribute): `Field.freeTextMaxLength`.
    public static let maxAttributeLength = Field.freeTextMaxLength

    /// Parses named values (forms and the API): missing names are empty.
    public func parse(named: [String: String], line: Int = 0) -> Result<Record, RowErrors> {
        let fields = dataset.fields
        return parse(line: line, attributes: [:], present: allFields, cells: fields.count) { ($0, named[fields[$0].name] ?? "") }
            .map { $0.record(in: dataset) }
    }

    /// Parses `cells` cells, `cell(i)` naming the field (an index in `dataset.fields`) and the raw
    /// text of the i-th, or nil for a cell that feeds no field. `present` marks the fields some
    /// cell feeds.
    private func parse(line: Int, attributes: [String: String], present: [Bool], cells: Int,
                       cell: (Int) -> (field: Int, raw: String)?) -> Result<ParsedRow, RowErrors> {
        let fields = dataset.fields
        var values = [FieldValue](repeating: .null, count: fields.count)
        var errors: [CellError] = []
        // Fields read in place: `fields[index]` copied each one (retaining its strings) for every cell.
        fields.withUnsafeBufferPointer { fields in
            for position in 0..<cells {
                guard let (index, raw) = cell(position) else { continue }
                do throws(ValueError) {
                    values[index] = try parser.parse(raw, for: fields[index])
                } catch {
                    errors.append(CellError(line: line, column: fields[index].name, value: raw, code: error.code,
                                            messageZh: error.messageZh, messageEn: error.messageEn))
                }
            }
        }
        for index in mustHave where values[index].isNull {
            let name = fields[index].name
            if errors.contains(where: { $0.column == name }) { continue }
            errors.append(CellError(line: line, column: name, value: "", code: "required",
                                    messageZh: "必填项为空", messageEn: "required value is empty"))
        }
        for group in alternativeKeyGroups where group.fields.allSatisfy({ values[$0].isNull }) {
            if errors.contains(where: { group.names.contains($0.column) }) { continue }
            errors.append(CellError(line: line, column: group.names.joined(separator: "/"), value: "", code: "required_one_of",
                                    messageZh: "以下各列至少填写一项：" + group.names.joined(separator: "、"),
                                    messageEn: "one of these columns is required: " + group.names.joined(separator: ", ")))
        }
        guard errors.isEmpty else { return .failure(RowErrors(errors: errors)) }
        return .success(ParsedRow(values: values, present: present, attributes: attributes))
    }
}

/// A row that passed its checks, with its values in `dataset.fields` order.
public struct ParsedRow: Sendable {
    public let values: [FieldValue]
    /// For each field: whether the row had a cell for it (its record has an entry only then).
    let present: [Bool]
    public let attributes: [String: String]

    init(values: [FieldValue], present: [Bool], attributes: [String: String]) {
        self.values = values
        self.present = present
        self.attributes = attributes
    }

    /// The row of a record.
    public init(_ record: Record, in dataset: Dataset) {
        self.init(values: dataset.fields.map { record[$0.name] }, present: dataset.fields.map { record.values[$0.name] != nil },
                  attributes: record.attributes)
    }

    /// The record: an entry for each field the row had a cell for, and the attributes.
    public func record(in dataset: Dataset) -> Record {
        var record = Record(values: Dictionary(minimumCapacity: values.count), attributes: attributes)
        for index in dataset.fields.indices where present[index] { record.values[dataset.fields[index].name] = values[index] }
        return record
    }
}

/// All problems found in one row.
public struct RowErrors: Error, Sendable, Equatable {
    public let errors: [CellError]
}
