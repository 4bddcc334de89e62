import Foundation
import SQLKit
import SunlightContract
import SunlightDomain
import SunlightRegime

/// Which workflow steps complete which deadlines. The deadline *rules* are the regime's data;
/// this is the glue saying when a running clock stops: a proposal stops the one-month
/// disposition clock, a final state stops the handling clocks, a held-clue review restarts its
/// own. Notices to reporters stop when a handler writes to them (or marks the notice sent).
enum DeadlineCompletion {
    static let byStep: [String: Set<String>] = [
        "assign": ["report.register_forwarded"],
        "propose": ["clue.disposition_proposal"],
        "review_held": ["clue.held_review"],
    ]
    /// Stopped by any final state of the clue.
    static let byClosure: Set<String> = ["clue.disposition_proposal", "report.assigned_case", "petition.claim_opinion",
                                         "petition.register_route", "report.register_forwarded", "clue.held_review"]
    /// Rules for situations a clue is not in by default (a misrouted petition, a report that
    /// belongs to a higher level, the petition office's own routing step): opened only when the
    /// situation arises, never on registration — else they would stand overdue on every clue.
    static let situational: Set<String> = ["petition.object_misrouted", "report.forward_upward", "petition.register_route"]
    /// Opened only for items forwarded from above.
    static let forwardedOnly: Set<String> = ["report.register_forwarded"]
    /// Stopped by a message to the reporter.
    static let byNotice: Set<String> = ["report.acceptance_notice", "report.result_notice", "petition.acknowledge"]
}

extension ClueStore {
    static func openDeadline(_ rule: DeadlineRule, clueID: Int64, start: LocalDate, engine: DeadlineEngine, regime: Regime,
                             handler: String? = nil, replace: Bool = false, on db: any SQLDatabase) async throws {
        let due = try engine.due(rule, from: start).date
        if replace {
            try await db.delete(from: "clue_deadlines").where("clue_id", .equal, clueID).where("rule_code", .equal, rule.code).run()
        } else if try await db.select().column("id").from("clue_deadlines").where("clue_id", .equal, clueID)
            .where("rule_code", .equal, rule.code).first() != nil {
            return
        }
        try await db.insert(into: "clue_deadlines").columns("clue_id", "rule_code", "starts_on", "due_on", "handler", "regime_version")
            .values(SQLBind(clueID), SQLBind(rule.code), SQLBind(start.iso), SQLBind(due?.iso), SQLBind(handler),
                    SQLBind(regime.deadlines.header.stamp)).run()
    }

    static func meetDeadlines(_ clueID: Int64, after step: String, terminal: Bool, on today: LocalDate, on db: any SQLDatabase) async throws {
        var codes = DeadlineCompletion.byStep[step] ?? []
        if terminal { codes.formUnion(DeadlineCompletion.byClosure) }
        guard !codes.isEmpty else { return }
        try await db.update("clue_deadlines").set("met_on", to: SQLBind(today.iso)).where("clue_id", .equal, clueID)
            .where("rule_code", .in, Array(codes)).where(SQLIdentifier("met_on"), .is, SQLLiteral.null).run()
    }

    /// A handler wrote to the reporter: the notice deadlines of the clue are met.
    public func noticeSent(clueID: Int64, on today: LocalDate = .today(), by principal: Principal) async throws {
        try requireHandler(principal)
        _ = try await get(clueID, for: principal)
        try await recorder.write(by: principal) { tx in
            try await tx.sql.update("clue_deadlines").set("met_on", to: SQLBind(today.iso)).where("clue_id", .equal, clueID)
                .where("rule_code", .in, Array(DeadlineCompletion.byNotice)).where(SQLIdentifier("met_on"), .is, SQLLiteral.null).run()
            try await Self.event(clueID, action: "notice_sent", from: nil, to: nil, note: nil, by: principal, on: tx)
        }
    }

