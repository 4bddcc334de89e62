import SunlightDomain

/// A problem with one cell of one row: what the import report and the API show.
public struct CellError: Error, Sendable, Equatable, Codable {
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
        self.value = value
        self.code = code
        self.messageZh = messageZh
        self.messageEn = messageEn
    }
}

/// Parses whole rows of a dataset: every cell through `FieldParser`, required fields checked,
/// extra columns kept as attributes. Collects every problem of the row, not just the first.
public struct RowParser: Sendable {
    public let dataset: Dataset
    public let parser: FieldParser
    /// `dataset.fields` that must have a value (`Dataset.mustHaveValue`), decided once, not per row.
    private let mustHave: [Field]
    private let alternativeKeyGroups: [[String]]

    public init(dataset: Dataset, parser: FieldParser = FieldParser()) {
        self.dataset = dataset
        self.parser = parser
        self.mustHave = dataset.fields.filter(dataset.mustHaveValue)
        self.alternativeKeyGroups = dataset.alternativeKeyGroups
    }

    /// Parses a spreadsheet row against its header map.
    public func parse(fields cells: [String], line: Int, header: HeaderMap) -> Result<Record, RowErrors> {
        var input: [(Field, String)] = []
        input.reserveCapacity(header.columns.count)
        var attributes: [String: String] = [:]
        for (index, column) in header.columns.enumerated() {
            let raw = index < cells.count ? cells[index] : ""
            if let column {
                input.append((column, raw))
            } else if !raw.isEmpty {
                attributes[header.headers[index].trimmingCharacters(in: .whitespaces)] = raw
            }
        }
        return parse(input, line: line, attributes: attributes)
    }

    /// Parses named values (forms and the API): missing names are empty.
    public func parse(named: [String: String], line: Int = 0) -> Result<Record, RowErrors> {
        parse(dataset.fields.map { ($0, named[$0.name] ?? "") }, line: line, attributes: [:])
    }

    private func parse(_ input: [(Field, String)], line: Int, attributes: [String: String]) -> Result<Record, RowErrors> {
        var record = Record(values: Dictionary(minimumCapacity: input.count), attributes: attributes)
        var errors: [CellError] = []
        for (field, raw) in input {
            do {
                record[field.name] = try parser.parse(raw, for: field)
            } catch {
                errors.append(CellError(line: line, column: field.name, value: raw, code: error.code,
                                        messageZh: error.messageZh, messageEn: error.messageEn))
            }
        }
        for field in mustHave where record[field.name].isNull {
            if errors.contains(where: { $0.column == field.name }) { continue }
            errors.append(CellError(line: line, column: field.name, value: "", code: "required",
                                    messageZh: "必填项为空", messageEn: "required value is empty"))
        }
        for group in alternativeKeyGroups where group.allSatisfy({ record[$0].isNull }) {
            if errors.contains(where: { group.contains($0.column) }) { continue }
            errors.append(CellError(line: line, column: group.joined(separator: "/"), value: "", code: "required_one_of",
                                    messageZh: "以下各列至少填写一项：" + group.joined(separator: "、"),
                                    messageEn: "one of these columns is required: " + group.joined(separator: ", ")))
        }
        return errors.isEmpty ? .success(record) : .failure(RowErrors(errors: errors))
    }
}

/// All problems found in one row.
public struct RowErrors: Error, Sendable, Equatable {
    public let errors: [CellError]
}
