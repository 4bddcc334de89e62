import Foundation
import SQLKit
import SunlightContract
import SunlightRegime
import SunlightReports

/// A person of the registry a report may be about, as the reviewing inspector sees it.
public struct SubjectCandidate: Sendable, Equatable {
    /// The registry row (0 for a stored candidate the registry no longer matches).
    public let personID: Int64
    public let name: String
    public let unitName: String
    public let post: String
    public let basis: SubjectResolution.Basis
    public let clearedBy: String?
}

/// Recusal by the registry: the people a report may be about (`SubjectResolution`), kept per
/// report as keyed hashes of their ID numbers (`subject_candidates.person_key`), and the one
/// check every read and write of a report or clue goes through.
///
/// Nothing here stores who a report is about in the clear: the subject is sealed under the
/// report's key (`ReportSubject`), and the candidates table holds keyed hashes, so the database
/// alone tells neither who was reported nor who might have been.
extension ReportStore {
    /// The registry's people a subject may be, with their ID numbers (`SubjectResolution`).
    static func registryCandidates(of subject: ReportSubject, on db: any SQLDatabase)
        async throws -> [(candidate: SubjectResolution.Candidate, person: SubjectResolution.Person, idNumber: String)] {
        guard let lookup = SubjectResolution.lookup(subjectName: subject.name) else { return [] }
        var select = db.select().column(SQLColumn("id", table: "p")).column(SQLColumn("name", table: "p"))
            .column(SQLColumn("post", table: "p")).column(SQLColumn("id_number", table: "p"))
            .column(SQLAlias(SQLColumn("name", table: "u"), as: SQLIdentifier("unit_name")))
            .from(SQLAlias(SQLIdentifier("people"), as: SQLIdentifier("p")))
            .join(SQLAlias(SQLIdentifier("units"), as: SQLIdentifier("u")), method: SQLJoinMethod.left,
                  on: SQLColumn("unit_code", table: "u"), .equal, SQLColumn("unit_code", table: "p"))
        switch lookup {
        case .name(let wanted): select = select.where(SQLColumn("name", table: "p"), .equal, SQLBind(wanted))
        case .surname(let surname):
            select = select.where(LikePattern.matches("p.name", LikePattern.prefix(surname)))
        }
        var idNumbers: [Int64: String] = [:]
        var byID: [Int64: SubjectResolution.Person] = [:]
        let people = try await select.limit(200).all().map { row in
            let person = SubjectResolution.Person(id: try row.decode(column: "id", as: Int64.self), name: try row.decode(column: "name", as: String.self),
                                                  unitName: try row.decode(column: "unit_name", as: String?.self) ?? "",
                                                  post: try row.decode(column: "post", as: String?.self) ?? "")
            idNumbers[person.id] = try row.decode(column: "id_number", as: String.self)
            byID[person.id] = person
            return person
        }
        return SubjectResolution.candidates(subjectName: subject.name, subjectUnit: subject.unit, subjectPost: subject.post, among: people)
            .compactMap { candidate in
                guard let person = byID[candidate.personID], let id = idNumbers[candidate.personID] else { return nil }
                return (candidate, person, id)
            }
    }

    /// Finds the registry's candidates for a new report's subject and records their keyed hashes
    /// (inside the submission's transaction). Returns how many were found.
    @discardableResult
    static func resolveSubject(reportID: Int64, subject: ReportSubject, index: SubjectIndex, on db: any SQLDatabase) async throws -> Int {
        guard subject.idNumber == nil else { return 0 }
        let candidates = try await registryCandidates(of: subject, on: db)
        var seen: Set<String> = []
        for found in candidates {
            guard let key = index.idNumber(found.idNumber), seen.insert(key).inserted else { continue }
            try await db.insert(into: "subject_candidates").columns("report_id", "person_key", "basis")
                .values(SQLBind(reportID), SQLBind(key), SQLBind(found.candidate.basis.rawValue)).run()
        }
        if !seen.isEmpty {
            try await db.update("reports").set("subject_review", to: SQLBind("pending")).where("id", .equal, reportID).run()
        }
        return seen.count
    }

    /// The registry unit a subject's unit names (by code or exact name), or the unit of the
    /// person the ID number names: kept in the clear for scoping and statistics.
    static func resolveUnitCode(of subject: ReportSubject, on db: any SQLDatabase) async throws -> String? {
        if let id = subject.idNumber,
           let code = try await db.select().column("unit_code").from("people").where("id_number", .equal, id).first()?
            .decode(column: "unit_code", as: String?.self), !code.isEmpty {
            return code
        }
        let unit = subject.unit.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !unit.isEmpty else { return nil }
        let rows = try await db.select().column("unit_code").from("units")
            .where { $0.where("unit_code", .equal, unit).orWhere("name", .equal, unit) }.limit(2).all()
        guard rows.count == 1 else { return nil }
        return try rows[0].decode(column: "unit_code", as: String.self)
    }

