/// Why a write of one record is refused by the unit tree or the writer's reach.
///
/// Decided for every write path alike — form, API, import of any file, the bulk path — by
/// `WriteReach.decide`, from the new record *and* the row the write would replace. Checking only
/// the new row let a township officer import another township's unit code with their own unit as
/// parent: the upsert re-parented that township's whole subtree under them.
public enum WriteRefusal: String, Sendable, Equatable, CaseIterable {
    /// The new row belongs to a unit outside the writer's reach.
    case outOfReach = "scope.denied"
    /// A row with this key already exists and belongs to a unit outside the writer's reach.
    case storedOutOfReach = "scope.stored_denied"
    /// A unit officer's own unit is moved (only a county-wide role may change where it hangs).
    case ownUnitMoved = "scope.own_unit_moved"
    /// The unit's new parent is the unit itself or lies below it.
    case cycle = "unit.cycle"

    public var messageZh: String {
        switch self {
        case .outOfReach: "该行不属于您有权管理的单位"
        case .storedOutOfReach: "已有相同编码/证件号的记录属于您无权管理的单位，不能覆盖"
        case .ownUnitMoved: "不能更改本单位的上级单位（须由县级管理员调整）"
        case .cycle: "上级单位不能是该单位本身或其下级单位（会形成循环）"
        }
    }

    public var messageEn: String {
        switch self {
        case .outOfReach: "this row is outside the units you may manage"
        case .storedOutOfReach: "a record with this key already exists in a unit outside your reach and cannot be overwritten"
        case .ownUnitMoved: "your own unit cannot be moved to another parent (a county-wide administrator must do it)"
        case .cycle: "a unit's parent cannot be the unit itself or one of its descendants (the tree would form a cycle)"
        }
    }

    /// The column a report names for this refusal.
    public func column(in dataset: Dataset) -> String {
        switch self {
        case .cycle, .ownUnitMoved: "parent_code"
        case .storedOutOfReach: dataset.keyFields.map(\.name).joined(separator: "+")
        case .outOfReach: dataset.scopeColumn ?? "unit"
        }
    }
}

/// The decision for one record. Pure: the caller supplies the tree and, for rows that name
/// their unit through a person, the units of the people concerned.
public enum WriteReach {
    /// Whether writing `record` may go ahead.
    ///
    /// - `tree`: the unit tree as the write finds it; a unit that is accepted is recorded in it,
    ///   so later rows of the same file see it (a file may create a unit, then its child).
    /// - `stored`: the scope value (unit code, or for person-scoped rows the person's unit) of
    ///   the row this record would replace, nil when there is none. Units need none: the tree
    ///   knows them.
    /// - `newUnit`: for person-scoped rows, the unit of the record's person (nil when unknown).
    public static func decide(_ record: Record, in dataset: Dataset, reach: UnitReach, tree: inout UnitTree,
                              stored: String?? = nil, newUnit: String? = nil) -> WriteRefusal? {
        if case .nowhere = reach { return .outOfReach }
        if dataset.name == Registry.units.name {
            return decideUnit(record, reach: reach, tree: &tree)
        }
        guard case .subtree(let root) = reach else { return nil }
        func within(_ code: String?) -> Bool {
            guard let code, !code.isEmpty else { return false }
            return tree.isWithin(code, subtreeOf: root)
        }
        switch dataset.scope {
        case .shared, .countyWide:
            // The access policy keeps unit officers away from these; refuse here as well.
            return .outOfReach
        case .unit(let column), .column(let column):
            if case .some(let storedUnit) = stored, !within(storedUnit) { return .storedOutOfReach }
            return within(record[column].text) ? nil : .outOfReach
        case .person:
            if case .some(let storedUnit) = stored, !within(storedUnit) { return .storedOutOfReach }
            return within(newUnit) ? nil : .outOfReach
        }
    }

    private static func decideUnit(_ record: Record, reach: UnitReach, tree: inout UnitTree) -> WriteRefusal? {
        let code = record["unit_code"].text ?? ""
        let parent = record["parent_code"].text ?? ""
        // The parent itself, or any unit whose chain of parents leads to this code (also units
        // already pointing at a code not yet created), would close a cycle.
        if !parent.isEmpty, tree.isWithin(parent, subtreeOf: code) { return .cycle }
        if case .subtree(let root) = reach {
            if code == root {
                if parent != (tree.parent(of: root) ?? "") { return .ownUnitMoved }
            } else {
                if tree.contains(code), !tree.isWithin(code, subtreeOf: root) { return .storedOutOfReach }
                if parent.isEmpty || !tree.isWithin(parent, subtreeOf: root) { return .outOfReach }
            }
        }
        tree.set(code, parent: parent)
        return nil
    }
}

extension Dataset {
    /// The column that names a row's unit (or person), if any.
    public var scopeColumn: String? {
        switch scope {
        case .unit(let column), .column(let column), .person(let column): column
        case .shared, .countyWide: nil
        }
    }
}
extension WriteRefusal: Error {}
