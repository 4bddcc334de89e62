import Foundation
import SQLKit
import SunlightContract

/// Checks the records of a write against the writer's reach and the unit tree, in batches: the
/// storage half of `WriteReach` (which decides; this looks up what it needs).
///
/// One guard serves one write (a form's save, or a whole import) on the write's own transaction,
/// so it sees the rows the same transaction wrote before. It loads the unit tree once and keeps
/// it up to date as rows are accepted; for each batch it reads the stored rows the batch would
/// replace (one query per 500 keys) and, for person-scoped rows, the units of the people named
/// (one more) — not a round trip per row.
///
/// Used by one thread at a time (the importer's reader, or a request's task).
public final class ReachGuard: @unchecked Sendable {
    public let dataset: Dataset
    public let reach: UnitReach
    public private(set) var tree: UnitTree

    /// Whether writes to `dataset` by `reach` need a guard: any write below county level, and any
    /// write of units (a cycle in the tree is refused whoever writes it).
    public static func isNeeded(for dataset: Dataset, reach: UnitReach) -> Bool {
        reach != .everywhere || dataset.name == Registry.units.name
    }

    init(dataset: Dataset, reach: UnitReach, tree: UnitTree) {
        self.dataset = dataset
        self.reach = reach
        self.tree = tree
    }

    /// A guard for writes of `dataset` by `reach`, with the unit tree as `db` has it now.
    public static func load(for dataset: Dataset, reach: UnitReach, on db: any SQLDatabase) async throws -> ReachGuard {
        let rows = try await db.select().columns("unit_code", "parent_code").from(Registry.units.table).all()
        let pairs = try rows.map { row in
            (code: try row.decode(column: "unit_code", as: String.self), parent: try row.decode(column: "parent_code", as: String?.self))
        }
        return ReachGuard(dataset: dataset, reach: reach, tree: UnitTree(pairs))
    }

    static let chunk = 500

    /// The refusal of each record (nil: accepted), in order; accepted units enter the tree.
    /// `keys[i]` is `records[i]`'s stored key (`row_key`).
    public func check(_ records: [Record], keys: [String], on db: any SQLDatabase) async throws -> [WriteRefusal?] {
        precondition(records.count == keys.count)
        // Units are decided from the tree alone; only a subtree's rows of other datasets need
        // the stored rows (and, person-scoped, the people's units) looked up.
        guard dataset.name != Registry.units.name, case .subtree = reach, let column = dataset.scopeColumn else {
            return records.map { WriteReach.decide($0, in: dataset, reach: reach, tree: &tree) }
        }
        let stored = try await storedValues(of: keys, column: column, on: db)
        var personUnits: [String: String] = [:]
        if case .person = dataset.scope {
            let people = Set(records.compactMap { $0[column].text } + stored.values.compactMap { $0 })
            personUnits = try await units(ofPeople: Array(people), on: db)
        }
        return zip(records, keys).map { record, key in
            var storedScope: String?? = nil
            if let value = stored[key] {
                if case .person = dataset.scope { storedScope = .some(value.flatMap { personUnits[$0] }) } else { storedScope = .some(value) }
            }
            let newUnit = record[column].text.flatMap { personUnits[$0] }
            return WriteReach.decide(record, in: dataset, reach: reach, tree: &tree, stored: storedScope, newUnit: newUnit)
        }
    }

    /// For each key that has a stored row: that row's value in `column`.
    private func storedValues(of keys: [String], column: String, on db: any SQLDatabase) async throws -> [String: String?] {
        var values: [String: String?] = [:]
        for start in stride(from: 0, to: keys.count, by: Self.chunk) {
            let part = Array(keys[start..<min(keys.count, start + Self.chunk)])
            let rows = try await db.select().column("row_key").column(SQLIdentifier(column)).from(dataset.table)
                .where("row_key", .in, SQLBind.group(part)).all()
            for row in rows {
                values[try row.decode(column: "row_key", as: String.self)] = try row.decode(column: column, as: String?.self)
            }
        }
        return values
    }

    private func units(ofPeople people: [String], on db: any SQLDatabase) async throws -> [String: String] {
        var units: [String: String] = [:]
        for start in stride(from: 0, to: people.count, by: Self.chunk) {
            let part = Array(people[start..<min(people.count, start + Self.chunk)])
            let rows = try await db.select().columns("id_number", "unit_code").from(Registry.people.table)
                .where("id_number", .in, SQLBind.group(part)).all()
            for row in rows {
                if let unit = try row.decode(column: "unit_code", as: String?.self) {
                    units[try row.decode(column: "id_number", as: String.self)] = unit
                }
            }
        }
        return units
    }
}

extension ReachGuard {
    /// What still refers to unit `code`: its child units and its people. A unit is not deleted
    /// while either is non-zero — they would fall out of every unit officer's reach.
    public static func references(toUnit code: String, on db: any SQLDatabase) async throws -> (children: Int, people: Int) {
        func count(_ table: String, _ column: String) async throws -> Int {
            try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(table)
                .where(SQLIdentifier(column), .equal, SQLBind(code)).first()?.decode(column: "n", as: Int.self) ?? 0
        }
        return (try await count("units", "parent_code"), try await count("people", "unit_code"))
    }
}
