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
    /// Matches the reported person's name or unit (the content is sealed, so not searchable).
    public var q: String?
    /// Leaves out reports about the person with this ID number (the asking user).
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
        return try await recorder.database.withConnection { db in
            func filtered(_ select: SQLSelectBuilder) -> SQLSelectBuilder {
                var select = select
                if let channel = query.channel { select = select.where("channel", .equal, channel.rawValue) }
                if let type = query.type { select = select.where("report_type", .equal, type.rawValue) }
                if query.unlinkedOnly { select = select.where(SQLIdentifier("clue_id"), .is, SQLLiteral.null) }
                if let own = query.excludingSubject { select = select.where(Self.notAbout(own)) }
                if let q = query.q?.trimmingCharacters(in: .whitespaces), !q.isEmpty {
                    let pattern = LikePattern.contains(q)
                    select = select.where { $0.where(LikePattern.matches("subject_name", pattern)).orWhere(LikePattern.matches("subject_unit", pattern)) }
                }
                return select
            }
            let total = try await filtered(db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("reports"))
                .first()?.decode(column: "n", as: Int.self) ?? 0
            let rows = try await filtered(db.select().columns(Self.summaryColumns).from("reports"))
                .orderBy("id", .descending).limit(paging.perPage).offset(paging.offset).all()
            return (try rows.map(Self.summary), total)
        }
    }

    /// A report opened for an inspector: its words, messages and files — not the reporter's identity.
    public func detail(_ id: Int64) async throws -> ReportDetail {
        let key = try await openKey(reportID: id)
        return try await recorder.database.withConnection { db in
            guard let row = try await db.select().column(SQLLiteral.all).from("reports").where("id", .equal, id).first() else {
                throw RecordNotFound(dataset: "reports", id: id)
            }
            let ctx = "report:\(id):"
            return ReportDetail(
                id: id, reference: try row.decode(column: "reference", as: String.self),
                channel: ReportChannel(rawValue: try row.decode(column: "channel", as: String.self)) ?? .other,
                type: ReportType(rawValue: try row.decode(column: "report_type", as: String.self)) ?? .accusation,
                anonymous: try row.decode(column: "anonymous", as: Bool.self),
                receivedAt: try row.decode(column: "received_at", as: String.self),
                receivedOn: try row.decode(column: "received_on", as: String.self),
                subjectName: try row.decode(column: "subject_name", as: String.self),
                subjectUnit: try row.decode(column: "subject_unit", as: String.self),
                subjectPost: try row.decode(column: "subject_post", as: String.self),
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

    /// Earlier reports about the same person or in similar words, best first. Texts are opened
    /// in memory only, for reports with the same subject name or unit, or the latest 200.
    public func similar(to id: Int64, threshold: Double = 0.3) async throws -> [SimilarReport] {
        let report = try await detail(id)
        let candidates: [ReportSummary] = try await recorder.database.withConnection { db in
            let rows = try await db.select().columns(Self.summaryColumns).from("reports").where("id", .notEqual, id)
                .where { group in
                    var group = group.where("subject_name", .equal, report.subjectName)
                    if !report.subjectUnit.isEmpty { group = group.orWhere("subject_unit", .equal, report.subjectUnit) }
                    return group.orWhere("id", .greaterThan, id - 200)
                }
                .orderBy("id", .descending).limit(500).all()
            return try rows.map(Self.summary)
        }
        var result: [SimilarReport] = []
        for candidate in candidates {
            guard let other = try? await detail(candidate.id) else { continue }
            let sameSubject = !report.subjectName.isEmpty && other.subjectName == report.subjectName
                && (report.subjectUnit.isEmpty || other.subjectUnit.isEmpty || other.subjectUnit == report.subjectUnit)
            let similarity = TextSimilarity.similarity(report.text, other.text)
            if sameSubject || similarity >= threshold {
                result.append(SimilarReport(summary: candidate, sameSubject: sameSubject, textSimilarity: similarity))
            }
        }
        return result.sorted { ($0.sameSubject ? 1 : 0, $0.textSimilarity) > ($1.sameSubject ? 1 : 0, $1.textSimilarity) }
    }

    static let summaryColumns = ["id", "reference", "channel", "report_type", "anonymous", "received_on", "subject_name", "subject_unit",
                                 "clue_id", "reporter_status"]

    static func summary(_ row: any SQLRow) throws -> ReportSummary {
        ReportSummary(id: try row.decode(column: "id", as: Int64.self), reference: try row.decode(column: "reference", as: String.self),
                      channel: ReportChannel(rawValue: try row.decode(column: "channel", as: String.self)) ?? .other,
                      type: ReportType(rawValue: try row.decode(column: "report_type", as: String.self)) ?? .accusation,
                      anonymous: try row.decode(column: "anonymous", as: Bool.self),
                      receivedOn: try row.decode(column: "received_on", as: String.self),
                      subjectName: try row.decode(column: "subject_name", as: String.self),
                      subjectUnit: try row.decode(column: "subject_unit", as: String.self),
                      clueID: try row.decode(column: "clue_id", as: Int64?.self),
                      reporterStatus: ReporterStatus(rawValue: try row.decode(column: "reporter_status", as: String.self)) ?? .received)
    }
}

extension ReportStore {
    /// Whether the report is about the asking user (their account's ID number is the report's
    /// subject's): such a user is answered as if the report did not exist.
    public func isAbout(_ reportID: Int64, principal: Principal) async throws -> Bool {
        try await recorder.database.withConnection { db in
            guard let own = try await ClueStore.accountIDNumber(principal, on: db) else { return false }
            return try await Self.isAbout(reportID, own: own, on: db)
        }
    }

    /// The asking user's own ID number, to leave reports about them out of lists.
    public func accountIDNumber(of principal: Principal) async throws -> String? {
        try await recorder.database.withConnection { db in try await ClueStore.accountIDNumber(principal, on: db) }
    }
}

