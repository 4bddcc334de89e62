import SunlightDomain

/// The disposition workflow of `regime.md` (🟡: from the discipline-inspection rules as quoted
/// by official sources). Handling is for inspectors; decisions are approved by another inspector
/// (the commission's heads) or a leader, never by the person who proposed them. The shape:
///
///     received ─assign→ assigned ─propose→ proposed ─approve_*→ talk_or_letter
///        │ escalate / refer_down / file_for_reference │               preliminary_verification
///        ▼                                             │               held ─repropose→ proposed
///     escalated · referred_down · filed_for_reference ─reopen→ assigned    closed · investigation
///     talk_or_letter / preliminary_verification / investigation ─report_result→ (same state,
///     proposal recorded) ─close_* / decide_outcome / order_verification / open_investigation→ …
enum ShippedClueWorkflow {
    static let handlers = Role.handlers
    static let approvers = Role.approvers

    static let workflow = ClueWorkflow(
        header: TableHeader(version: "2025.1", effective: LocalDate(year: 2025, month: 6, day: 1)!),
        states: states, transitions: transitions, closureKinds: closureKinds,
        heldReview: ReviewInterval(amount: 3, unit: .months, status: .unverified))

    static let states: [ClueStateInfo] = [
        ClueStateInfo(state: .received, label: text("受理登记", "received"), status: .secondary),
        ClueStateInfo(state: .assigned, label: text("承办", "assigned"), status: .secondary),
        ClueStateInfo(state: .proposed, label: text("拟处置（待集体研究审批）", "proposed (awaiting collective decision)"), status: .secondary),
        ClueStateInfo(state: .talkOrLetter, label: text("谈话函询", "talk or letter of inquiry"), status: .secondary),
        ClueStateInfo(state: .preliminaryVerification, label: text("初步核实", "preliminary verification"), status: .secondary),
        ClueStateInfo(state: .held, label: text("暂存待查", "held"), status: .secondary),
        ClueStateInfo(state: .investigation, label: text("立案审查调查", "investigation"), status: .secondary),
        ClueStateInfo(state: .filedForReference, label: text("留存备查", "filed for reference"), status: .secondary),
        ClueStateInfo(state: .closed, label: text("予以了结", "closed"), terminal: true, status: .secondary),
        ClueStateInfo(state: .outcomeDecided, label: text("已作出处理（四种形态）", "outcome decided (four forms)"), terminal: true, status: .secondary),
        ClueStateInfo(state: .escalated, label: text("报送上级", "escalated"), terminal: true, status: .secondary),
        ClueStateInfo(state: .referredDown, label: text("转下级办理", "referred down"), terminal: true, status: .secondary),
    ]

    static let closureKinds: [ClosureKind] = [
        ClosureKind(code: "without_inquiry", label: text("直接予以了结", "closed without inquiry"),
                    duties: text("无", "none"), feedbackLetter: false, clearsName: false, status: .secondary),
        ClosureKind(code: "after_talk_or_letter", label: text("谈话函询后予以了结", "closed after a talk or letter of inquiry"),
                    duties: text("函告被反映人；谈话函询材料存入廉政档案",
                                 "feedback letter to the person; the materials go into their integrity file"),
                    feedbackLetter: true, clearsName: false, status: .secondary),
        ClosureKind(code: "after_verification", label: text("初步核实后予以了结", "closed after preliminary verification"),
                    duties: text("向被反映人所在党组织说明情况，予以澄清正名",
                                 "explain to the person's party organisation and clear their name"),
                    feedbackLetter: false, clearsName: true, status: .secondary),
    ]

    static func row(_ from: ClueState, _ action: String, _ to: ClueState, _ zh: String, _ en: String,
                    _ roles: [Role], approval: ApprovalRequirement = .none, proposes: Bool = false,
                    closure: String? = nil, forms: [Int]? = nil) -> ClueTransition {
        ClueTransition(from: from, action: action, to: to, label: text(zh, en), roles: roles,
                       approval: approval, recordsProposal: proposes, closure: closure,
                       outcomeForms: forms, status: .secondary)
    }