    /// Extends a running deadline as its rule allows, approved by someone other than its handler.
    public func extend(deadline id: Int64, ofClue clueID: Int64, amount: Int?, reason: String, on today: LocalDate = .today(),
                       by principal: Principal) async throws {
        guard AccessPolicy.approvesDispositions(principal.role) else {
            throw ClueError(code: "deadline.forbidden", messageZh: "只有审批人可以批准延期", messageEn: "only an approver may extend a deadline")
        }
        var deadline = try await deadlineRow(id, ofClue: clueID, for: principal)
        if let handler = deadline.handler, Actor(username: principal.username, role: principal.role).isSamePerson(as: handler) {
            throw ClueError(code: "deadline.self_extension", messageZh: "承办人不能批准自己的延期", messageEn: "a handler cannot approve their own extension")
        }
        deadline.extensions.append(DeadlineExtension(amount: amount, approver: principal.username, reason: reason, approvedOn: today))
        let due = try await recompute(deadline, action: "extend", note: reason, by: principal)
        // A real-name reporter is told of the extension (信访工作条例 Art. 34: "告知信访人").
        let clue = try await recorder.database.withConnection { db in
            try await db.select().column("real_name").from("clues").where("id", .equal, clueID).first()?
                .decode(column: "real_name", as: Bool.self)
        }
        guard clue == true, let due else { return }
        for reportID in try await reportIDs(of: clueID) {
            let hasReceipt = try await recorder.database.withConnection { db in
                try await db.select().column("receipt_hash").from("reports").where("id", .equal, reportID).first()?
                    .decode(column: "receipt_hash", as: String?.self) != nil
            }
            guard hasReceipt else { continue }
            try await reports.reply(reportID: reportID, text: "经批准，办理期限延长至 \(due.iso)。\nThe time limit for handling your report was extended, with approval, to \(due.iso).",
                                    by: principal)
        }
    }

    /// Stops the clock for a while (hearing time and the like), where the rule allows it.
    public func pause(deadline id: Int64, ofClue clueID: Int64, from: LocalDate, through: LocalDate, reason: String,
                      by principal: Principal) async throws {
        try requireHandler(principal)
        var deadline = try await deadlineRow(id, ofClue: clueID, for: principal)
        deadline.pauses.append(ClockPause(from: from, through: through, reason: reason))
        try await recompute(deadline, action: "pause", note: reason, by: principal)
    }

    @discardableResult
    private func recompute(_ deadline: DeadlineRow, action: String, note: String, by principal: Principal) async throws -> LocalDate? {
        guard deadline.metOn == nil else {
            throw ClueError(code: "deadline.finished", messageZh: "该期限已办结", messageEn: "this deadline is already met")
        }
        guard let rule = regime.deadlineRule(deadline.ruleCode),
              let start = LocalDate(iso: deadline.startsOn) else {
            throw ClueError(code: "deadline.unknown_rule", messageZh: "未知的期限规则", messageEn: "unknown deadline rule")
        }
        let engine = DeadlineEngine(calendar: try await calendars.calendar())
        let result: DeadlineResult
        do {
            result = try engine.due(rule, from: start, extensions: deadline.extensions, pauses: deadline.pauses)
        } catch {
            throw ClueError(code: error.code, messageZh: error.messageZh, messageEn: error.messageEn)
        }
        let due = result.date
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let extensions = String(decoding: try encoder.encode(deadline.extensions), as: UTF8.self)
        let pauses = String(decoding: try encoder.encode(deadline.pauses), as: UTF8.self)
        try await recorder.write(by: principal) { tx in
            try await tx.sql.update("clue_deadlines").set("due_on", to: SQLBind(due?.iso)).set("extensions", to: SQLBind(extensions))
                .set("pauses", to: SQLBind(pauses)).where("id", .equal, deadline.id).run()
            try await Self.event(deadline.clueID, action: action, from: nil, to: nil, note: "\(deadline.ruleCode): \(note)", by: principal, on: tx)
        }
        return due
    }

    struct DeadlineRow {
        let id: Int64
        let clueID: Int64
        let ruleCode: String
        let startsOn: String
        let handler: String?
        let metOn: String?
        var extensions: [DeadlineExtension]
        var pauses: [ClockPause]
    }

    /// Deadline `id` of clue `clueID`, loaded only after the clue itself is, through the same
    /// scoped, recusal-checked lookup as reading it (`get(_:for:)`): an action on a deadline
    /// once looked it up by id alone, so the person a hidden clue is about could change it.
    func deadlineRow(_ id: Int64, ofClue clueID: Int64, for principal: Principal) async throws -> DeadlineRow {
        _ = try await get(clueID, for: principal)
        return try await recorder.database.withConnection { db in
            guard let row = try await db.select().column(SQLLiteral.all).from("clue_deadlines").where("id", .equal, id)
                .where("clue_id", .equal, clueID).first() else {
                throw RecordNotFound(dataset: "clue_deadlines", id: id)
            }
            let decoder = JSONDecoder()
            return DeadlineRow(
                id: id, clueID: try row.decode(column: "clue_id", as: Int64.self), ruleCode: try row.decode(column: "rule_code", as: String.self),
                startsOn: try row.decode(column: "starts_on", as: String.self), handler: try row.decode(column: "handler", as: String?.self),
                metOn: try row.decode(column: "met_on", as: String?.self),
                extensions: try decoder.decode([DeadlineExtension].self, from: Data(try row.decode(column: "extensions", as: String.self).utf8)),
                pauses: try decoder.decode([ClockPause].self, from: Data(try row.decode(column: "pauses", as: String.self).utf8)))
        }
    }

