import Foundation
import SQLKit
import SunlightContract
import SunlightRegime

/// A person of the registry a report may be about, as the reviewing inspector sees it.
public struct SubjectCandidate: Sendable, Equatable {
    public let personID: Int64
    public let name: String
    public let unitName: String
    public let post: String
    public let basis: SubjectResolution.Basis
    public let clearedBy: String?
}

/// Recusal by the registry: the people a report may be about (`SubjectResolution`), kept per
/// report, and the one check every read and write of a report or clue goes through.
extension ReportStore {
    /// Finds the registry's candidates for a new report's subject and records them (inside the
    /// submission's transaction). Returns how many were found.
    @discardableResult
    static func resolveSubject(reportID: Int64, name: String, unit: String, post: String, knownIDNumber: String?,
                               on db: any SQLDatabase) async throws -> Int {
        guard knownIDNumber == nil, let lookup = SubjectResolution.lookup(subjectName: name) else { return 0 }
        var select = db.select().column(SQLColumn("id", table: "p")).column(SQLColumn("name", table: "p"))
            .column(SQLColumn("post", table: "p")).column(SQLAlias(SQLColumn("name", table: "u"), as: SQLIdentifier("unit_name")))
            .from(SQLAlias(SQLIdentifier("people"), as: SQLIdentifier("p")))
            .join(SQLAlias(SQLIdentifier("units"), as: SQLIdentifier("u")), method: SQLJoinMethod.left,
                  on: SQLColumn("unit_code", table: "u"), .equal, SQLColumn("unit_code", table: "p"))
        switch lookup {
        case .name(let wanted): select = select.where(SQLColumn("name", table: "p"), .equal, SQLBind(wanted))
        case .surname(let surname):
            select = select.where(LikePattern.matches("p.name", LikePattern.prefix(surname)))
        }
        let people = try await select.limit(200).all().map { row in
            SubjectResolution.Person(id: try row.decode(column: "id", as: Int64.self), name: try row.decode(column: "name", as: String.self),
                                     unitName: try row.decode(column: "unit_name", as: String?.self) ?? "",
                                     post: try row.decode(column: "post", as: String?.self) ?? "")
        }
        let candidates = SubjectResolution.candidates(subjectName: name, subjectUnit: unit, subjectPost: post, among: people)
        for candidate in candidates {
            try await db.insert(into: "report_subject_candidates").columns("report_id", "person_id", "basis")
                .values(SQLBind(reportID), SQLBind(candidate.personID), SQLBind(candidate.basis.rawValue)).run()
        }
        if !candidates.isEmpty {
            try await db.update("reports").set("subject_review", to: SQLBind("pending")).where("id", .equal, reportID).run()
        }
        return candidates.count
    }

    /// A condition on `reports` rows: the report is not about the person with ID number `own` —
    /// neither bound to them nor naming them as a candidate not yet cleared.
    static func notAbout(_ own: String) -> SQLQueryString {
        """
        ((reports.subject_id_number IS NULL OR reports.subject_id_number <> \(bind: own)) AND NOT EXISTS (\
        SELECT 1 FROM report_subject_candidates c JOIN people p ON p.id = c.person_id \
        WHERE c.report_id = reports.id AND c.cleared_at IS NULL AND p.id_number = \(bind: own)))
        """
    }

    /// Whether report `reportID` is, or may be, about the principal's own person.
    static func isAbout(_ reportID: Int64, own: String, on db: any SQLDatabase) async throws -> Bool {
        let about: SQLQueryString = "NOT \(Self.notAbout(own))"
        return try await db.select().column("id").from("reports").where("id", .equal, reportID).where(about).first() != nil
    }

    /// The candidates of a report, for the reviewer.
    public func subjectCandidates(reportID: Int64) async throws -> [SubjectCandidate] {
        try await recorder.database.withConnection { db in
            try await db.raw("""
                SELECT c.person_id, c.basis, c.cleared_by, p.name, p.post, u.name AS unit_name FROM report_subject_candidates c \
                LEFT JOIN people p ON p.id = c.person_id LEFT JOIN units u ON u.unit_code = p.unit_code \
                WHERE c.report_id = \(bind: reportID) ORDER BY c.id
                """).all().map { row in
                SubjectCandidate(personID: try row.decode(column: "person_id", as: Int64.self),
                                 name: try row.decode(column: "name", as: String?.self) ?? "",
                                 unitName: try row.decode(column: "unit_name", as: String?.self) ?? "",
                                 post: try row.decode(column: "post", as: String?.self) ?? "",
                                 basis: SubjectResolution.Basis(rawValue: try row.decode(column: "basis", as: String.self)) ?? .name,
                                 clearedBy: try row.decode(column: "cleared_by", as: String?.self))
            }
        }
    }

    /// The review of a report's possible subjects: confirm one candidate (the report and its clue
    /// are then bound to that person, as an ID entered at intake would be) or clear them all.
    /// Only a handler who may read the report does it — never a candidate, who cannot see it.
    public func reviewSubject(reportID: Int64, confirm personID: Int64?, by principal: Principal) async throws {
        guard AccessPolicy.handlesReports(principal.role) else { throw RecordNotFound(dataset: "reports", id: reportID) }
        if try await isAbout(reportID, principal: principal) { throw RecordNotFound(dataset: "reports", id: reportID) }
        try await recorder.write(by: principal) { tx in
            let pending = try await tx.sql.select().column("person_id").from("report_subject_candidates")
                .where("report_id", .equal, reportID).where(SQLIdentifier("cleared_at"), .is, SQLLiteral.null).all()
                .map { try $0.decode(column: "person_id", as: Int64.self) }
            guard !pending.isEmpty else {
                throw ReportError(code: "subject.nothing_pending", messageZh: "该举报没有待确认的被反映人", messageEn: "this report has no possible subjects to review")
            }
            let now = Timestamps.now()
            if let personID {
                guard pending.contains(personID),
                      let idNumber = try await tx.sql.select().column("id_number").from("people").where("id", .equal, personID).first()?
                        .decode(column: "id_number", as: String.self) else {
                    throw ReportError(code: "subject.not_candidate", messageZh: "所选人员不是该举报的候选被反映人",
                                      messageEn: "the person chosen is not a possible subject of this report")
                }
                try await tx.sql.update("reports").set("subject_id_number", to: SQLBind(idNumber)).where("id", .equal, reportID).run()
                if let clue = try await tx.sql.select().column("clue_id").from("reports").where("id", .equal, reportID).first()?
                    .decode(column: "clue_id", as: Int64?.self) {
                    try await tx.sql.update("clues").set("subject_id_number", to: SQLBind(idNumber)).where("id", .equal, clue)
                        .where(SQLIdentifier("subject_id_number"), .is, SQLLiteral.null).run()
                }
            }
            try await tx.sql.update("report_subject_candidates").set("cleared_by", to: SQLBind(principal.username))
                .set("cleared_at", to: SQLBind(now)).where("report_id", .equal, reportID)
                .where(SQLIdentifier("cleared_at"), .is, SQLLiteral.null).run()
            let outcome = personID == nil ? "cleared" : "confirmed"
            try await tx.sql.update("reports").set("subject_review", to: SQLBind(outcome)).where("id", .equal, reportID).run()
            try await tx.record([Change(at: now, actor: principal.username, action: .report, objectType: "reports", objectID: String(reportID),
                                        details: ScanStore.json(["step": "subject_" + outcome, "candidates": String(pending.count)]))])
        }
    }
}
