import SunlightDomain

extension ClueWorkflow {
    /// Whether `actor` may perform `action` on a clue in `state`, given who made the proposal a
    /// decision would approve. Returns the transition (its target, closure kind, whether it
    /// records a proposal) or the reason it is refused.
    ///
    /// Checked in this order, each with its own error code:
    /// `clue.unknown_state` (not in the table), `clue.unknown_action` (no such action anywhere),
    /// `clue.transition_not_allowed` (not from this state; terminal states allow nothing),
    /// `clue.role_not_permitted`, `clue.proposer_missing` (a decision with no recorded proposer),
    /// `clue.approver_is_proposer` (the proposer cannot approve their own proposal).
    public func check(_ action: String, from state: ClueState, by actor: Actor,
                      proposer: String?) -> Result<ClueTransition, ValueError> {
        guard let stateInfo = info(state) else {
            return .failure(RegimeErrors.make("clue.unknown_state", "未知的线索状态“\(state)”",
                                              "unknown clue state \"\(state)\""))
        }
        guard transitions.contains(where: { $0.action == action }) else {
            return .failure(RegimeErrors.make("clue.unknown_action", "未知的处置操作“\(action)”",
                                              "unknown disposition action \"\(action)\""))
        }
        guard let transition = transition(action, from: state) else {
            let (zh, en) = stateInfo.terminal
                ? ("线索已处于终结状态“\(stateInfo.label.zh)”，不能再执行“\(action)”",
                   "the clue is in the final state \"\(stateInfo.label.en)\"; \"\(action)\" is not possible")
                : ("线索处于“\(stateInfo.label.zh)”状态，不能执行“\(action)”",
                   "\"\(action)\" is not possible from state \"\(stateInfo.label.en)\"")
            return .failure(RegimeErrors.make("clue.transition_not_allowed", zh, en))
        }
        guard transition.roles.contains(actor.role) else {
            let allowed = transition.roles.map(\.rawValue).joined(separator: ", ")
            return .failure(RegimeErrors.make(
                "clue.role_not_permitted",
                "角色“\(actor.role)”不能执行“\(transition.label.zh)”（允许：\(allowed)）",
                "role \"\(actor.role)\" may not \(transition.label.en) (allowed: \(allowed))"))
        }
        if transition.approval == .distinctFromProposer {
            guard let proposer, !Actor.normalise(proposer).isEmpty else {
                return .failure(RegimeErrors.make(
                    "clue.proposer_missing", "“\(transition.label.zh)”是对处置意见的审批，但没有记录提出人",
                    "\"\(transition.label.en)\" approves a proposal, but no proposer is recorded"))
            }
            if actor.isSamePerson(as: proposer) {
                return .failure(RegimeErrors.make(
                    "clue.approver_is_proposer", "提出处置意见的人（\(proposer)）不能审批自己的意见",
                    "the proposer (\(proposer)) cannot approve their own proposal"))
            }
        }
        return .success(transition)
    }

    /// Whether an outcome in `form` may be recorded by `transition`: `clue.outcome_form_not_allowed`
    /// when the transition decides no outcome or not in that form (a talk or letter can end in
    /// form 1 at most; sanctions need an investigation).
    public func checkOutcome(form: Int, for transition: ClueTransition) -> ValueError? {
        guard let forms = transition.outcomeForms, forms.contains(form) else {
            let allowed = (transition.outcomeForms ?? []).map(String.init).joined(separator: ", ")
            return RegimeErrors.make(
                "clue.outcome_form_not_allowed",
                "“\(transition.label.zh)”不能作出第\(form)种形态的处理（允许：\(allowed.isEmpty ? "无" : allowed)）",
                "\"\(transition.label.en)\" cannot decide a form-\(form) outcome (allowed: \(allowed.isEmpty ? "none" : allowed))")
        }
        return nil
    }
}
