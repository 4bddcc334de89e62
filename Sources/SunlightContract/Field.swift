/// One column of a dataset: its canonical English name, its Chinese alias, its type and
/// whether it is required or part of the dataset's key.
public struct Field: Sendable, Equatable {
    public let name: String
    public let aliasZh: String
    public let type: FieldType
    public let isRequired: Bool
    public let isKey: Bool
    /// Further header spellings seen in real exports (the contract lets us add aliases).
    public let extraAliases: [String]

    public init(
        _ name: String, _ aliasZh: String, _ type: FieldType = .text,
        required: Bool = false, key: Bool = false, aliases: [String] = []
    ) {
        self.name = name
        self.aliasZh = aliasZh
        self.type = type
        self.isRequired = required || key
        self.isKey = key
        self.extraAliases = aliases
    }

    /// An English label for forms and tables.
    public var labelEn: String {
        let words = name.split(separator: "_").map(String.init)
        guard let first = words.first else { return name }
        let rest = words.dropFirst().map { $0 == "id" ? "ID" : $0 }
        let head = first == "id" ? "ID" : first.prefix(1).uppercased() + first.dropFirst()
        return ([head] + rest).joined(separator: " ")
            .replacingOccurrences(of: "uscc", with: "USCC")
    }
}
