import SQLKit
import SunlightContract

/// Restricts a query on a dataset to the rows a principal's unit reach allows.
///
/// The unit subtree is computed by a recursive query inside the database (both SQLite and
/// PostgreSQL support `WITH RECURSIVE` in a subquery), so the check is made on every read and
/// never from a stale cache. Writes are decided by `ReachGuard` / `WriteReach`.
enum ScopeFilter {
    static func subtree(_ root: String) -> SQLQueryString {
        """
        (WITH RECURSIVE subtree(code) AS (SELECT unit_code FROM units WHERE unit_code = \(bind: root) \
        UNION SELECT u.unit_code FROM units u JOIN subtree s ON u.parent_code = s.code) SELECT code FROM subtree)
        """
    }

    /// A condition for `dataset`'s rows, or nil when every row is visible.
    static func condition(for dataset: Dataset, reach: UnitReach) -> (any SQLExpression)? {
        switch reach {
        case .everywhere:
            return nil
        case .nowhere:
            return SQLRaw("1 = 0")
        case .subtree(let root):
            switch dataset.scope {
            case .shared:
                return nil
            case .countyWide:
                return SQLRaw("1 = 0")
            case .unit(let column), .column(let column):
                return SQLQueryString("\(ident: column) IN \(subtree(root))")
            case .person(let column):
                return SQLQueryString("\(ident: column) IN (SELECT id_number FROM people WHERE unit_code IN \(subtree(root)))")
            }
        }
    }
}
