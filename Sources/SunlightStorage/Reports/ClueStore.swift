import Foundation
import SQLKit
import SunlightDomain
import SunlightRegime
import SunlightReports

/// Clues and their disposition: opening a clue from a report or a finding, every step of the
/// regime's workflow (checked against its table: state, role, proposer ≠ approver), recusal,
/// the deadlines each step opens or meets, and outcomes in the four forms with sanctions.
///
/// The workflow, deadlines and sanctions are the regime's data (`SunlightRegime`); this store
/// only applies them, and records each step in the ledger with the regime version in force.
public struct ClueStore: Sendable {
    public let recorder: Recorder
    public let reports: ReportStore
    public let regime: Regime

    public init(recorder: Recorder, reports: ReportStore, regime: Regime = .shipped) {
        self.recorder = recorder
        self.reports = reports
        self.regime = regime
    }

    var calendars: CalendarStore { CalendarStore(recorder: recorder) }

    // MARK: Opening

    /// Takes a report into disposition as a new clue (受理登记), opening the deadlines that run
    /// from receipt. The reporter then sees "accepted".
    public func open(fromReport reportID: Int64, by principal: Principal) async throws -> Int64 {
        try requireHandler(principal)
        let engine = DeadlineEngine(calendar: try await calendars.calendar())
        let regime = self.regime
        return try await recorder.write(by: principal) { tx in
            guard let row = try await tx.sql.select().columns("channel", "report_type", "anonymous", "received_on", "subject_id_key",
                                                               "subject_unit_code", "clue_id", "finding_id")
                .from("reports").where("id", .equal, reportID).first() else { throw RecordNotFound(dataset: "reports", id: reportID) }
            if let existing = try row.decode(column: "clue_id", as: Int64?.self) {
                throw ClueError(code: "clue.already_open", messageZh: "该举报已在问题线索 \(existing) 中办理",
                                messageEn: "this report is already handled in clue \(existing)")
            }
            let source = ReportSource(rawValue: try row.decode(column: "channel", as: String.self)) ?? .other
            let type = ReportType(rawValue: try row.decode(column: "report_type", as: String.self)) ?? .accusation
            let realName = !(try row.decode(column: "anonymous", as: Bool.self))
            let receivedOn = try row.decode(column: "received_on", as: String.self)
            let now = Timestamps.now()
            // The clue shows the report's sealed subject (`subject_report_id`); what it keeps in
            // the clear is the keyed ID and the resolved unit, as the report does.
            let inserted = try await tx.sql.insert(into: "clues")
                .columns("reference", "source", "report_type", "real_name", "subject_name", "subject_unit", "subject_post",
                         "subject_report_id", "subject_id_key", "unit_code", "received_on", "state", "finding_id", "regime_version",
                         "created_by", "created_at", "updated_at")
                .values(SQLBind("pending-" + UUID().uuidString), SQLBind(source.rawValue), SQLBind(type.rawValue), SQLBind(realName),
                        SQLBind(""), SQLBind(""), SQLBind(""), SQLBind(reportID),
                        SQLBind(try row.decode(column: "subject_id_key", as: String?.self)),
                        SQLBind(try row.decode(column: "subject_unit_code", as: String?.self)), SQLBind(receivedOn),
                        SQLBind(ClueState.received.rawValue), SQLBind(try row.decode(column: "finding_id", as: Int64?.self)),
                        SQLBind(regime.header.stamp), SQLBind(principal.username), SQLBind(now), SQLBind(now))
                .returning("id").first()
            let clueID = try inserted!.decode(column: "id", as: Int64.self)
            let reference = "XS" + receivedOn.prefix(4) + "-" + String(format: "%06lld", clueID)
            try await tx.sql.update("clues").set("reference", to: SQLBind(reference)).where("id", .equal, clueID).run()
            try await tx.sql.update("reports").set("clue_id", to: SQLBind(clueID))
                .set("reporter_status", to: SQLBind(ReporterStatus.accepted.rawValue)).set("updated_at", to: SQLBind(now))
                .where("id", .equal, reportID).run()
            let context = ReportContext(type: type, source: source, realName: realName, repeatReport: false)
            let start = LocalDate(iso: receivedOn) ?? .today()
            for rule in regime.deadlines.rules(applicableTo: context) where rule.runsFrom == .received || rule.runsFrom == .accepted {
                if DeadlineCompletion.situational.contains(rule.code) { continue }
                if DeadlineCompletion.forwardedOnly.contains(rule.code) && source != .transferFromAbove { continue }
                try await Self.openDeadline(rule, clueID: clueID, start: start, engine: engine, regime: regime, on: tx.sql)
            }
            try await Self.event(clueID, action: "register", from: nil, to: ClueState.received.rawValue, note: nil, by: principal, on: tx)
            return clueID
        }
    }

