import SunlightDomain
import SunlightRegime
import Testing

/// The disposition workflow, written out again here independently of the shipped table, and
/// compared with it exhaustively: every state × every action × every role × proposer cases.
@Suite struct ClueWorkflowTests {
    let flow = regime.clueWorkflow

    /// Who may make a move: handlers (inspector), approvers (inspector, leader), or approvers
    /// deciding on someone else's proposal.
    enum Who { case handler, approver, approverNotProposer }

    /// "from/action" → (to, who). Everything else is forbidden.
    static let expected: [String: (ClueState, Who)] = [
        "received/assign": (.assigned, .handler),
        "received/escalate": (.escalated, .handler),
        "received/refer_down": (.referredDown, .handler),
        "received/file_for_reference": (.filedForReference, .handler),
        "assigned/propose": (.proposed, .handler),
        "assigned/escalate": (.escalated, .handler),
        "assigned/refer_down": (.referredDown, .handler),
        "assigned/file_for_reference": (.filedForReference, .handler),
        "proposed/approve_talk_or_letter": (.talkOrLetter, .approverNotProposer),
        "proposed/approve_preliminary_verification": (.preliminaryVerification, .approverNotProposer),
        "proposed/approve_hold": (.held, .approverNotProposer),
        "proposed/approve_closure": (.closed, .approverNotProposer),
        "proposed/approve_investigation": (.investigation, .approverNotProposer),
        "proposed/return_proposal": (.assigned, .approver),
        "talk_or_letter/report_result": (.talkOrLetter, .handler),
        "talk_or_letter/close_after_talk_or_letter": (.closed, .approverNotProposer),
        "talk_or_letter/decide_outcome": (.outcomeDecided, .approverNotProposer),
        "talk_or_letter/order_verification": (.preliminaryVerification, .approverNotProposer),
        "preliminary_verification/report_result": (.preliminaryVerification, .handler),
        "preliminary_verification/close_after_verification": (.closed, .approverNotProposer),
        "preliminary_verification/decide_outcome": (.outcomeDecided, .approverNotProposer),
        "preliminary_verification/open_investigation": (.investigation, .approverNotProposer),
        "held/review_held": (.held, .handler),
        "held/repropose": (.proposed, .handler),
        "investigation/report_result": (.investigation, .handler),
        "investigation/decide_outcome": (.outcomeDecided, .approverNotProposer),
        "filed_for_reference/reopen": (.assigned, .handler),
    ]

    static let allStates: [ClueState] = [
        .received, .assigned, .proposed, .talkOrLetter, .preliminaryVerification, .held, .closed,
        .investigation, .outcomeDecided, .filedForReference, .escalated, .referredDown,
    ]

    static var allActions: Set<String> {
        Set(expected.keys.map { String($0.split(separator: "/")[1]) })
    }

