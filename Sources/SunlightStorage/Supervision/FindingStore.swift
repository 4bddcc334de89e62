import Foundation
import SQLKit
import SunlightContract
import SunlightDomain

/// Where a finding stands in its review.
public enum FindingStatus: String, Sendable, CaseIterable {
    case open, assigned, confirmed, dismissed
}

/// A finding as stored, with its review.
public struct StoredFinding: Sendable {
    public let id: Int64
    public let rule: String
    public let subject: String
    public let severity: String
    public let unitCode: String?
    public let period: String?
    public let summaryZh: String
    public let summaryEn: String
    public let evidenceJSON: String
    public let status: FindingStatus
    public let assignee: String?
    public let reviewReason: String?
    public let isCurrent: Bool
    public let firstScanID: Int64
    public let lastScanID: Int64
    public let createdAt: String
    public let updatedAt: String
}

/// One event in a finding's life: flagged, refreshed, cleared by a scan; assigned, confirmed,
/// dismissed, reopened by a person.
public struct FindingEvent: Sendable {
    public let at: String
    public let actor: String
    public let action: String
    public let detail: String?
}

/// Filters of the findings list.
public struct FindingQuery: Sendable {
    public enum Sort: String, Sendable, CaseIterable { case newest, oldest, rule, unit, severity }

    public var rule: String?
    public var unitCode: String?
    public var severity: String?
    public var status: FindingStatus?
    /// A year (`2025`) or month (`2025-03`): findings whose period starts with it.
    public var period: String?
    /// Include findings a later scan no longer flags.
    public var includeCleared: Bool
    public var sort: Sort
    public var page: Int
    public var perPage: Int

    public init(rule: String? = nil, unitCode: String? = nil, severity: String? = nil, status: FindingStatus? = nil,
                period: String? = nil, includeCleared: Bool = false, sort: Sort = .newest, page: Int = 1, perPage: Int = 50) {
        self.rule = rule
        self.unitCode = unitCode
        self.severity = severity
        self.status = status
        self.period = period
        self.includeCleared = includeCleared
        self.sort = sort
        self.page = page
        self.perPage = perPage
    }
}

/// Per-rule review statistics (效果可评): how many were flagged, confirmed, dismissed.
public struct RuleStatistics: Sendable {
    public let rule: String
    public let flagged: Int
    public let open: Int
    public let confirmed: Int
    public let dismissed: Int

    /// Confirmed among the reviewed (confirmed + dismissed); nil before any review.
    public var confirmedRate: Double? {
        confirmed + dismissed == 0 ? nil : Double(confirmed) / Double(confirmed + dismissed)
    }
}

/// A review step that the finding's state does not allow (confirming a dismissed finding…).
public struct ReviewError: BilingualError {
    public var code = "finding.review_refused"
    public let messageZh: String
    public let messageEn: String
    /// A step the finding's state does not allow (closed, not closed) is a conflict; a missing
    /// reason or an assignee who cannot take it is invalid input.
    public var kind: ErrorKind { code == "finding.closed" || code == "finding.not_closed" ? .conflict : .invalid }
}

/// Reads findings (unit-scoped) and records their review, each step in the ledger.
public struct FindingStore: Sendable {
    public let recorder: Recorder
    public var database: SunlightDatabase { recorder.database }

    public init(recorder: Recorder) { self.recorder = recorder }

    public func list(_ query: FindingQuery, reach: UnitReach) async throws -> (items: [StoredFinding], total: Int) {
        let paging = Paging(page: query.page, perPage: query.perPage)
        return try await database.withConnection { db in
            func filtered(_ select: SQLSelectBuilder) -> SQLSelectBuilder {
                var select = select
                if let condition = Self.scope(reach) { select = select.where(condition) }
                if let rule = query.rule, !rule.isEmpty { select = select.where("rule", .equal, rule) }
                if let unit = query.unitCode, !unit.isEmpty { select = select.where("unit_code", .equal, unit) }
                if let severity = query.severity, !severity.isEmpty { select = select.where("severity", .equal, severity) }
                if let status = query.status { select = select.where("status", .equal, status.rawValue) }
                if let period = query.period, !period.isEmpty { select = select.where("period", .like, period + "%") }
                if !query.includeCleared { select = select.where("is_current", .equal, SQLBind(true)) }
                return select
            }
            let total = try await filtered(db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("findings"))
                .first()?.decode(column: "n", as: Int.self) ?? 0
            var select = filtered(db.select().column(SQLLiteral.all).from("findings"))
            switch query.sort {
            case .newest: select = select.orderBy("id", .descending)
            case .oldest: select = select.orderBy("id", .ascending)
            case .rule: select = select.orderBy("rule").orderBy("subject")
            case .unit: select = select.orderBy("unit_code").orderBy("rule").orderBy("subject")
            case .severity:
                select = select.orderBy(SQLRaw("CASE severity WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END")).orderBy("id", .descending)
            }
            let rows = try await select.limit(paging.perPage).offset(paging.offset).all()
            return (try rows.map(Self.finding), total)
        }
    }

