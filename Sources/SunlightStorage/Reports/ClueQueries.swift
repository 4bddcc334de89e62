import Foundation
import SQLKit
import SunlightContract
import SunlightRegime

/// Reading clues. Only inspectors (and, for deciding, leaders) see them, and never the person
/// a clue is about: an account whose ID number is the clue's subject's gets "not found", the
/// same answer as for a clue that does not exist (信访工作条例 Art. 30).
extension ClueStore {
    public func get(_ id: Int64, for principal: Principal) async throws -> StoredClue {
        guard AccessPolicy.handlesReports(principal.role) || AccessPolicy.approvesDispositions(principal.role) else {
            throw RecordNotFound(dataset: "clues", id: id)
        }
        let reports = self.reports
        let row = try await recorder.database.withConnection { db in
            // One query: the clue, unless it is or may be about the asking user's own person.
            var select = db.select().column(SQLLiteral.all).from("clues").where("id", .equal, id)
            if let own = try await reports.ownKey(principal, on: db) { select = select.where(Self.notAbout(own)) }
            return try await select.first()
        }
        guard let row else { throw RecordNotFound(dataset: "clues", id: id) }
        return try await clues([row])[0]
    }

    /// Clues, newest first; `state` and `handler` filter. Clues about the asking user are left out.
    public func list(state: ClueState? = nil, handler: String? = nil, limit: Int = 200, for principal: Principal) async throws -> [StoredClue] {
        guard AccessPolicy.handlesReports(principal.role) || AccessPolicy.approvesDispositions(principal.role) else { return [] }
        let reports = self.reports
        let rows = try await recorder.database.withConnection { db in
            var select = db.select().column(SQLLiteral.all).from("clues")
            if let state { select = select.where("state", .equal, state.rawValue) }
            if let handler { select = select.where("handler", .equal, handler) }
            if let own = try await reports.ownKey(principal, on: db) { select = select.where(Self.notAbout(own)) }
            return try await select.orderBy("id", .descending).limit(limit).all()
        }
        return try await clues(rows)
    }

    public func events(_ clueID: Int64) async throws -> [ClueEvent] {
        try await recorder.database.withConnection { db in
            try await db.select().column(SQLLiteral.all).from("clue_events").where("clue_id", .equal, clueID).orderBy("id").all().map { row in
                ClueEvent(at: try row.decode(column: "at", as: String.self), actor: try row.decode(column: "actor", as: String.self),
                          action: try row.decode(column: "action", as: String.self),
                          fromState: try row.decode(column: "from_state", as: String?.self),
                          toState: try row.decode(column: "to_state", as: String?.self), note: try row.decode(column: "note", as: String?.self))
            }
        }
    }

    public func outcomes(clueID: Int64? = nil, personIDNumber: String? = nil) async throws -> [StoredOutcome] {
        try await recorder.database.withConnection { db in
            var select = db.select().column(SQLLiteral.all).from("clue_outcomes")
            if let clueID { select = select.where("clue_id", .equal, clueID) }
            if let personIDNumber { select = select.where("person_id_number", .equal, personIDNumber) }
            return try await select.orderBy("id").all().map { row in
                StoredOutcome(id: try row.decode(column: "id", as: Int64.self), clueID: try row.decode(column: "clue_id", as: Int64.self),
                              personName: try row.decode(column: "person_name", as: String.self),
                              personIDNumber: try row.decode(column: "person_id_number", as: String?.self),
                              form: try row.decode(column: "form", as: Int.self), measure: try row.decode(column: "measure", as: String.self),
                              sanction: try row.decode(column: "sanction", as: String?.self),
                              sanctionMonths: try row.decode(column: "sanction_months", as: Int?.self),
                              effectiveOn: try row.decode(column: "effective_on", as: String.self),
                              influenceUntil: try row.decode(column: "influence_until", as: String?.self),
                              decidedBy: try row.decode(column: "decided_by", as: String.self), note: try row.decode(column: "note", as: String?.self))
            }
        }
    }

    /// The reports filed under a clue (ids), oldest first.
    public func reportIDs(of clueID: Int64) async throws -> [Int64] {
        try await recorder.database.withConnection { db in
            try await db.select().column("id").from("reports").where("clue_id", .equal, clueID).orderBy("id").all()
                .map { try $0.decode(column: "id", as: Int64.self) }
        }
    }

    /// A condition on `clues` rows: the clue is not about the person whose keyed ID is `own` —
    /// not bound to them, and none of its reports is or may be about them (`ReportStore.notAbout`).
    static func notAbout(_ own: String) -> SQLQueryString {
        """
        ((clues.subject_id_key IS NULL OR clues.subject_id_key <> \(bind: own)) AND NOT EXISTS (\
        SELECT 1 FROM reports WHERE reports.clue_id = clues.id AND NOT \(ReportStore.notAbout(own))))
        """
    }

    /// Clue rows with their subjects: each clue shows the subject of the report it was opened
    /// from (or whose subject was confirmed), opened with that report's key in one batch.
    func clues(_ rows: [any SQLRow]) async throws -> [StoredClue] {
        let sources = try rows.map { try $0.decode(column: "subject_report_id", as: Int64?.self) }
        let subjects = try await reports.subjects(of: sources.compactMap { $0 })
        return try zip(rows, sources).map { row, source in
            // A clue the start-up step has not moved yet still has its legacy columns.
            let subject = try source.flatMap { subjects[$0] } ?? ReportSubject(
                name: try row.decode(column: "subject_name", as: String.self), unit: try row.decode(column: "subject_unit", as: String.self),
                post: try row.decode(column: "subject_post", as: String.self),
                idNumber: try row.decode(column: "subject_id_number", as: String?.self))
            return try Self.clue(row, subject: subject)
        }
    }

    static func clue(_ row: any SQLRow, subject: ReportSubject) throws -> StoredClue {
        StoredClue(
            id: try row.decode(column: "id", as: Int64.self), reference: try row.decode(column: "reference", as: String.self),
            source: try row.decode(column: "source", as: String.self), reportType: try row.decode(column: "report_type", as: String.self),
            realName: try row.decode(column: "real_name", as: Bool.self), subjectName: subject.name,
            subjectUnit: subject.unit, subjectPost: subject.post, subjectIDNumber: subject.idNumber,
            unitCode: try row.decode(column: "unit_code", as: String?.self),
            receivedOn: try row.decode(column: "received_on", as: String.self),
            state: ClueState(rawValue: try row.decode(column: "state", as: String.self)),
            handler: try row.decode(column: "handler", as: String?.self), proposer: try row.decode(column: "proposer", as: String?.self),
            proposal: try row.decode(column: "proposal", as: String?.self), closureKind: try row.decode(column: "closure_kind", as: String?.self),
            findingID: try row.decode(column: "finding_id", as: Int64?.self), regimeVersion: try row.decode(column: "regime_version", as: String.self),
            createdBy: try row.decode(column: "created_by", as: String.self), updatedAt: try row.decode(column: "updated_at", as: String.self))
    }
}