    /// A finding becomes a clue, keeping the link: a report entered from the finding (its summary
    /// as the text), then the clue.
    public func open(fromFinding findingID: Int64, by principal: Principal) async throws -> Int64 {
        try requireHandler(principal)
        let finding = try await FindingStore(recorder: recorder).get(id: findingID, reach: .everywhere)
        guard let finding else { throw RecordNotFound(dataset: "findings", id: findingID) }
        let text = "[\(finding.rule)] \(finding.summaryZh)\n\(finding.summaryEn)"
        let submitted = try await reports.submit(
            ReportSubmission(anonymous: true, subjectName: finding.subject, subjectUnit: finding.unitCode ?? "", text: text,
                             when: finding.period ?? ""),
            channel: .finding, type: .accusation, issueReceipt: false, findingID: findingID, by: principal)
        return try await open(fromReport: submitted.id, by: principal)
    }

    /// Files another report of the same matter under an existing clue (信访工作条例 Art. 19).
    /// Both the clue and the report are loaded through their scoped, recusal-checked lookups.
    public func link(report reportID: Int64, to clueID: Int64, by principal: Principal) async throws {
        try requireHandler(principal)
        _ = try await get(clueID, for: principal)
        if try await reports.isAbout(reportID, principal: principal) { throw RecordNotFound(dataset: "reports", id: reportID) }
        try await recorder.write(by: principal) { tx in
            guard try await tx.sql.select().column("id").from("reports").where("id", .equal, reportID).first() != nil else {
                throw RecordNotFound(dataset: "reports", id: reportID)
            }
            guard try await tx.sql.select().column("id").from("clues").where("id", .equal, clueID).first() != nil else {
                throw RecordNotFound(dataset: "clues", id: clueID)
            }
            let earlier = try await tx.sql.select().column("id").from("reports").where("clue_id", .equal, clueID).orderBy("id").first()
            try await tx.sql.update("reports").set("clue_id", to: SQLBind(clueID))
                .set("repeat_of", to: SQLBind(try earlier?.decode(column: "id", as: Int64.self)))
                .set("reporter_status", to: SQLBind(ReporterStatus.accepted.rawValue))
                .where("id", .equal, reportID).run()
            try await Self.event(clueID, action: "link_report", from: nil, to: nil, note: "report \(reportID)", by: principal, on: tx)
        }
    }

    // MARK: Steps