    static let transitions: [ClueTransition] = {
        let approve = ApprovalRequirement.distinctFromProposer
        var rows: [ClueTransition] = []
        // Routing right after registration, or by the assigned handler.
        for from in [ClueState.received, .assigned] {
            rows.append(row(from, "escalate", .escalated, "报送上级", "escalate to the higher level", handlers))
            rows.append(row(from, "refer_down", .referredDown, "转下级办理", "refer down", handlers))
            rows.append(row(from, "file_for_reference", .filedForReference, "留存备查", "file for reference", handlers))
        }
        rows += [
            row(.received, "assign", .assigned, "指定承办", "assign a handler", handlers),
            row(.assigned, "propose", .proposed, "提出处置意见", "propose a disposition", handlers, proposes: true),
            // The collective decision on the proposal.
            row(.proposed, "approve_talk_or_letter", .talkOrLetter, "批准谈话函询", "approve a talk or letter of inquiry", approvers, approval: approve),
            row(.proposed, "approve_preliminary_verification", .preliminaryVerification, "批准初步核实", "approve preliminary verification", approvers, approval: approve),
            row(.proposed, "approve_hold", .held, "批准暂存待查", "approve holding", approvers, approval: approve),
            row(.proposed, "approve_closure", .closed, "批准予以了结", "approve closure", approvers, approval: approve, closure: "without_inquiry"),
            row(.proposed, "approve_investigation", .investigation, "批准立案审查调查", "approve an investigation", approvers, approval: approve),
            row(.proposed, "return_proposal", .assigned, "退回处置意见", "return the proposal", approvers),
            // Talk or letter of inquiry: the handler reports, the decision is approved.
            row(.talkOrLetter, "report_result", .talkOrLetter, "报送谈话函询情况及处置意见", "report the result with a proposal", handlers, proposes: true),
            row(.talkOrLetter, "close_after_talk_or_letter", .closed, "谈话函询后予以了结", "close after the talk or letter", approvers, approval: approve, closure: "after_talk_or_letter"),
            row(.talkOrLetter, "decide_outcome", .outcomeDecided, "作出处理", "decide an outcome", approvers, approval: approve, forms: [1]),
            row(.talkOrLetter, "order_verification", .preliminaryVerification, "转初步核实", "order preliminary verification", approvers, approval: approve),
            // Preliminary verification.
            row(.preliminaryVerification, "report_result", .preliminaryVerification, "报送初步核实情况报告", "report the verification with a proposal", handlers, proposes: true),
            row(.preliminaryVerification, "close_after_verification", .closed, "初步核实后予以了结", "close after verification", approvers, approval: approve, closure: "after_verification"),
            row(.preliminaryVerification, "decide_outcome", .outcomeDecided, "作出处理", "decide an outcome", approvers, approval: approve, forms: [1]),
            row(.preliminaryVerification, "open_investigation", .investigation, "立案审查调查", "open an investigation", approvers, approval: approve),
            // Held clues are reviewed periodically and may be proposed again.
            row(.held, "review_held", .held, "定期复查", "review the held clue", handlers),
            row(.held, "repropose", .proposed, "重新提出处置意见", "propose a disposition again", handlers, proposes: true),
            // Investigation ends in an outcome of any form (form 1 when no sanction is given).
            row(.investigation, "report_result", .investigation, "报送审查调查报告", "report the investigation with a proposal", handlers, proposes: true),
            row(.investigation, "decide_outcome", .outcomeDecided, "作出处理决定", "decide the outcome", approvers, approval: approve, forms: [1, 2, 3, 4]),
            // New material on a filed report.
            row(.filedForReference, "reopen", .assigned, "重新启用", "reopen", handlers),
        ]
        return rows
    }()
}
