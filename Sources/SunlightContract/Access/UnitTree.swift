/// The unit tree as a map from each unit's code to its parent's, for deciding writes in memory.
///
/// Reads restrict rows with a recursive query inside the database (`ScopeFilter`). A write must
/// also be decided against the tree *as the write would leave it*: an import that creates a unit
/// and then its child, or moves a unit, changes the tree row by row. So the tree is loaded once
/// (units are few: a county has dozens, a province thousands) and updated as rows are accepted.
public struct UnitTree: Sendable, Equatable {
    private var parents: [String: String]

    /// `pairs`: each unit's code and its parent's code (nil or empty for a root).
    public init<S: Sequence>(_ pairs: S) where S.Element == (code: String, parent: String?) {
        var parents: [String: String] = [:]
        for pair in pairs { parents[pair.code] = pair.parent ?? "" }
        self.parents = parents
    }

    public var count: Int { parents.count }

    /// Whether a unit with this code exists.
    public func contains(_ code: String) -> Bool { parents[code] != nil }

    /// The parent's code ("" for a root), or nil for an unknown unit.
    public func parent(of code: String) -> String? { parents[code] }

    /// Whether `code` is `ancestor` or lies below it. Walks up at most `count` steps, so a tree
    /// that already holds a cycle (written before cycles were refused) cannot loop forever.
    public func isWithin(_ code: String, subtreeOf ancestor: String) -> Bool {
        var current = code
        for _ in 0...parents.count {
            if current == ancestor { return true }
            guard let parent = parents[current], !parent.isEmpty else { return false }
            current = parent
        }
        return false
    }

    /// Records a unit (new, or moved under `parent`).
    public mutating func set(_ code: String, parent: String?) { parents[code] = parent ?? "" }
}
