/// A dataset of the data contract: its name, its columns, its key and how its rows relate to the
/// unit tree (for unit-scoped access).
public struct Dataset: Sendable, Identifiable {
    public let name: String
    public let nameZh: String
    public let fields: [Field]
    /// How a row is tied to a unit, so a unit officer sees only their subtree.
    public let scope: UnitScope
    /// The field names in the byte order canonical encodings write them, sorted once.
    public let canonicalOrder: [String]
    /// `canonicalOrder` with each member's field index and where its encoded `"name":` prefix
    /// lies in `canonicalPrefixBytes`, so a million-record import does not re-encode the same
    /// keys for every record. One flat byte array rather than an array per member: reading a
    /// member then retains nothing (the dataset is shared with the writer's thread, and each
    /// retain of a shared buffer is an atomic operation on a contended cache line).
    let canonicalMembers: [(field: Int, start: Int, end: Int)]
    let canonicalPrefixBytes: [UInt8]
    /// Indices of the key fields in `fields`.
    let keyFieldIndices: [Int]
    /// Government data from other systems: imported, never created or edited by hand.
    public let isImportOnly: Bool
    /// The key names a *roll* (`benefits`: program and period) that an import replaces as a
    /// whole; rows within a roll may repeat (see `rowKey(of:ordinal:)`).
    public let replacesRolls: Bool

    public var id: String { name }
    /// The SQL table that holds the dataset (its name, as the contract spells it).
    public var table: String { name }
    /// The API path segment: `company_roles` → `company-roles`.
    public var pathSegment: String { name.replacingOccurrences(of: "_", with: "-") }

    /// The key fields, in field order (kept, not filtered on every call: the import asks per row).
    public let keyFields: [Field]
    public var requiredFields: [Field] { fields.filter(\.isRequired) }

    public func field(named name: String) -> Field? { fields.first { $0.name == name } }

    public init(name: String, nameZh: String, scope: UnitScope, importOnly: Bool = false, replacesRolls: Bool = false,
                fields: [Field]) {
        self.name = name
        self.nameZh = nameZh
        self.scope = scope
        self.isImportOnly = importOnly
        self.replacesRolls = replacesRolls
        self.fields = fields
        self.canonicalOrder = fields.map(\.name).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var prefixes: [UInt8] = []
        self.canonicalMembers = canonicalOrder.map { name in
            let start = prefixes.count
            CanonicalJSON.writeString(name, into: &prefixes)
            prefixes.append(UInt8(ascii: ":"))
            return (fields.firstIndex { $0.name == name }!, start, prefixes.count)
        }
        self.canonicalPrefixBytes = prefixes
        self.keyFields = fields.filter(\.isKey)
        self.keyFieldIndices = fields.indices.filter { fields[$0].isKey }
    }

    public var nameEn: String { name.replacingOccurrences(of: "_", with: " ").capitalized }
}

/// How rows of a dataset belong to units.
public enum UnitScope: Sendable, Equatable {
    /// The row is itself a unit (identified by this column).
    case unit(column: String)
    /// The row names its unit in this column.
    case column(String)
    /// The row belongs to the unit of the person whose ID is in this column (via `people`).
    case person(column: String)
    /// Shared reference data every signed-in role may read (companies and their roles).
    case shared
    /// Rows that belong to no unit (deaths, vehicles, bids): only county-wide roles see them.
    case countyWide
}
