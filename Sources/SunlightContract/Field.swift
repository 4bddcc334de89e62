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
    /// The most characters a value may have (after trimming), else `value.too_long`.
    ///
    /// Why every field has one: an attack stored a 20 MB unit name, and every write path
    /// (import, form, API) goes through `FieldParser`, so one check there refuses over-long
    /// values line by line everywhere. Defaults per type (`FieldType.defaultMaxLength`);
    /// free-text fields (summaries, scales) raise it to `Field.freeTextMaxLength`, codes
    /// lower it to `Field.codeMaxLength`.
    public let maxLength: Int

    /// Names, titles and other short text: `FieldType.text`'s default (200 characters).
    public static let shortTextMaxLength = 200
    /// Free text (a payment's summary, a project's approved and actual scale): 2,000 characters,
    /// a long paragraph — the exports these come from cap such fields far lower.
    public static let freeTextMaxLength = 2_000
    /// Codes kept as text (unit, village, project, voucher, tender, case numbers): 64 characters,
    /// several times the longest real format (a 12-digit division code, a 20-odd character
    /// document number), so no real code is refused and no essay passes as one.
    public static let codeMaxLength = 64

    /// - Parameter maxLength: nil (the default) takes `type.defaultMaxLength`.
    public init(
        _ name: String, _ aliasZh: String, _ type: FieldType = .text,
        required: Bool = false, key: Bool = false, aliases: [String] = [], maxLength: Int? = nil
    ) {
        self.name = name
        self.aliasZh = aliasZh
        self.type = type
        self.isRequired = required || key
        self.isKey = key
        self.extraAliases = aliases
        self.maxLength = maxLength ?? type.defaultMaxLength
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