    /// The finding, if it exists and lies within `reach`.
    public func get(id: Int64, reach: UnitReach) async throws -> StoredFinding? {
        try await database.withConnection { db in
            var select = db.select().column(SQLLiteral.all).from("findings").where("id", .equal, id)
            if let condition = Self.scope(reach) { select = select.where(condition) }
            return try await select.first().map(Self.finding)
        }
    }

    public func events(of id: Int64) async throws -> [FindingEvent] {
        try await database.withConnection { db in
            try await db.select().columns("at", "actor", "action", "detail").from("finding_events").where("finding_id", .equal, id)
                .orderBy("id").all().map { row in
                    FindingEvent(at: try row.decode(column: "at", as: String.self), actor: try row.decode(column: "actor", as: String.self),
                                 action: try row.decode(column: "action", as: String.self),
                                 detail: try row.decode(column: "detail", as: String?.self))
                }
        }
    }

    /// Statistics per rule over current and cleared findings alike (a dismissed finding that a
    /// later scan no longer flags still counts as dismissed).
    public func statistics(reach: UnitReach) async throws -> [RuleStatistics] {
        try await database.withConnection { db in
            var select = db.select().column("rule").column("status").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                .from("findings")
            if let condition = Self.scope(reach) { select = select.where(condition) }
            var counts: [String: [String: Int]] = [:]
            for row in try await select.groupBy("rule").groupBy("status").all() {
                counts[try row.decode(column: "rule", as: String.self), default: [:]][try row.decode(column: "status", as: String.self)] =
                    try row.decode(column: "n", as: Int.self)
            }
            return counts.keys.sorted().map { rule in
                let c = counts[rule]!
                return RuleStatistics(rule: rule, flagged: c.values.reduce(0, +), open: (c["open"] ?? 0) + (c["assigned"] ?? 0),
                                      confirmed: c["confirmed"] ?? 0, dismissed: c["dismissed"] ?? 0)
            }
        }
    }

    public enum ReviewAction: String, Sendable, CaseIterable { case assign, confirm, dismiss, reopen }

    /// The accounts a finding may be assigned to (the picker's choices): active, in a role that
    /// reviews findings, and reaching the finding's unit. Sorted by user name.
    public func assignableUsers(findingID: Int64) async throws -> [String] {
        try await recorder.database.withConnection { db in try await Self.assignable(on: db, findingID: findingID) }
    }

    static func assignable(on db: any SQLDatabase, findingID: Int64) async throws -> [String] {
        let users = try await db.select().columns("id", "username", "role", "unit_code").from("users")
            .where("disabled", .equal, false).orderBy("username").all()
        var names: [String] = []
        for row in users {
            guard let role = Role(rawValue: try row.decode(column: "role", as: String.self)), AccessPolicy.reviewsFindings(role) else { continue }
            let reach = AccessPolicy.reach(of: role, unitCode: try row.decode(column: "unit_code", as: String?.self))
            var select = db.select().column("id").from("findings").where("id", .equal, findingID)
            if let condition = scope(reach) { select = select.where(condition) }
            if try await select.first() != nil { names.append(try row.decode(column: "username", as: String.self)) }
        }
        return names
    }