    /// One step of the workflow. `handler` names the assignee for `assign`; `note` is the
    /// proposal or decision text; `outcomes` are required for `decide_outcome`.
    @discardableResult
    public func act(_ clueID: Int64, action: String, handler: String? = nil, note: String? = nil, outcomes: [OutcomeInput] = [],
                    today: LocalDate = .today(), by principal: Principal) async throws -> StoredClue {
        let clue = try await get(clueID, for: principal)
        let actor = Actor(username: principal.username, role: principal.role)
        let transition: ClueTransition
        switch regime.clueWorkflow.check(action, from: clue.state, by: actor, proposer: clue.proposer) {
        case .success(let found): transition = found
        case .failure(let error): throw ClueError(code: error.code, messageZh: error.messageZh, messageEn: error.messageEn)
        }
        let note = note?.trimmingCharacters(in: .whitespacesAndNewlines)
        if transition.recordsProposal, note?.isEmpty ?? true {
            throw ClueError(code: "clue.proposal_missing", messageZh: "请写明处置意见", messageEn: "write the proposed disposition")
        }
        var chosenHandler: String?
        if action == "assign" {
            guard let name = handler?.trimmingCharacters(in: .whitespaces), !name.isEmpty else {
                throw ClueError(code: "clue.handler_missing", messageZh: "请指定承办人", messageEn: "name the handler")
            }
            try await checkRecusal(handler: name, clue: clue)
            chosenHandler = name
        }
        let assignee = chosenHandler
        var validated: [(OutcomeInput, Int, String?)] = []
        if transition.outcomeForms != nil {
            guard !outcomes.isEmpty else {
                throw ClueError(code: "clue.outcome_missing", messageZh: "请填写处理结果（四种形态）", messageEn: "record the outcome (four forms)")
            }
            for outcome in outcomes { validated.append(try await validate(outcome, for: transition)) }
        }
        let decided = validated
        let engine = DeadlineEngine(calendar: try await calendars.calendar())
        let regime = self.regime
        let terminal = regime.clueWorkflow.info(transition.to)?.terminal ?? false
        try await recorder.write(by: principal) { tx in
            let now = Timestamps.now()
            var update = tx.sql.update("clues").set("state", to: SQLBind(transition.to.rawValue)).set("updated_at", to: SQLBind(now))
            if let assignee { update = update.set("handler", to: SQLBind(assignee)) }
            if transition.recordsProposal {
                update = update.set("proposer", to: SQLBind(principal.username)).set("proposal", to: SQLBind(note))
            } else if transition.approval != .none {
                // A decision consumes the proposal: the next decision needs a new one.
                update = update.set("proposer", to: SQLBind(String?.none))
            }
            if let closure = transition.closure { update = update.set("closure_kind", to: SQLBind(closure)) }
            // Compare-and-set: the step was checked against the clue as read before this
            // transaction; it applies only if the clue is still in that state with that proposer.
            // A concurrent step that got there first leaves no row to update, and this one fails
            // whole (nothing below is written).
            update = update.where("id", .equal, clueID).where("state", .equal, clue.state.rawValue)
            if let proposer = clue.proposer {
                update = update.where("proposer", .equal, proposer)
            } else {
                update = update.where(SQLIdentifier("proposer"), .is, SQLLiteral.null)
            }
            guard try await !update.returning("id").all().isEmpty else {
                throw ClueError(code: "clue.changed", messageZh: "该线索刚被他人处理，状态已变化；请刷新后重试",
                                messageEn: "someone else acted on this clue just now; reload and try again")
            }
            try await Self.event(clueID, action: action, from: clue.state.rawValue, to: transition.to.rawValue, note: note ?? assignee,
                                 by: principal, on: tx)
            for (outcome, form, until) in decided {
                try await tx.sql.insert(into: "clue_outcomes")
                    .columns("clue_id", "person_name", "person_id_number", "form", "measure", "sanction", "sanction_months",
                             "effective_on", "influence_until", "decided_by", "note", "created_at")
                    .values(SQLBind(clueID), SQLBind(outcome.personName), SQLBind(outcome.personIDNumber), SQLBind(form),
                            SQLBind(outcome.measure), SQLBind(regime.sanction(outcome.measure) != nil ? outcome.measure : nil),
                            SQLBind(outcome.months), SQLBind(outcome.effectiveOn), SQLBind(until), SQLBind(principal.username),
                            SQLBind(outcome.note), SQLBind(now)).run()
            }
            // Deadlines this step meets, and the ones it starts.
            try await Self.meetDeadlines(clueID, after: action, terminal: terminal, on: today, on: tx.sql)
            if transition.to == .held {
                try await Self.openDeadline(regime.clueWorkflow.heldReviewRule, clueID: clueID, start: today, engine: engine,
                                            regime: regime, handler: clue.handler, replace: true, on: tx.sql)
            }
            if terminal {
                let context = ReportContext(type: ReportType(rawValue: clue.reportType), source: ReportSource(rawValue: clue.source),
                                            realName: clue.realName)
                for rule in regime.deadlines.rules(applicableTo: context) where rule.runsFrom == .closed {
                    try await Self.openDeadline(rule, clueID: clueID, start: today, engine: engine, regime: regime, handler: clue.handler,
                                                on: tx.sql)
                }
            }
            let status: ReporterStatus = terminal ? .concluded : .inProgress
            try await tx.sql.update("reports").set("reporter_status", to: SQLBind(status.rawValue)).where("clue_id", .equal, clueID).run()
            if let assignee {
                try await tx.sql.update("clue_deadlines").set("handler", to: SQLBind(assignee))
                    .where("clue_id", .equal, clueID).where(SQLIdentifier("met_on"), .is, SQLLiteral.null).run()
            }
        }
        return try await get(clueID, for: principal)
    }

