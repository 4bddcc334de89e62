/// The effective benefit programs: "the contract's defaults, each overridden by a programs row of
/// the same name; exclusive_with is symmetric" (rules.md, Programs).
struct ProgramCatalog: Sendable {
    /// Contract defaults: 城市低保, 农村低保, 特困供养 are means-tested and mutually exclusive;
    /// 高龄津贴 has min_age 80.
    static let defaults: [ProgramRow] = [
        ProgramRow(program: "城市低保", meansTested: true, exclusiveWith: ["农村低保", "特困供养"]),
        ProgramRow(program: "农村低保", meansTested: true, exclusiveWith: ["城市低保", "特困供养"]),
        ProgramRow(program: "特困供养", meansTested: true, exclusiveWith: ["城市低保", "农村低保"]),
        ProgramRow(program: "高龄津贴", meansTested: false, exclusiveWith: [], minAge: 80),
    ]

    private(set) var info: [Int32: ProgramInfo] = [:]
    private var exclusivePairs: Set<UInt64> = []

    init(rows: [ProgramRow], symbols: inout SymbolTable) {
        var effective: [String: ProgramRow] = [:]
        var order: [String] = []
        for row in Self.defaults {
            effective[row.program] = row
            order.append(row.program)
        }
        for row in rows {
            if let base = effective[row.program] {
                // A row's empty cells keep the default; its exclusive list replaces the default's.
                effective[row.program] = ProgramRow(
                    program: row.program, meansTested: row.meansTested ?? base.meansTested,
                    exclusiveWith: row.exclusiveWith, minAge: row.minAge ?? base.minAge)
            } else {
                effective[row.program] = row
                order.append(row.program)
            }
        }
        for name in order {
            let row = effective[name]!
            let symbol = symbols.intern(name)
            info[symbol] = ProgramInfo(meansTested: row.meansTested ?? false, minAge: row.minAge)
            for other in row.exclusiveWith where other != name && !other.isEmpty {
                exclusivePairs.insert(Self.pair(symbol, symbols.intern(other)))
            }
        }
    }

    private static func pair(_ a: Int32, _ b: Int32) -> UInt64 {
        let (low, high) = a < b ? (a, b) : (b, a)
        return UInt64(UInt32(bitPattern: low)) << 32 | UInt64(UInt32(bitPattern: high))
    }

    func isMeansTested(_ program: Int32) -> Bool { info[program]?.meansTested ?? false }
    func minAge(_ program: Int32) -> Int? { info[program]?.minAge }
    func areExclusive(_ a: Int32, _ b: Int32) -> Bool { a != b && exclusivePairs.contains(Self.pair(a, b)) }
}
