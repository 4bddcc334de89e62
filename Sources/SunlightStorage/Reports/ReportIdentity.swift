import Foundation
import SQLKit
import SunlightReports

/// A request to see who made a report.
public struct IdentityRequest: Sendable {
    public let id: Int64
    public let reportID: Int64
    public let requestedBy: String
    public let requestedAt: String
    public let reason: String
    public let decidedBy: String?
    public let approved: Bool?
}

/// The reporter's identity, opened.
public struct ReporterIdentity: Sendable, Equatable {
    public let name: String
    public let idNumber: String
    public let phone: String
    public let contact: String

    public init(name: String, idNumber: String, phone: String, contact: String) {
        self.name = name
        self.idNumber = idNumber
        self.phone = phone
        self.contact = contact
    }
}

/// Seeing a reporter's identity takes two people: one asks, with a reason; another approves.
/// Only then may the asker open it, and every opening is in the ledger. This protects the
/// reporter from a single curious or compromised handler (监察法 and the 检举控告 rules
/// require reporters' information to be kept strictly confidential).
extension ReportStore {
    public func requestIdentity(reportID: Int64, reason: String, by principal: Principal) async throws -> Int64 {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else {
            throw ReportError(code: "identity.reason_missing", messageZh: "申请查看举报人身份必须说明理由",
                              messageEn: "asking to see a reporter's identity needs a reason")
        }
        return try await recorder.write(by: principal) { tx in
            guard try await tx.sql.select().column("id").from("reports").where("id", .equal, reportID).first() != nil else {
                throw RecordNotFound(dataset: "reports", id: reportID)
            }
            let now = Timestamps.now()
            let row = try await tx.sql.insert(into: "identity_requests").columns("report_id", "requested_by", "requested_at", "reason")
                .values(SQLBind(reportID), SQLBind(principal.username), SQLBind(now), SQLBind(reason)).returning("id").first()
            let id = try row!.decode(column: "id", as: Int64.self)
            try await tx.record([Change(at: now, actor: principal.username, action: .identity, objectType: "reports", objectID: String(reportID),
                                        details: ScanStore.json(["step": "requested", "request": String(id)]))])
            return id
        }
    }

    /// Decides request `requestID` of report `reportID` (the report the page or URL names).
    ///
    /// The request is loaded and must belong to that report, and the report passes the same
    /// recusal as reading it: posting the decision under another report's URL once let the
    /// person reported approve the unmasking of their own reporter.
    public func decideIdentity(requestID: Int64, ofReport reportID: Int64, approve: Bool, by principal: Principal) async throws {
        if try await isAbout(reportID, principal: principal) { throw RecordNotFound(dataset: "reports", id: reportID) }
        try await recorder.write(by: principal) { tx in
            guard let row = try await tx.sql.select().columns("report_id", "requested_by", "decided_by").from("identity_requests")
                .where("id", .equal, requestID).where("report_id", .equal, reportID).first()
            else { throw RecordNotFound(dataset: "identity_requests", id: requestID) }
            guard try row.decode(column: "decided_by", as: String?.self) == nil else {
                throw ReportError(code: "identity.decided", messageZh: "该申请已处理", messageEn: "this request was already decided")
            }
            guard try row.decode(column: "requested_by", as: String.self) != principal.username else {
                throw ReportError(code: "identity.same_person", messageZh: "申请人不能自己批准", messageEn: "the requester cannot approve their own request")
            }
            let now = Timestamps.now()
            try await tx.sql.update("identity_requests").set("decided_by", to: SQLBind(principal.username))
                .set("decided_at", to: SQLBind(now)).set("approved", to: SQLBind(approve)).where("id", .equal, requestID).run()
            try await tx.record([Change(at: now, actor: principal.username, action: .identity, objectType: "reports",
                                        objectID: String(try row.decode(column: "report_id", as: Int64.self)),
                                        details: ScanStore.json(["step": approve ? "approved" : "refused", "request": String(requestID)]))])
        }
    }

    public func identityRequests(reportID: Int64) async throws -> [IdentityRequest] {
        try await recorder.database.withConnection { db in
            try await db.select().column(SQLLiteral.all).from("identity_requests").where("report_id", .equal, reportID).orderBy("id").all()
                .map { row in
                    IdentityRequest(id: try row.decode(column: "id", as: Int64.self), reportID: reportID,
                                    requestedBy: try row.decode(column: "requested_by", as: String.self),
                                    requestedAt: try row.decode(column: "requested_at", as: String.self),
                                    reason: try row.decode(column: "reason", as: String.self),
                                    decidedBy: try row.decode(column: "decided_by", as: String?.self),
                                    approved: try row.decode(column: "approved", as: Bool?.self))
                }
        }
    }

    /// The identity, for the requester of an approved request only; each opening is recorded.
    public func revealIdentity(reportID: Int64, by principal: Principal) async throws -> ReporterIdentity? {
        let approved = try await identityRequests(reportID: reportID)
            .contains { $0.requestedBy == principal.username && $0.approved == true }
        guard approved else {
            throw ReportError(code: "identity.not_approved", messageZh: "查看举报人身份需经另一人批准",
                              messageEn: "seeing the reporter's identity needs another person's approval")
        }
        let key = try await openKey(reportID: reportID)
        return try await recorder.write(by: principal) { tx in
            guard let row = try await tx.sql.select().columns("sealed_identity", "sealed_contact").from("reports")
                .where("id", .equal, reportID).first() else { throw RecordNotFound(dataset: "reports", id: reportID) }
            try await tx.record([Change(at: Timestamps.now(), actor: principal.username, action: .identity, objectType: "reports",
                                        objectID: String(reportID), details: ScanStore.json(["step": "viewed"]))])
            let ctx = "report:\(reportID):"
            let contact = try row.decode(column: "sealed_contact", as: String?.self).map { try key.openText($0, context: ctx + "contact") } ?? ""
            guard let sealed = try row.decode(column: "sealed_identity", as: String?.self) else {
                return contact.isEmpty ? nil : ReporterIdentity(name: "", idNumber: "", phone: "", contact: contact)
            }
            let object = (try? JSONSerialization.jsonObject(with: try key.open(sealed, context: ctx + "identity"))) as? [String: String] ?? [:]
            return ReporterIdentity(name: object["name"] ?? "", idNumber: object["id_number"] ?? "", phone: object["phone"] ?? "",
                                    contact: contact)
        }
    }
}

extension ReportStore {
    /// The reporter's ID number for the recusal check, opened in memory and never shown or
    /// returned to a page (no approval needed: it answers only "must this handler step aside?").
    func identityForRecusal(reportID: Int64) async throws -> String? {
        let key = try await openKey(reportID: reportID)
        let sealed: String? = try await recorder.database.withConnection { db in
            try await db.select().column("sealed_identity").from("reports").where("id", .equal, reportID).first()?
                .decode(column: "sealed_identity", as: String?.self)
        }
        guard let sealed else { return nil }
        let object = (try? JSONSerialization.jsonObject(with: try key.open(sealed, context: "report:\(reportID):identity"))) as? [String: String]
        return object?["id_number"]
    }
}
