import Foundation
import SQLKit

/// Counts of reports and clues for the statistics page (no content, no names): by source,
/// type, disposition stage, outcome form, sanction, and the share of deadlines missed.
public struct ReportStatistics: Sendable {
    public let bySource: [(String, Int)]
    public let byType: [(String, Int)]
    public let byUnit: [(String, Int)]
    public let byState: [(String, Int)]
    public let byForm: [(Int, Int)]
    public let bySanction: [(String, Int)]
    /// Deadlines that ran out (met late, or open past due) and all deadlines due by today.
    public let deadlinesMissed: Int
    public let deadlinesDue: Int

    public var overdueRate: Double? { deadlinesDue == 0 ? nil : Double(deadlinesMissed) / Double(deadlinesDue) }
}

extension ClueStore {
    /// Figures for `year` (received in that calendar year), or all time.
    public func statistics(year: Int? = nil, today: String) async throws -> ReportStatistics {
        try await recorder.database.withConnection { db in
            func counts(_ table: String, _ column: String, dateColumn: String) async throws -> [(String, Int)] {
                var select = db.select().column(SQLIdentifier(column), as: "k").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                    .from(table)
                if let year { select = select.where(SQLIdentifier(dateColumn), .like, SQLBind("\(year)-%")) }
                return try await select.groupBy(SQLIdentifier(column)).all().map { row -> (String, Int) in
                    // Integers first: PostgreSQL would hand a BIGINT's binary bytes to a String decode.
                    let key: String
                    if let number = try? row.decode(column: "k", as: Int.self) { key = String(number) } else {
                        key = (try? row.decode(column: "k", as: String.self)) ?? "—"
                    }
                    return (key, try row.decode(column: "n", as: Int.self))
                }.sorted { ($0.1, $1.0) > ($1.1, $0.0) }
            }
            // By the subject's registry unit, by name (the subject itself is sealed; a clue whose
            // unit did not resolve counts under "—").
            func byUnit() async throws -> [(String, Int)] {
                var yearFilter: SQLQueryString = ""
                if let year { yearFilter = "WHERE c.received_on LIKE \(bind: "\(year)-%")" }
                return try await db.raw("""
                    SELECT COALESCE(u.name, '—') AS k, COUNT(*) AS n FROM clues c LEFT JOIN units u ON u.unit_code = c.unit_code \
                    \(yearFilter) GROUP BY COALESCE(u.name, '—')
                    """).all().map { (try $0.decode(column: "k", as: String.self), try $0.decode(column: "n", as: Int.self)) }
                    .sorted { ($0.1, $1.0) > ($1.1, $0.0) }
            }
            let forms = try await counts("clue_outcomes", "form", dateColumn: "effective_on")
            var sanctions = db.select().column("sanction", as: "k").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("clue_outcomes")
                .where(SQLIdentifier("sanction"), .isNot, SQLLiteral.null)
            if let year { sanctions = sanctions.where("effective_on", .like, "\(year)-%") }
            let bySanction = try await sanctions.groupBy("sanction").all().map {
                (try $0.decode(column: "k", as: String.self), try $0.decode(column: "n", as: Int.self))
            }
            var due = db.select().columns("due_on", "met_on").from("clue_deadlines").where(SQLIdentifier("due_on"), .isNot, SQLLiteral.null)
                .where("due_on", .lessThanOrEqual, today)
            if let year { due = due.where("starts_on", .like, "\(year)-%") }
            var missed = 0, total = 0
            for row in try await due.all() {
                total += 1
                let dueOn = try row.decode(column: "due_on", as: String.self)
                let met = try row.decode(column: "met_on", as: String?.self)
                if let met { if met > dueOn { missed += 1 } } else if dueOn < today { missed += 1 }
            }
            return ReportStatistics(
                bySource: try await counts("reports", "channel", dateColumn: "received_on"),
                byType: try await counts("reports", "report_type", dateColumn: "received_on"),
                byUnit: try await byUnit(),
                byState: try await counts("clues", "state", dateColumn: "received_on"),
                byForm: forms.compactMap { pair in Int(pair.0).map { ($0, pair.1) } }.sorted { $0.0 < $1.0 },
                bySanction: bySanction, deadlinesMissed: missed, deadlinesDue: total)
        }
    }
}
