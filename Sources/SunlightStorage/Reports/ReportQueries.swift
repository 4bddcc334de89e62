import Foundation
import SQLKit
import SunlightRegime
import SunlightReports

/// Filters of the inspectors' report list.
public struct ReportQuery: Sendable {
    public var channel: ReportChannel?
    public var type: ReportType?
    /// Only reports not yet taken into a clue.
    public var unlinkedOnly: Bool
    /// The reported person's full name or unit, matched exactly (after folding spaces and
    /// full-width forms) through the subject index, or a registry unit's code or part of its
    /// name. Subjects are sealed, so nothing matches on fragments of a person's name.
    public var q: String?
    /// Leaves out reports about the person with this keyed ID (`ReportStore.ownSubjectKey(of:)`).
    public var excludingSubject: String?
    public var page: Int
    public var perPage: Int

    public init(channel: ReportChannel? = nil, type: ReportType? = nil, unlinkedOnly: Bool = false, q: String? = nil,
                page: Int = 1, perPage: Int = 50) {
        self.channel = channel
        self.type = type
        self.unlinkedOnly = unlinkedOnly
        self.q = q
        self.page = page
        self.perPage = perPage
    }
}

/// A report that may be the same matter as another (信访工作条例 Art. 19), with why.
public struct SimilarReport: Sendable {
    public let summary: ReportSummary
    public let sameSubject: Bool
    public let textSimilarity: Double
}

extension ReportStore {
    public func list(_ query: ReportQuery) async throws -> (reports: [ReportSummary], total: Int) {
        let paging = Paging(page: query.page, perPage: query.perPage)
        let (rows, total) = try await recorder.database.withConnection { db in
            func filtered(_ select: SQLSelectBuilder) -> SQLSelectBuilder {
                var select = select
                if let channel = query.channel { select = select.where("channel", .equal, channel.rawValue) }
                if let type = query.type { select = select.where("report_type", .equal, type.rawValue) }
                if query.unlinkedOnly { select = select.where(SQLIdentifier("clue_id"), .is, SQLLiteral.null) }
                if let own = query.excludingSubject { select = select.where(Self.notAbout(own)) }
                if let q = query.q?.trimmingCharacters(in: .whitespaces), !q.isEmpty {
                    let index = self.vault.subjects
                    let pattern = LikePattern.contains(q)
                    let units: SQLQueryString = "reports.subject_unit_code IN (SELECT unit_code FROM units WHERE \(LikePattern.matches("name", pattern)) OR unit_code = \(bind: q))"
                    select = select.where { group in
                        var group = group.where(units)
                        if let key = index.text(q) { group = group.orWhere("subject_name_key", .equal, key).orWhere("subject_unit_key", .equal, key) }
                        return group
                    }
                }
                return select
            }
            let total = try await filtered(db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("reports"))
                .first()?.decode(column: "n", as: Int.self) ?? 0
            let rows = try await filtered(db.select().columns(Self.summaryColumns).from("reports"))
                .orderBy("id", .descending).limit(paging.perPage).offset(paging.offset).all()
            return (rows, total)
        }
        return (try await summaries(rows), total)
    }

    /// A report opened for an inspector: its words, messages and files — not the reporter's identity.
    public func detail(_ id: Int64) async throws -> ReportDetail {
        let key = try await openKey(reportID: id)
        return try await recorder.database.withConnection { db in
            guard let row = try await db.select().column(SQLLiteral.all).from("reports").where("id", .equal, id).first() else {
                throw RecordNotFound(dataset: "reports", id: id)
            }
            let ctx = "report:\(id):"
            let subject = try Self.subject(row, reportID: id, key: key)
            return ReportDetail(
                id: id, reference: try row.decode(column: "reference", as: String.self),
                channel: ReportChannel(rawValue: try row.decode(column: "channel", as: String.self)) ?? .other,
                type: ReportType(rawValue: try row.decode(column: "report_type", as: String.self)) ?? .accusation,
                anonymous: try row.decode(column: "anonymous", as: Bool.self),
                receivedAt: try row.decode(column: "received_at", as: String.self),
                receivedOn: try row.decode(column: "received_on", as: String.self),
                subjectName: subject.name, subjectUnit: subject.unit, subjectPost: subject.post,
                text: try key.openText(try row.decode(column: "sealed_text", as: String.self), context: ctx + "text"),
                when: try key.openText(try row.decode(column: "sealed_when", as: String.self), context: ctx + "when"),
                hasReceipt: try row.decode(column: "receipt_hash", as: String?.self) != nil,
                clueID: try row.decode(column: "clue_id", as: Int64?.self),
                findingID: try row.decode(column: "finding_id", as: Int64?.self),
                repeatOf: try row.decode(column: "repeat_of", as: Int64?.self),
                enteredBy: try row.decode(column: "entered_by", as: String.self),
                reporterStatus: ReporterStatus(rawValue: try row.decode(column: "reporter_status", as: String.self)) ?? .received,
                messages: try await Self.messages(reportID: id, key: key, on: db),
                files: try await Self.files(reportID: id, key: key, on: db))
        }
    }