    /// A condition on `reports` rows: the report is not about the person whose ID number has the
    /// keyed hash `own` — neither bound to them nor naming them as a candidate not yet cleared.
    static func notAbout(_ own: String) -> SQLQueryString {
        """
        ((reports.subject_id_key IS NULL OR reports.subject_id_key <> \(bind: own)) AND NOT EXISTS (\
        SELECT 1 FROM subject_candidates c \
        WHERE c.report_id = reports.id AND c.cleared_at IS NULL AND c.person_key = \(bind: own)))
        """
    }

    /// Whether report `reportID` is, or may be, about the person whose keyed ID is `own`.
    static func isAbout(_ reportID: Int64, own: String, on db: any SQLDatabase) async throws -> Bool {
        let about: SQLQueryString = "NOT \(Self.notAbout(own))"
        return try await db.select().column("id").from("reports").where("id", .equal, reportID).where(about).first() != nil
    }

    /// The keyed hash of the asking user's own ID number (nil: the account names no person).
    func ownKey(_ principal: Principal, on db: any SQLDatabase) async throws -> String? {
        guard let userID = principal.userID else { return nil }
        let id = try await db.select().column("id_number").from("users").where("id", .equal, userID).first()?
            .decode(column: "id_number", as: String?.self)
        return vault.subjects.idNumber(id)
    }

    /// The candidates of a report, for the reviewer: the registry's matches for the report's
    /// (opened) subject, with what was stored for them; stored candidates the registry no longer
    /// matches are listed without a name.
    public func subjectCandidates(reportID: Int64) async throws -> [SubjectCandidate] {
        let subject = try await self.subject(reportID: reportID)
        let index = vault.subjects
        return try await recorder.database.withConnection { db in
            var stored: [String: (basis: String, clearedBy: String?)] = [:]
            var order: [String] = []
            for row in try await db.select().columns("person_key", "basis", "cleared_by").from("subject_candidates")
                .where("report_id", .equal, reportID).orderBy("id").all() {
                let key = try row.decode(column: "person_key", as: String.self)
                stored[key] = (try row.decode(column: "basis", as: String.self), try row.decode(column: "cleared_by", as: String?.self))
                order.append(key)
            }
            guard !stored.isEmpty else { return [] }
            var byKey: [String: SubjectCandidate] = [:]
            for found in try await Self.registryCandidates(of: subject, on: db) {
                guard let key = index.idNumber(found.idNumber), let row = stored[key] else { continue }
                byKey[key] = SubjectCandidate(personID: found.person.id, name: found.person.name, unitName: found.person.unitName,
                                              post: found.person.post, basis: SubjectResolution.Basis(rawValue: row.basis) ?? .name,
                                              clearedBy: row.clearedBy)
            }
            return order.map { key in
                byKey[key] ?? SubjectCandidate(personID: 0, name: "", unitName: "", post: "",
                                               basis: SubjectResolution.Basis(rawValue: stored[key]!.basis) ?? .name,
                                               clearedBy: stored[key]!.clearedBy)
            }
        }
    }