    @Test func tableHasExactlyTheExpectedRows() {
        #expect(flow.states.map(\.state) .sorted { $0.rawValue < $1.rawValue }
                == Self.allStates.sorted { $0.rawValue < $1.rawValue })
        #expect(Set(flow.actions) == Self.allActions)
        #expect(flow.transitions.count == Self.expected.count)
        for t in flow.transitions {
            let row = Self.expected["\(t.from)/\(t.action)"]
            #expect(row?.0 == t.to, "\(t.from)/\(t.action)")
        }
        let terminal = Set(flow.states.filter(\.terminal).map(\.state))
        #expect(terminal == [.closed, .outcomeDecided, .escalated, .referredDown])
    }

    @Test func everyStateActionRoleAndProposerCombination() {
        var checked = 0
        for state in Self.allStates {
            for action in Self.allActions.sorted() {
                for role in Role.allCases {
                    let actor = Actor(username: "zhang.san", role: role)
                    for proposer in [nil, "zhang.san", "li.si"] as [String?] {
                        checked += 1
                        let result = flow.check(action, from: state, by: actor, proposer: proposer)
                        let expectedCode = Self.expectedCode(state, action, role, proposer)
                        switch result {
                        case .success(let t):
                            #expect(expectedCode == nil, "\(state)/\(action) by \(role) (proposer \(proposer ?? "none")) should fail with \(expectedCode ?? "")")
                            #expect(t.to == Self.expected["\(state)/\(action)"]?.0)
                        case .failure(let error):
                            #expect(error.code == expectedCode, "\(state)/\(action) by \(role) (proposer \(proposer ?? "none"))")
                            #expect(!error.messageZh.isEmpty && !error.messageEn.isEmpty)
                        }
                    }
                }
            }
        }
        #expect(checked == 12 * 20 * 6 * 3)
    }

    static func expectedCode(_ state: ClueState, _ action: String, _ role: Role, _ proposer: String?) -> String? {
        guard let (_, who) = expected["\(state)/\(action)"] else { return "clue.transition_not_allowed" }
        switch who {
        case .handler:
            return [Role.inspector].contains(role) ? nil : "clue.role_not_permitted"
        case .approver:
            return [Role.inspector, .leader].contains(role) ? nil : "clue.role_not_permitted"
        case .approverNotProposer:
            guard [Role.inspector, .leader].contains(role) else { return "clue.role_not_permitted" }
            guard let proposer else { return "clue.proposer_missing" }
            return proposer == "zhang.san" ? "clue.approver_is_proposer" : nil
        }
    }

    @Test func proposerCannotApproveTheirOwnProposal() throws {
        let inspector = Actor(username: "Wang", role: .inspector)
        // The inspector proposes…
        let proposal = try flow.check("propose", from: .assigned, by: inspector, proposer: nil).get()
        #expect(proposal.recordsProposal)
        // …and cannot approve it, whatever the spelling of their name.
        for name in ["Wang", "wang", " WANG "] {
            let result = flow.check("approve_talk_or_letter", from: .proposed,
                                    by: Actor(username: name, role: .inspector), proposer: "Wang")
            #expect(result.failureCode == "clue.approver_is_proposer")
        }
        // Another inspector (the commission's head) or a leader can; an administrator never.
        #expect(flow.check("approve_talk_or_letter", from: .proposed, by: Actor(username: "zhao", role: .inspector),
                           proposer: "Wang").failureCode == nil)
        let leader = Actor(username: "county.leader", role: .leader)
        #expect(flow.check("approve_talk_or_letter", from: .proposed, by: leader, proposer: "Wang").failureCode == nil)
        #expect(flow.check("approve_talk_or_letter", from: .proposed, by: Actor(username: "root", role: .admin),
                           proposer: "Wang").failureCode == "clue.role_not_permitted")
        // A leader who wrote the verification report cannot approve closing on it either.
        #expect(flow.check("close_after_verification", from: .preliminaryVerification, by: leader,
                           proposer: "county.leader").failureCode == "clue.approver_is_proposer")
    }

    @Test func wrongRoleIsRejected() {
        for role in [Role.auditor, .unitOfficer, .witness, .leader, .admin] {
            #expect(flow.check("assign", from: .received, by: Actor(username: "x", role: role), proposer: nil)
                    .failureCode == "clue.role_not_permitted")
        }
        // Leaders approve but do not handle; administrators do neither.
        #expect(flow.check("propose", from: .assigned, by: Actor(username: "l", role: .leader),
                           proposer: nil).failureCode == "clue.role_not_permitted")
        #expect(flow.check("approve_investigation", from: .proposed, by: Actor(username: "a", role: .admin),
                           proposer: "p").failureCode == "clue.role_not_permitted")
    }

    @Test func unknownStateOrAction() {
        let admin = Actor(username: "a", role: .admin)
        #expect(flow.check("assign", from: "archived", by: admin, proposer: nil).failureCode == "clue.unknown_state")
        #expect(flow.check("shred", from: .received, by: admin, proposer: nil).failureCode == "clue.unknown_action")
        // Terminal states say so.
        let error = flow.check("reopen", from: .closed, by: admin, proposer: nil)
        #expect(error.failureCode == "clue.transition_not_allowed")
        if case .failure(let e) = error { #expect(e.messageEn.contains("final state")) }
    }

    @Test func closureKindsAndProposals() throws {
        #expect(flow.closureKinds.map(\.code) == ["without_inquiry", "after_talk_or_letter", "after_verification"])
        #expect(flow.transition("approve_closure", from: .proposed)?.closure == "without_inquiry")
        #expect(flow.transition("close_after_talk_or_letter", from: .talkOrLetter)?.closure == "after_talk_or_letter")
        #expect(flow.transition("close_after_verification", from: .preliminaryVerification)?.closure == "after_verification")
        #expect(flow.closureKind("after_talk_or_letter")?.feedbackLetter == true)
        #expect(flow.closureKind("after_verification")?.clearsName == true)
        #expect(flow.closureKind("without_inquiry")?.clearsName == false)
        // Every move into `closed` names its closure kind; no other move does.
        for t in flow.transitions { #expect((t.to == .closed) == (t.closure != nil), "\(t.from)/\(t.action)") }
        // The moves that make someone the proposer.
        let proposing = flow.transitions.filter(\.recordsProposal).map { "\($0.from)/\($0.action)" }
        #expect(Set(proposing) == ["assigned/propose", "held/repropose", "talk_or_letter/report_result",
                                   "preliminary_verification/report_result", "investigation/report_result"])
    }

    @Test func outcomeForms() throws {
        let afterTalk = try #require(flow.transition("decide_outcome", from: .talkOrLetter))
        #expect(flow.checkOutcome(form: 1, for: afterTalk) == nil)
        #expect(flow.checkOutcome(form: 2, for: afterTalk)?.code == "clue.outcome_form_not_allowed")
        let afterInvestigation = try #require(flow.transition("decide_outcome", from: .investigation))
        for form in 1...4 { #expect(flow.checkOutcome(form: form, for: afterInvestigation) == nil) }
        let hold = try #require(flow.transition("approve_hold", from: .proposed))
        #expect(flow.checkOutcome(form: 1, for: hold)?.code == "clue.outcome_form_not_allowed")
    }

    @Test func actionsOfferedToAnActor() {
        let leader = Actor(username: "l", role: .leader)
        #expect(flow.actions(from: .proposed, for: leader).map(\.action)
                == ["approve_talk_or_letter", "approve_preliminary_verification", "approve_hold",
                    "approve_closure", "approve_investigation", "return_proposal"])
        #expect(flow.actions(from: .proposed, for: Actor(username: "a", role: .admin)).isEmpty)
        #expect(flow.actions(from: .assigned, for: Actor(username: "l", role: .leader)).isEmpty)
        #expect(flow.actions(from: .closed, for: Actor(username: "a", role: .admin)).isEmpty)
    }

    @Test func heldCluesAreReviewedPeriodically() throws {
        #expect(flow.heldReview.amount == 3 && flow.heldReview.unit == .months)
        #expect(flow.heldReview.status.isConfigurableDefault)
        // Last reviewed 2025-06-30 → next review 2025-09-30 (Tue).
        #expect(try engine.due(flow.heldReviewRule, from: day("2025-06-30")).date == day("2025-09-30"))
    }

    @Test func aWholeCase() throws {
        let inspector = Actor(username: "wang", role: .inspector)
        let leader = Actor(username: "zhao", role: .leader)
        var state = ClueState.received
        var proposer: String?
        func step(_ action: String, _ actor: Actor) throws {
            let t = try flow.check(action, from: state, by: actor, proposer: proposer).get()
            if t.recordsProposal { proposer = actor.username }
            state = t.to
        }
        try step("assign", inspector)
        try step("propose", inspector)
        try step("approve_talk_or_letter", leader)
        try step("report_result", inspector)
        try step("order_verification", leader)
        try step("report_result", inspector)
        try step("open_investigation", leader)
        try step("report_result", inspector)
        try step("decide_outcome", leader)
        #expect(state == .outcomeDecided)
        #expect(proposer == "wang")
    }
}

extension Result where Failure == ValueError {
    var failureCode: String? {
        if case .failure(let error) = self { return error.code }
        return nil
    }
}