    /// Applies a review step. `assign` needs an assignee, `dismiss` a reason; `confirm` and
    /// `dismiss` close an open or assigned finding; `reopen` opens a closed one again.
    public func review(id: Int64, action: ReviewAction, assignee: String? = nil, reason: String? = nil,
                       by principal: Principal) async throws -> StoredFinding {
        let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines)
        let assignee = assignee?.trimmingCharacters(in: .whitespacesAndNewlines)
        return try await recorder.write(by: principal) { tx in
            var select = tx.sql.select().column(SQLLiteral.all).from("findings").where("id", .equal, id)
            if let condition = Self.scope(principal.reach) { select = select.where(condition) }
            guard let row = try await select.first() else { throw RecordNotFound(dataset: "findings", id: id) }
            let finding = try Self.finding(row)
            let closed = finding.status == .confirmed || finding.status == .dismissed
            var update = tx.sql.update("findings").set("updated_at", to: SQLBind(Timestamps.now()))
            let detail: String?
            switch action {
            case .assign:
                guard let assignee, !assignee.isEmpty else {
                    throw ReviewError(code: "finding.assignee_missing", messageZh: "请填写承办人。", messageEn: "Name the person to assign it to.")
                }
                guard !closed else { throw ReviewError(code: "finding.closed", messageZh: "已办结的线索需先重新打开。", messageEn: "Reopen a closed finding first.") }
                // Only an active account that reviews findings and can see this one (the
                // name was free text before, and findings went to people who did not exist).
                guard try await Self.assignable(on: tx.sql, findingID: id).contains(assignee) else {
                    throw ReviewError(code: "finding.assignee_invalid", messageZh: "“\(assignee)”不是可承办此线索的在用账号（须能审核线索，且所辖单位包含该线索）。",
                                      messageEn: "\"\(assignee)\" is not an active account that may handle this finding (it must review findings and reach its unit).")
                }
                update = update.set("status", to: SQLBind(FindingStatus.assigned.rawValue)).set("assignee", to: SQLBind(assignee))
                detail = assignee
            case .confirm, .dismiss:
                guard !closed else { throw ReviewError(code: "finding.closed", messageZh: "该线索已办结。", messageEn: "This finding is already closed.") }
                if action == .dismiss, reason?.isEmpty ?? true {
                    throw ReviewError(code: "finding.reason_missing", messageZh: "排除线索必须说明理由。", messageEn: "Dismissing a finding needs a reason.")
                }
                let status: FindingStatus = action == .confirm ? .confirmed : .dismissed
                update = update.set("status", to: SQLBind(status.rawValue)).set("review_reason", to: SQLBind(reason))
                detail = reason
            case .reopen:
                guard closed else { throw ReviewError(code: "finding.not_closed", messageZh: "该线索尚未办结。", messageEn: "This finding is not closed.") }
                update = update.set("status", to: SQLBind(FindingStatus.open.rawValue)).set("review_reason", to: SQLBind(reason))
                detail = reason
            }
            try await update.where("id", .equal, id).run()
            let now = Timestamps.now()
            try await tx.sql.insert(into: "finding_events").columns("finding_id", "at", "actor", "action", "detail")
                .values(SQLBind(id), SQLBind(now), SQLBind(principal.username), SQLBind(action.rawValue), SQLBind(detail)).run()
            // The ledger gets the step, not the reason's text (it may name people).
            try await tx.record([Change(at: now, actor: principal.username, action: .review, objectType: "findings",
                                        objectID: String(id), objectKey: finding.rule + "|" + finding.subject,
                                        details: ScanStore.json(["step": action.rawValue, "from": finding.status.rawValue]))])
            var refreshed = tx.sql.select().column(SQLLiteral.all).from("findings").where("id", .equal, id)
            refreshed = refreshed.limit(1)
            return try Self.finding(try await refreshed.first()!)
        }
    }

    /// Findings are placed at a unit; a unit officer sees those of their subtree.
    static func scope(_ reach: UnitReach) -> (any SQLExpression)? {
        switch reach {
        case .everywhere: return nil
        case .nowhere: return SQLRaw("1 = 0")
        case .subtree(let root): return SQLQueryString("unit_code IN \(ScopeFilter.subtree(root))")
        }
    }

    static func finding(_ row: any SQLRow) throws -> StoredFinding {
        StoredFinding(
            id: try row.decode(column: "id", as: Int64.self), rule: try row.decode(column: "rule", as: String.self),
            subject: try row.decode(column: "subject", as: String.self), severity: try row.decode(column: "severity", as: String.self),
            unitCode: try row.decode(column: "unit_code", as: String?.self), period: try row.decode(column: "period", as: String?.self),
            summaryZh: try row.decode(column: "summary_zh", as: String.self), summaryEn: try row.decode(column: "summary_en", as: String.self),
            evidenceJSON: try row.decode(column: "evidence", as: String.self),
            status: FindingStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .open,
            assignee: try row.decode(column: "assignee", as: String?.self),
            reviewReason: try row.decode(column: "review_reason", as: String?.self),
            isCurrent: try row.decode(column: "is_current", as: Bool.self),
            firstScanID: try row.decode(column: "first_scan_id", as: Int64.self),
            lastScanID: try row.decode(column: "last_scan_id", as: Int64.self),
            createdAt: try row.decode(column: "created_at", as: String.self),
            updatedAt: try row.decode(column: "updated_at", as: String.self))
    }
}