    /// Deadlines with their status on `today`: of one clue, or (clueID nil) every open one —
    /// the dashboard of items due soon and overdue, per handler.
    public func deadlines(clueID: Int64? = nil, openOnly: Bool = false, today: LocalDate = .today()) async throws -> [StoredDeadline] {
        let engine = DeadlineEngine(calendar: try await calendars.calendar())
        let soon = regime.deadlines.dueSoonWorkingDays
        return try await recorder.database.withConnection { db in
            var select = db.select()
                .columns(["id", "clue_id", "rule_code", "starts_on", "due_on", "extensions", "pauses", "met_on", "handler", "regime_version"]
                    .map { SQLColumn($0, table: "d") })
                .column(SQLColumn("reference", table: "c"))
                .from(SQLAlias(SQLIdentifier("clue_deadlines"), as: SQLIdentifier("d")))
                .join(SQLAlias(SQLIdentifier("clues"), as: SQLIdentifier("c")), on: SQLColumn("clue_id", table: "d"), .equal, SQLColumn("id", table: "c"))
            if let clueID { select = select.where(SQLColumn("clue_id", table: "d"), .equal, SQLBind(clueID)) }
            if openOnly { select = select.where(SQLColumn("met_on", table: "d"), .is, SQLLiteral.null) }
            let rows = try await select.orderBy(SQLColumn("due_on", table: "d")).orderBy(SQLColumn("id", table: "d")).all()
            let decoder = JSONDecoder()
            func provisional(start: String, due: String?) -> Bool {
                guard let start = LocalDate(iso: start), let due = due.flatMap(LocalDate.init(iso:)) else { return false }
                return engine.isProvisional(start: start, due: due)
            }
            return try rows.map { row in
                let due = try row.decode(column: "due_on", as: String?.self)
                let met = try row.decode(column: "met_on", as: String?.self)
                let status = due.flatMap(LocalDate.init(iso:)).map {
                    engine.status(due: $0, today: today, completed: met.flatMap(LocalDate.init(iso:)), dueSoonWithin: soon)
                }
                return StoredDeadline(
                    id: try row.decode(column: "id", as: Int64.self), clueID: try row.decode(column: "clue_id", as: Int64.self),
                    clueReference: try row.decode(column: "reference", as: String.self),
                    ruleCode: try row.decode(column: "rule_code", as: String.self), startsOn: try row.decode(column: "starts_on", as: String.self),
                    dueOn: due,
                    extensions: try decoder.decode([DeadlineExtension].self, from: Data(try row.decode(column: "extensions", as: String.self).utf8)),
                    pauses: try decoder.decode([ClockPause].self, from: Data(try row.decode(column: "pauses", as: String.self).utf8)),
                    metOn: met, handler: try row.decode(column: "handler", as: String?.self),
                    regimeVersion: try row.decode(column: "regime_version", as: String.self), status: status,
                    provisional: provisional(start: try row.decode(column: "starts_on", as: String.self), due: due))
            }
        }
    }
}


extension ClueStore {
    /// The two appeals of 监察法 (2024) Art. 56: 复审 to the deciding body, then 复核 to the
    /// body above. The sanction runs meanwhile; the request must come within its window after
    /// the decision, and the decision on it has its own deadline, which this opens.
    public enum AppealKind: String, Sendable, CaseIterable {
        case firstReview = "first_review", secondReview = "second_review"

        var requestRule: String { self == .firstReview ? "appeal.first_review_request" : "appeal.second_review_request" }
        var decisionRule: String { self == .firstReview ? "appeal.first_review_decision" : "appeal.second_review_decision" }
    }

