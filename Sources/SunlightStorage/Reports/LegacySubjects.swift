import Foundation
import Logging
import SQLKit
import SunlightReports

/// The start-up step of migration 13: subjects stored in the clear before it are moved under
/// their reports' keys. It needs the office key (to open each report's key) and the ledger key
/// (for the subject index), which SQL migrations do not have — so it runs when the server
/// starts, in batches, and does nothing once every row is moved.
///
/// Clues go first: a clue is pointed at the report whose subject it shows (the one whose ID
/// number it carries, else its first), while the reports still have their legacy columns. Then
/// each report gets its keyed hashes and resolved unit in any case, and — when this installation
/// holds an office key that opens it — its sealed subject, and its plaintext columns are
/// emptied. A report no key here opens keeps its legacy columns (and a warning), but is matched
/// by keyed hash like every other.
///
/// The freed pages of an SQLite file may still hold the old text until it is rewritten:
/// `sunlight backup` writes a fresh file, and `VACUUM` rewrites in place.
extension ReportStore {
    public struct LegacySubjectsResult: Sendable, Equatable {
        public var clues = 0
        public var reportsSealed = 0
        public var reportsIndexedOnly = 0
        public var candidatesMoved = 0
        public init() {}
    }

    @discardableResult
    public func sealLegacySubjects(logger: Logger = Logger(label: "sunlight.reports")) async throws -> LegacySubjectsResult {
        var result = LegacySubjectsResult()
        let index = vault.subjects
        let principal = Principal.system()
        // 1. Clues: which report shows their subject.
        while true {
            let moved = try await recorder.write(by: principal) { tx -> Int in
                let rows = try await tx.sql.select().columns("id", "subject_id_number").from("clues")
                    .where(SQLIdentifier("subject_report_id"), .is, SQLLiteral.null).orderBy("id").limit(200).all()
                var moved = 0
                for row in rows {
                    let clueID = try row.decode(column: "id", as: Int64.self)
                    let idNumber = try row.decode(column: "subject_id_number", as: String?.self)
                    let reports = try await tx.sql.select().columns("id", "subject_id_number").from("reports")
                        .where("clue_id", .equal, clueID).orderBy("id").all()
                    let chosen = try reports.first { try idNumber != nil && $0.decode(column: "subject_id_number", as: String?.self) == idNumber }
                        ?? reports.first
                    // A clue without reports cannot exist through the store; mark it so the loop ends.
                    let reportID = try chosen?.decode(column: "id", as: Int64.self) ?? 0
                    try await tx.sql.update("clues").set("subject_report_id", to: SQLBind(reportID))
                        .set("subject_id_key", to: SQLBind(index.idNumber(idNumber)))
                        .set("subject_name", to: SQLBind("")).set("subject_unit", to: SQLBind("")).set("subject_post", to: SQLBind(""))
                        .set("subject_id_number", to: SQLBind(String?.none)).where("id", .equal, clueID).run()
                    moved += 1
                }
                if moved > 0 {
                    try await tx.record([Change(at: Timestamps.now(), actor: principal.username, action: .update, objectType: "clues", objectID: "*",
                                                details: ScanStore.json(["step": "subjects_sealed", "count": String(moved)]))])
                }
                return moved
            }
            result.clues += moved
            if moved < 200 { break }
        }
        // 2. Reports: keyed hashes, resolved unit, sealed subject; candidates by keyed ID.
        var after: Int64 = 0
        while true {
            let from = after
            let rows = try await recorder.database.withConnection { db in
                try await db.select().column("id").columns(Self.subjectColumns).from("reports")
                    .where(SQLIdentifier("sealed_subject"), .is, SQLLiteral.null).where("id", .greaterThan, from)
                    .orderBy("id").limit(200).all()
            }
            guard !rows.isEmpty else { break }
            var keys: [Int64: ReportKey] = [:]
            for row in rows {
                let id = try row.decode(column: "id", as: Int64.self)
                keys[id] = try? await openKey(reportID: id)
            }
            let opened = keys
            let batch = try await recorder.write(by: principal) { tx -> LegacySubjectsResult in
                var batch = LegacySubjectsResult()
                for row in rows {
                    let id = try row.decode(column: "id", as: Int64.self)
                    let subject = ReportSubject(name: try row.decode(column: "subject_name", as: String.self),
                                                unit: try row.decode(column: "subject_unit", as: String.self),
                                                post: try row.decode(column: "subject_post", as: String.self),
                                                idNumber: try row.decode(column: "subject_id_number", as: String?.self))
                    var update = tx.sql.update("reports")
                        .set("subject_name_key", to: SQLBind(index.text(subject.name)))
                        .set("subject_unit_key", to: SQLBind(index.text(subject.unit)))
                        .set("subject_id_key", to: SQLBind(index.idNumber(subject.idNumber)))
                        .set("subject_unit_code", to: SQLBind(try await Self.resolveUnitCode(of: subject, on: tx.sql)))
                    if let key = opened[id] {
                        update = update.set("sealed_subject", to: SQLBind(try subject.sealed(with: key, reportID: id)))
                            .set("subject_name", to: SQLBind("")).set("subject_unit", to: SQLBind("")).set("subject_post", to: SQLBind(""))
                            .set("subject_id_number", to: SQLBind(String?.none))
                        batch.reportsSealed += 1
                    } else {
                        batch.reportsIndexedOnly += 1
                    }
                    try await update.where("id", .equal, id).run()
                    // Candidates: from registry rows to keyed IDs.
                    let candidates = try await tx.sql.raw("""
                        SELECT c.basis, c.cleared_by, c.cleared_at, p.id_number FROM report_subject_candidates c \
                        LEFT JOIN people p ON p.id = c.person_id WHERE c.report_id = \(bind: id) ORDER BY c.id
                        """).all()
                    for candidate in candidates {
                        guard let key = index.idNumber(try candidate.decode(column: "id_number", as: String?.self)) else { continue }
                        try await tx.sql.insert(into: "subject_candidates")
                            .columns("report_id", "person_key", "basis", "cleared_by", "cleared_at")
                            .values(SQLBind(id), SQLBind(key), SQLBind(try candidate.decode(column: "basis", as: String.self)),
                                    SQLBind(try candidate.decode(column: "cleared_by", as: String?.self)),
                                    SQLBind(try candidate.decode(column: "cleared_at", as: String?.self))).run()
                        batch.candidatesMoved += 1
                    }
                    try await tx.sql.delete(from: "report_subject_candidates").where("report_id", .equal, id).run()
                }
                try await tx.sql.raw("""
                    UPDATE clues SET unit_code = (SELECT r.subject_unit_code FROM reports r WHERE r.id = clues.subject_report_id) \
                    WHERE unit_code IS NULL AND subject_report_id IS NOT NULL
                    """).run()
                try await tx.record([Change(at: Timestamps.now(), actor: principal.username, action: .update, objectType: "reports", objectID: "*",
                                            details: ScanStore.json(["step": "subjects_sealed", "sealed": String(batch.reportsSealed),
                                                                     "indexed_only": String(batch.reportsIndexedOnly)]))])
                return batch
            }
            result.reportsSealed += batch.reportsSealed
            result.reportsIndexedOnly += batch.reportsIndexedOnly
            result.candidatesMoved += batch.candidatesMoved
            after = try rows.last!.decode(column: "id", as: Int64.self)
        }
        if result.clues + result.reportsSealed + result.reportsIndexedOnly > 0 {
            logger.notice("moved report subjects under their reports' keys",
                          metadata: ["clues": "\(result.clues)", "sealed": "\(result.reportsSealed)",
                                     "indexed_only": "\(result.reportsIndexedOnly)", "candidates": "\(result.candidatesMoved)"])
        }
        if result.reportsIndexedOnly > 0 {
            logger.warning("some reports' subjects stay in the clear: no office key here opens them; start with the office key to seal them",
                           metadata: ["reports": "\(result.reportsIndexedOnly)"])
        }
        return result
    }
}
