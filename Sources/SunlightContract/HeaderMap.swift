import SunlightDomain

/// Maps a file's header row onto a dataset's fields.
///
/// Headers may be the canonical English name or the Chinese alias, in any order; matching ignores
/// case, surrounding spaces, full-width/half-width differences and a trailing unit such as `（元）`.
/// Unknown columns become attributes.
public struct HeaderMap: Sendable {
    /// For each column of the file: the field it feeds, or nil for an extra column.
    public let columns: [Field?]
    public let headers: [String]
    /// For each column of the file: the index in `dataset.fields` of the field it feeds.
    public let fieldIndices: [Int?]
    /// For each of `dataset.fields`: whether a column feeds it. The same for every row, so a
    /// parsed row shares this array instead of building its own (`ParsedRow.present`).
    let fedFields: [Bool]

    public enum Problem: Sendable, Equatable {
        case missingRequired([Field])
        case duplicateColumn(Field)
    }

    public init(headers: [String], dataset: Dataset) throws(HeaderError) {
        var lookup: [String: Field] = [:]
        for field in dataset.fields {
            for spelling in [field.name, field.aliasZh] + field.extraAliases {
                lookup[TextFolding.headerKey(spelling)] = field
            }
        }
        var seen: Set<String> = []
        var columns: [Field?] = []
        for header in headers {
            let field = lookup[TextFolding.headerKey(header)]
            if let field {
                if seen.contains(field.name) { throw HeaderError.duplicateColumn(field) }
                seen.insert(field.name)
            }
            columns.append(field)
        }
        let missing = dataset.fields.filter { field in
            field.isRequired && !seen.contains(field.name) && !dataset.optionalKeyFields.contains(field.name)
                && !dataset.alternativeKeyGroups.contains { group in group.contains(field.name) && group.contains(where: seen.contains) }
        }
        if !missing.isEmpty { throw HeaderError.missingColumns(missing) }
        self.columns = columns
        self.headers = headers
        let fieldIndices = columns.map { column in column.flatMap { field in dataset.fields.firstIndex { $0.name == field.name } } }
        var fed = [Bool](repeating: false, count: dataset.fields.count)
        for case let index? in fieldIndices { fed[index] = true }
        self.fieldIndices = fieldIndices
        self.fedFields = fed
    }
}

/// A header row that cannot be read as the dataset.
public enum HeaderError: Error, Sendable, Equatable {
    case missingColumns([Field])
    case duplicateColumn(Field)

    public var messageZh: String {
        switch self {
        case .missingColumns(let fields):
            return "缺少必填列：" + fields.map { "\($0.aliasZh)（\($0.name)）" }.joined(separator: "、")
        case .duplicateColumn(let field):
            return "列重复：\(field.aliasZh)（\(field.name)）"
        }
    }

    public var messageEn: String {
        switch self {
        case .missingColumns(let fields):
            return "missing required columns: " + fields.map { "\($0.name) (\($0.aliasZh))" }.joined(separator: ", ")
        case .duplicateColumn(let field):
            return "column given twice: \(field.name) (\(field.aliasZh))"
        }
    }
}