    /// The review of a report's possible subjects: confirm one candidate (the report and its clue
    /// are then bound to that person, as an ID entered at intake would be) or clear them all.
    /// Only a handler who may read the report does it — never a candidate, who cannot see it.
    public func reviewSubject(reportID: Int64, confirm personID: Int64?, by principal: Principal) async throws {
        guard AccessPolicy.handlesReports(principal.role) else { throw RecordNotFound(dataset: "reports", id: reportID) }
        if try await isAbout(reportID, principal: principal) { throw RecordNotFound(dataset: "reports", id: reportID) }
        let key = try await openKey(reportID: reportID)
        let subject = try await self.subject(reportID: reportID, key: key)
        let index = vault.subjects
        try await recorder.write(by: principal) { tx in
            let pending = Set(try await tx.sql.select().column("person_key").from("subject_candidates")
                .where("report_id", .equal, reportID).where(SQLIdentifier("cleared_at"), .is, SQLLiteral.null).all()
                .map { try $0.decode(column: "person_key", as: String.self) })
            guard !pending.isEmpty else {
                throw ReportError(code: "subject.nothing_pending", messageZh: "该举报没有待确认的被反映人", messageEn: "this report has no possible subjects to review")
            }
            let now = Timestamps.now()
            if let personID {
                guard let idNumber = try await tx.sql.select().column("id_number").from("people").where("id", .equal, personID).first()?
                        .decode(column: "id_number", as: String.self),
                      let personKey = index.idNumber(idNumber), pending.contains(personKey) else {
                    throw ReportError(code: "subject.not_candidate", messageZh: "所选人员不是该举报的候选被反映人",
                                      messageEn: "the person chosen is not a possible subject of this report")
                }
                var identified = subject
                identified.idNumber = idNumber
                try await tx.sql.update("reports").set("subject_id_key", to: SQLBind(personKey))
                    .set("sealed_subject", to: SQLBind(try identified.sealed(with: key, reportID: reportID)))
                    .set("subject_unit_code", to: SQLBind(try await Self.resolveUnitCode(of: identified, on: tx.sql)))
                    .where("id", .equal, reportID).run()
                if let clue = try await tx.sql.select().column("clue_id").from("reports").where("id", .equal, reportID).first()?
                    .decode(column: "clue_id", as: Int64?.self) {
                    // The clue takes this report's (now identified) subject, unless it has one.
                    try await tx.sql.update("clues").set("subject_id_key", to: SQLBind(personKey))
                        .set("subject_report_id", to: SQLBind(reportID)).where("id", .equal, clue)
                        .where(SQLIdentifier("subject_id_key"), .is, SQLLiteral.null).run()
                }
            }
            try await tx.sql.update("subject_candidates").set("cleared_by", to: SQLBind(principal.username))
                .set("cleared_at", to: SQLBind(now)).where("report_id", .equal, reportID)
                .where(SQLIdentifier("cleared_at"), .is, SQLLiteral.null).run()
            let outcome = personID == nil ? "cleared" : "confirmed"
            try await tx.sql.update("reports").set("subject_review", to: SQLBind(outcome)).where("id", .equal, reportID).run()
            try await tx.record([Change(at: now, actor: principal.username, action: .report, objectType: "reports", objectID: String(reportID),
                                        details: ScanStore.json(["step": "subject_" + outcome, "candidates": String(pending.count)]))])
        }
    }

    // MARK: Opening subjects

    /// A report's subject, opened with its key.
    func subject(reportID: Int64, key: ReportKey? = nil) async throws -> ReportSubject {
        var opened = key
        if opened == nil { opened = try await openKey(reportID: reportID) }
        let key = opened!
        let row = try await recorder.database.withConnection { db in
            try await db.select().columns(Self.subjectColumns).from("reports").where("id", .equal, reportID).first()
        }
        guard let row else { throw RecordNotFound(dataset: "reports", id: reportID) }
        return try Self.subject(row, reportID: reportID, key: key)
    }

    /// The subjects of many reports at once (lists), each opened with its report's key; a report
    /// this installation cannot open shows `ReportSubject.unreadable`.
    func subjects(of reportIDs: [Int64]) async throws -> [Int64: ReportSubject] {
        let ids = Array(Set(reportIDs))
        guard !ids.isEmpty else { return [:] }
        let vault = self.vault
        return try await recorder.database.withConnection { db in
            var envelopes: [Int64: [(office: String, envelope: String)]] = [:]
            var rows: [Int64: any SQLRow] = [:]
            for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
                for row in try await db.select().columns("report_id", "office_key", "envelope").from("report_envelopes")
                    .where("report_id", .in, chunk).all() {
                    envelopes[try row.decode(column: "report_id", as: Int64.self), default: []]
                        .append((try row.decode(column: "office_key", as: String.self), try row.decode(column: "envelope", as: String.self)))
                }
                for row in try await db.select().column("id").columns(Self.subjectColumns).from("reports").where("id", .in, chunk).all() {
                    rows[try row.decode(column: "id", as: Int64.self)] = row
                }
            }
            var result: [Int64: ReportSubject] = [:]
            for (id, row) in rows {
                guard let key = try? vault.openKey(envelopes: envelopes[id] ?? [], reportID: id) else {
                    result[id] = try Self.legacySubject(row) ?? .unreadable
                    continue
                }
                result[id] = (try? Self.subject(row, reportID: id, key: key)) ?? .unreadable
            }
            return result
        }
    }

    static let subjectColumns = ["sealed_subject", "subject_name", "subject_unit", "subject_post", "subject_id_number"]

    /// The sealed subject, or — for a row the start-up step could not yet seal — the legacy columns.
    static func subject(_ row: any SQLRow, reportID: Int64, key: ReportKey) throws -> ReportSubject {
        if let sealed = try row.decode(column: "sealed_subject", as: String?.self) {
            return try ReportSubject.open(sealed, with: key, reportID: reportID)
        }
        return try legacySubject(row) ?? ReportSubject(name: "", unit: "", post: "")
    }

    private static func legacySubject(_ row: any SQLRow) throws -> ReportSubject? {
        guard try row.decode(column: "sealed_subject", as: String?.self) == nil else { return nil }
        return ReportSubject(name: try row.decode(column: "subject_name", as: String.self),
                             unit: try row.decode(column: "subject_unit", as: String.self),
                             post: try row.decode(column: "subject_post", as: String.self),
                             idNumber: try row.decode(column: "subject_id_number", as: String?.self))
    }
}
