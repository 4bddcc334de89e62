import SQLKit
import SunlightContract

/// Restricts a query on a dataset to the rows a principal's unit reach allows.
///
/// The unit subtree is computed by a recursive query inside the database (both SQLite and
/// PostgreSQL support `WITH RECURSIVE` in a subquery), so the check is made on every read and
/// write and never from a stale cache.
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

    /// Whether a record about to be written lies within reach (a unit officer may not create
    /// rows for another unit, nor move a row out of their subtree).
    static func contains(_ record: Record, of dataset: Dataset, reach: UnitReach, on db: any SQLDatabase) async throws -> Bool {
        switch reach {
        case .everywhere: return true
        case .nowhere: return false
        case .subtree(let root):
            let probe: SQLQueryString
            switch dataset.scope {
            case .shared:
                return true
            case .countyWide:
                return false
            case .unit(let column):
                // A new unit is within reach when its parent is (the root itself may be edited).
                let code = record[column].text ?? ""
                let parent = record["parent_code"].text ?? ""
                if code == root { return parent == (try await parentCode(of: root, on: db) ?? "") }
                probe = "SELECT 1 AS ok WHERE \(bind: parent) IN \(subtree(root))"
            case .column(let column):
                probe = "SELECT 1 AS ok WHERE \(bind: record[column].text ?? "") IN \(subtree(root))"
            case .person(let column):
                probe = "SELECT 1 AS ok FROM people WHERE id_number = \(bind: record[column].text ?? "") AND unit_code IN \(subtree(root))"
            }
            return try await db.raw(probe).first() != nil
        }
    }

    private static func parentCode(of code: String, on db: any SQLDatabase) async throws -> String? {
        try await db.select().column("parent_code").from("units").where("unit_code", .equal, code).first()?
            .decode(column: "parent_code", as: String?.self)
    }
}