    public func recordAppeal(clueID: Int64, kind: AppealKind, decisionReceivedOn: LocalDate, requestedOn: LocalDate,
                             by principal: Principal) async throws {
        try requireHandler(principal)
        let clue = try await get(clueID, for: principal)
        guard clue.state == .outcomeDecided else {
            throw ClueError(code: "appeal.no_decision", messageZh: "只有已作出处理决定的线索才能申请复审、复核",
                            messageEn: "only a decided clue can be appealed")
        }
        let engine = DeadlineEngine(calendar: try await calendars.calendar())
        guard let requestRule = regime.deadlines.rule(kind.requestRule), let decisionRule = regime.deadlines.rule(kind.decisionRule) else {
            throw ClueError(code: "deadline.unknown_rule", messageZh: "规则表中没有复审、复核期限", messageEn: "the regime has no appeal deadlines")
        }
        let window: DeadlineResult
        do { window = try engine.due(requestRule, from: decisionReceivedOn) } catch {
            throw ClueError(code: error.code, messageZh: error.messageZh, messageEn: error.messageEn)
        }
        if let last = window.date, requestedOn > last {
            throw ClueError(code: "appeal.late", messageZh: "申请已超过期限（应在 \(last.iso) 前提出）",
                            messageEn: "the request is late (it was due by \(last.iso))")
        }
        let regime = self.regime
        try await recorder.write(by: principal) { tx in
            try await Self.openDeadline(decisionRule, clueID: clueID, start: requestedOn, engine: engine, regime: regime,
                                        handler: clue.handler, replace: true, on: tx.sql)
            try await Self.event(clueID, action: "appeal_" + kind.rawValue, from: nil, to: nil, note: requestedOn.iso, by: principal, on: tx)
        }
    }

    /// Marks a running deadline met (a notice sent by letter, an appeal decided), with a note.
    public func markMet(deadline id: Int64, ofClue clueID: Int64, on day: LocalDate = .today(), note: String,
                        by principal: Principal) async throws {
        try requireHandler(principal)
        let deadline = try await deadlineRow(id, ofClue: clueID, for: principal)
        guard deadline.metOn == nil else {
            throw ClueError(code: "deadline.finished", messageZh: "该期限已办结", messageEn: "this deadline is already met")
        }
        try await recorder.write(by: principal) { tx in
            try await tx.sql.update("clue_deadlines").set("met_on", to: SQLBind(day.iso)).where("id", .equal, id).run()
            try await Self.event(deadline.clueID, action: "deadline_met", from: nil, to: nil, note: "\(deadline.ruleCode): \(note)",
                                 by: principal, on: tx)
        }
    }
}

extension ClueStore {
    /// Counts again, on the calendar now in force, every open deadline whose count touches
    /// `year` — after that year's State Council notice is entered (`sunlight calendar add`), so
    /// a due date counted on the provisional year becomes exact (regime.md: "is recomputed when
    /// the notice is entered"). Each changed due date is a clue event and in the ledger. Returns
    /// how many due dates changed.
    @discardableResult
    public static func recountOpenDeadlines(touching year: Int, recorder: Recorder, regime: Regime = .shipped,
                                            by principal: Principal) async throws -> Int {
        let engine = DeadlineEngine(calendar: try await CalendarStore(recorder: recorder).calendar())
        return try await recorder.write(by: principal) { tx in
            let rows = try await tx.sql.select().columns("id", "clue_id", "rule_code", "starts_on", "due_on", "extensions", "pauses")
                .from("clue_deadlines").where(SQLIdentifier("met_on"), .is, SQLLiteral.null).orderBy("id").all()
            let decoder = JSONDecoder()
            var changed = 0
            for row in rows {
                let code = try row.decode(column: "rule_code", as: String.self)
                let oldDue = try row.decode(column: "due_on", as: String?.self)
                guard let start = LocalDate(iso: try row.decode(column: "starts_on", as: String.self)), start.year <= year,
                      oldDue.flatMap(LocalDate.init(iso:)).map({ $0.year >= year }) ?? true,
                      let rule = regime.deadlineRule(code)
                else { continue }
                let extensions = try decoder.decode([DeadlineExtension].self, from: Data(try row.decode(column: "extensions", as: String.self).utf8))
                let pauses = try decoder.decode([ClockPause].self, from: Data(try row.decode(column: "pauses", as: String.self).utf8))
                guard let due = try? engine.due(rule, from: start, extensions: extensions, pauses: pauses).date?.iso, due != oldDue else { continue }
                let id = try row.decode(column: "id", as: Int64.self)
                try await tx.sql.update("clue_deadlines").set("due_on", to: SQLBind(due)).where("id", .equal, id).run()
                try await Self.event(try row.decode(column: "clue_id", as: Int64.self), action: "recount", from: nil, to: nil,
                                     note: "\(code): \(oldDue ?? "—") → \(due) (\(year))", by: principal, on: tx)
                changed += 1
            }
            return changed
        }
    }
}