    /// Earlier reports about the same person or in similar words, best first. Candidates are
    /// reports whose subject has the same keyed name or unit, or the latest 200; their texts and
    /// subjects are opened in memory only.
    public func similar(to id: Int64, threshold: Double = 0.3) async throws -> [SimilarReport] {
        let report = try await detail(id)
        let index = vault.subjects
        let rows = try await recorder.database.withConnection { db in
            try await db.select().columns(Self.summaryColumns).from("reports").where("id", .notEqual, id)
                .where { group in
                    var group = group.where("id", .greaterThan, id - 200)
                    if let name = index.text(report.subjectName) { group = group.orWhere("subject_name_key", .equal, name) }
                    if let unit = index.text(report.subjectUnit) { group = group.orWhere("subject_unit_key", .equal, unit) }
                    return group
                }
                .orderBy("id", .descending).limit(500).all()
        }
        var result: [SimilarReport] = []
        for candidate in try await summaries(rows) {
            guard let other = try? await detail(candidate.id) else { continue }
            let sameSubject = Self.sameSubject(report, other)
            let similarity = TextSimilarity.similarity(report.text, other.text)
            if sameSubject || similarity >= threshold {
                result.append(SimilarReport(summary: candidate, sameSubject: sameSubject, textSimilarity: similarity))
            }
        }
        return result.sorted { ($0.sameSubject ? 1 : 0, $0.textSimilarity) > ($1.sameSubject ? 1 : 0, $1.textSimilarity) }
    }

    /// Same person: the same name (folded), and the same unit when both name one.
    static func sameSubject(_ a: ReportDetail, _ b: ReportDetail) -> Bool {
        let name = SubjectResolution.key(a.subjectName)
        guard !name.isEmpty, name == SubjectResolution.key(b.subjectName) else { return false }
        let (unitA, unitB) = (SubjectResolution.key(a.subjectUnit), SubjectResolution.key(b.subjectUnit))
        return unitA.isEmpty || unitB.isEmpty || unitA == unitB
    }

    static let summaryColumns = ["id", "reference", "channel", "report_type", "anonymous", "received_on", "clue_id", "reporter_status"]

    /// Summaries of list rows, their subjects opened in one batch (`subjects(of:)`).
    func summaries(_ rows: [any SQLRow]) async throws -> [ReportSummary] {
        let ids = try rows.map { try $0.decode(column: "id", as: Int64.self) }
        let subjects = try await subjects(of: ids)
        return try zip(rows, ids).map { row, id in
            let subject = subjects[id] ?? .unreadable
            return ReportSummary(id: id, reference: try row.decode(column: "reference", as: String.self),
                                 channel: ReportChannel(rawValue: try row.decode(column: "channel", as: String.self)) ?? .other,
                                 type: ReportType(rawValue: try row.decode(column: "report_type", as: String.self)) ?? .accusation,
                                 anonymous: try row.decode(column: "anonymous", as: Bool.self),
                                 receivedOn: try row.decode(column: "received_on", as: String.self),
                                 subjectName: subject.name, subjectUnit: subject.unit,
                                 clueID: try row.decode(column: "clue_id", as: Int64?.self),
                                 reporterStatus: ReporterStatus(rawValue: try row.decode(column: "reporter_status", as: String.self)) ?? .received)
        }
    }
}

extension ReportStore {
    /// Whether the report is about the asking user (their account's ID number is the report's
    /// subject's, or a candidate's not yet cleared): such a user is answered as if the report
    /// did not exist.
    public func isAbout(_ reportID: Int64, principal: Principal) async throws -> Bool {
        try await recorder.database.withConnection { db in
            guard let own = try await ownKey(principal, on: db) else { return false }
            return try await Self.isAbout(reportID, own: own, on: db)
        }
    }

    /// The keyed hash of the asking user's own ID number, to leave reports about them out of lists.
    public func ownSubjectKey(of principal: Principal) async throws -> String? {
        try await recorder.database.withConnection { db in try await ownKey(principal, on: db) }
    }
}