    /// The form and influence period of an outcome, or why it cannot be given.
    private func validate(_ outcome: OutcomeInput, for transition: ClueTransition) async throws -> (OutcomeInput, Int, String?) {
        guard !outcome.personName.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ClueError(code: "outcome.person_missing", messageZh: "请填写处理对象", messageEn: "name the person")
        }
        guard let effective = LocalDate(iso: outcome.effectiveOn) else {
            throw ClueError(code: "outcome.date", messageZh: "生效日期无效：\(outcome.effectiveOn)", messageEn: "not a date: \(outcome.effectiveOn)")
        }
        guard let form = regime.form(ofOutcome: outcome.measure) else {
            throw ClueError(code: "outcome.unknown_measure", messageZh: "未知的处理方式“\(outcome.measure)”",
                            messageEn: "unknown measure \"\(outcome.measure)\"")
        }
        if let error = regime.clueWorkflow.checkOutcome(form: form, for: transition) {
            throw ClueError(code: error.code, messageZh: error.messageZh, messageEn: error.messageEn)
        }
        guard let sanction = regime.sanction(outcome.measure) else { return (outcome, form, nil) }
        do {
            if sanction.system == .government, !outcome.combinedWith.isEmpty {
                let codes = [outcome.measure] + outcome.combinedWith
                let category = try await sanctionCategory(outcome.personIDNumber)
                for code in codes { try regime.governmentSanctions.validate(code, forCategory: category) }
                let combination = try regime.governmentSanctions.combine(codes)
                var carried = outcome
                carried.measure = combination.applies
                carried.note = ([outcome.note ?? ""] + ["政务处分法第十五条合并：" + codes.joined(separator: "+")]).filter { !$0.isEmpty }
                    .joined(separator: "；")
                guard let range = combination.allowedMonths else { return (carried, regime.form(ofOutcome: combination.applies) ?? form, nil) }
                let months = outcome.months ?? range.lowerBound
                carried.months = months
                let period = try regime.governmentSanctions.combinedInfluencePeriod(codes, months: months, effective: effective)
                return (carried, regime.form(ofOutcome: combination.applies) ?? form, period.lastDay.iso)
            }
            if sanction.system == .government {
                try regime.governmentSanctions.validate(outcome.measure, forCategory: try await sanctionCategory(outcome.personIDNumber))
                let period = try regime.governmentSanctions.influencePeriod(of: outcome.measure, effective: effective, months: outcome.months)
                return (outcome, form, period?.lastDay.iso)
            }
            // A new party sanction during an earlier one's influence period adds the unserved remainder.
            guard let new = try regime.partySanctions.influencePeriod(of: outcome.measure, effective: effective, months: outcome.months) else {
                return (outcome, form, nil)
            }
            let previous = try await runningPartySanction(outcome.personIDNumber, on: effective)
            let period = previous.map { regime.partySanctions.periodWithRemainder(new: new, previous: $0) } ?? new
            return (outcome, form, period.lastDay.iso)
        } catch let error as ValueError {
            throw ClueError(code: error.code, messageZh: error.messageZh, messageEn: error.messageEn)
        }
    }

    /// The party sanction of this person whose influence period is running on `date`, if any.
    private func runningPartySanction(_ idNumber: String?, on date: LocalDate) async throws -> InfluencePeriod? {
        guard let idNumber, !idNumber.isEmpty else { return nil }
        let regime = self.regime
        return try await outcomes(personIDNumber: idNumber).compactMap { outcome -> InfluencePeriod? in
            guard regime.partySanctions.sanction(outcome.measure) != nil, let start = LocalDate(iso: outcome.effectiveOn),
                  let last = outcome.influenceUntil.flatMap(LocalDate.init(iso:)), start <= date, date <= last else { return nil }
            return InfluencePeriod(start: start, lastDay: last)
        }.max { $0.lastDay < $1.lastDay }
    }

    /// Village cadres get only the three sanctions of 政务处分法 Art. 22.
    private func sanctionCategory(_ idNumber: String?) async throws -> String? {
        guard let idNumber, !idNumber.isEmpty else { return nil }
        let category: String? = try await recorder.database.withConnection { db in
            try await db.select().column("category").from("people").where("id_number", .equal, idNumber).first()?
                .decode(column: "category", as: String?.self)
        }
        return category == "village_cadre" ? "grassroots_self_governance" : nil
    }

    // MARK: Recusal and access

    /// A handler may not take a matter about themselves or a close relative, nor one a close
    /// relative reported (监察法 Art. 67; 信访工作条例 Art. 28). Identities come from the
    /// handler's account (`id_number`) and the registry's relatives.
    func checkRecusal(handler: String, clue: StoredClue) async throws {
        let (handlerID, pairs): (String?, [(String, String)]) = try await recorder.database.withConnection { db in
            let id = try await db.select().column("id_number").from("users").where("username", .equal, handler).first()?
                .decode(column: "id_number", as: String?.self)
            guard let id, !id.isEmpty else { return (nil, []) }
            let rows = try await db.select().columns("id_number", "relative_id_number").from("relatives")
                .where("relation", .in, ["spouse", "child", "parent", "sibling", "child_spouse"])
                .where { $0.where("id_number", .equal, id).orWhere("relative_id_number", .equal, id) }.all()
            return (id, try rows.map { (try $0.decode(column: "id_number", as: String.self), try $0.decode(column: "relative_id_number", as: String.self)) })
        }
        guard let handlerID else {
            guard try await userExists(handler) else {
                throw ClueError(code: "clue.handler_unknown", messageZh: "没有用户“\(handler)”", messageEn: "no user \"\(handler)\"")
            }
            return
        }
        let reporters = try await reporterIDs(clueID: clue.id)
        let findings = regime.recusal.check(RecusalQuery(handler: handlerID, subjects: [clue.subjectIDNumber].compactMap { $0 },
                                                         reporters: reporters),
                                            relatives: CloseRelatives(pairs))
        if let first = findings.first {
            throw ClueError(code: "clue.recusal", messageZh: "承办人须回避：" + first.reason.zh, messageEn: "the handler must recuse: " + first.reason.en)
        }
    }

    private func userExists(_ username: String) async throws -> Bool {
        try await recorder.database.withConnection { db in
            try await db.select().column("id").from("users").where("username", .equal, username).first() != nil
        }
    }

    /// Reporters' ID numbers, opened in memory for the recusal check only.
    private func reporterIDs(clueID: Int64) async throws -> [String] {
        let ids: [Int64] = try await recorder.database.withConnection { db in
            try await db.select().column("id").from("reports").where("clue_id", .equal, clueID).all()
                .map { try $0.decode(column: "id", as: Int64.self) }
        }
        var result: [String] = []
        for id in ids {
            if let identity = try? await reports.identityForRecusal(reportID: id), !identity.isEmpty { result.append(identity) }
        }
        return result
    }

    func requireHandler(_ principal: Principal) throws {
        guard principal.role == .inspector else {
            throw ClueError(code: "clue.forbidden", messageZh: "只有纪检监察干部可以办理问题线索", messageEn: "only inspectors handle clues")
        }
    }

    // MARK: Rows

    static func event(_ clueID: Int64, action: String, from: String?, to: String?, note: String?, by principal: Principal,
                      on tx: WriteTransaction) async throws {
        let now = Timestamps.now()
        try await tx.sql.insert(into: "clue_events").columns("clue_id", "at", "actor", "action", "from_state", "to_state", "note")
            .values(SQLBind(clueID), SQLBind(now), SQLBind(principal.username), SQLBind(action), SQLBind(from), SQLBind(to), SQLBind(note))
            .run()
        var details = ["step": action]
        if let from { details["from"] = from }
        if let to { details["to"] = to }
        // The note may name people: the ledger gets its hash only.
        try await tx.record([Change(at: now, actor: principal.username, action: .disposition, objectType: "clues", objectID: String(clueID),
                                    hashAfter: note.map(tx.secretDigest), details: ScanStore.json(details))])
    }
}
