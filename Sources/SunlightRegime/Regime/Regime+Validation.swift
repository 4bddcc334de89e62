import Foundation
import SunlightDomain

extension Regime {
    /// Throws the first problem of `problems()`.
    public func validate() throws(ValueError) {
        if let first = problems().first { throw first }
    }

    /// Everything wrong with the regime, in table order, so an administrator fixes an edited
    /// copy in one pass. Codes: `regime.version_missing`, `regime.label_missing`,
    /// `regime.code_missing`, `regime.duplicate_code`, `regime.amount_not_positive`,
    /// `regime.amount_negative`, `regime.extension_unit_mismatch`, `regime.unknown_state`,
    /// `regime.unknown_role`, `regime.no_roles`, `regime.unknown_closure_kind`,
    /// `regime.unknown_form`, `regime.unknown_sanction`, `regime.terminal_state_has_transition`,
    /// `regime.wrong_system`, `regime.duplicate_severity`, `regime.period_inconsistent`.
    public func problems() -> [ValueError] {
        var check = RegimeChecker()
        check.header(header, table: "regime")
        check.deadlines(deadlines)
        check.workflow(clueWorkflow, forms: Set(fourForms.forms.map(\.number)))
        let sanctionCodes = check.sanctions(governmentSanctions, partySanctions)
        check.fourForms(fourForms, sanctionCodes: sanctionCodes)
        check.recusal(recusal)
        return check.problems
    }
}

/// Collects the problems of one regime; each method checks one table.
struct RegimeChecker {
    var problems: [ValueError] = []

    mutating func fail(_ code: String, _ zh: String, _ en: String) {
        problems.append(RegimeErrors.make(code, zh, en))
    }

    mutating func header(_ header: TableHeader, table: String) {
        if header.version.trimmingCharacters(in: .whitespaces).isEmpty {
            fail("regime.version_missing", "表“\(table)”缺少版本号", "table \"\(table)\" has no version")
        }
    }

    mutating func label(_ text: BilingualText, _ what: String) {
        if !text.isComplete {
            fail("regime.label_missing", "\(what) 缺少中文或英文名称", "\(what) lacks its Chinese or English label")
        }
    }

    mutating func unique(_ codes: [String], _ what: String) {
        var seen = Set<String>()
        for code in codes {
            if code.trimmingCharacters(in: .whitespaces).isEmpty {
                fail("regime.code_missing", "\(what) 中有空代码", "an empty code in \(what)")
            } else if !seen.insert(code).inserted {
                fail("regime.duplicate_code", "\(what) 中代码“\(code)”重复", "duplicate code \"\(code)\" in \(what)")
            }
        }
    }

    mutating func positive(_ amount: Int, _ what: String) {
        if amount <= 0 {
            fail("regime.amount_not_positive", "\(what) 的时长 \(amount) 必须为正数", "\(what): amount \(amount) must be positive")
        }
    }

    // MARK: Tables

    mutating func deadlines(_ table: DeadlineTable) {
        header(table.header, table: "deadlines")
        unique(table.rules.map(\.code), "deadlines")
        if table.dueSoonWorkingDays < 0 {
            fail("regime.amount_negative", "临期提醒天数 \(table.dueSoonWorkingDays) 不能为负",
                 "due-soon working days \(table.dueSoonWorkingDays) cannot be negative")
        }
        for rule in table.rules {
            label(rule.title, "deadline \(rule.code)")
            positive(rule.amount, "deadline \(rule.code)")
            guard let ext = rule.extensionRule else { continue }
            positive(ext.amount, "extension of \(rule.code)")
            if ext.unit != rule.unit {
                fail("regime.extension_unit_mismatch",
                     "期限“\(rule.code)”的延长单位（\(ext.unit.label.zh)）与期限单位（\(rule.unit.label.zh)）不同",
                     "deadline \"\(rule.code)\" is extended in \(ext.unit.label.en) but counted in \(rule.unit.label.en)")
            }
        }
    }

    mutating func workflow(_ flow: ClueWorkflow, forms: Set<Int>) {
        header(flow.header, table: "clueWorkflow")
        unique(flow.states.map(\.state.rawValue), "clue states")
        unique(flow.closureKinds.map(\.code), "closure kinds")
        unique(flow.transitions.map { "\($0.from.rawValue)/\($0.action)" }, "clue transitions")
        positive(flow.heldReview.amount, "held-clue review interval")
        for info in flow.states { label(info.label, "clue state \(info.state)") }
        for kind in flow.closureKinds { label(kind.label, "closure kind \(kind.code)") }
        let states = Dictionary(flow.states.map { ($0.state, $0) }, uniquingKeysWith: { a, _ in a })
        let closures = Set(flow.closureKinds.map(\.code))
        for t in flow.transitions {
            let name = "\(t.from)/\(t.action)"
            label(t.label, "transition \(name)")
            if t.action.trimmingCharacters(in: .whitespaces).isEmpty {
                fail("regime.code_missing", "转换 \(name) 缺少操作代码", "transition \(name) has no action code")
            }
            for state in [t.from, t.to] where states[state] == nil {
                fail("regime.unknown_state", "转换 \(name) 引用了未定义的状态“\(state)”",
                     "transition \(name) refers to the undefined state \"\(state)\"")
            }
            if states[t.from]?.terminal == true {
                fail("regime.terminal_state_has_transition", "终结状态“\(t.from)”不能有转换 \(name)",
                     "the final state \"\(t.from)\" cannot have the transition \(name)")
            }
            if t.roles.isEmpty && t.unknownRoles.isEmpty {
                fail("regime.no_roles", "转换 \(name) 没有允许的角色", "transition \(name) allows no role")
            }
            for role in t.unknownRoles {
                fail("regime.unknown_role", "转换 \(name) 引用了未知角色“\(role)”",
                     "transition \(name) refers to the unknown role \"\(role)\"")
            }
            if let closure = t.closure, !closures.contains(closure) {
                fail("regime.unknown_closure_kind", "转换 \(name) 引用了未定义的了结方式“\(closure)”",
                     "transition \(name) refers to the undefined closure kind \"\(closure)\"")
            }
            for form in t.outcomeForms ?? [] where !forms.contains(form) {
                fail("regime.unknown_form", "转换 \(name) 引用了不存在的第\(form)种形态",
                     "transition \(name) refers to form \(form), which does not exist")
            }
        }
    }

    /// Returns every sanction code of both tables, for the four-forms mapping.
    mutating func sanctions(_ government: GovernmentSanctionTable, _ party: PartySanctionTable) -> Set<String> {
        header(government.header, table: "governmentSanctions")
        header(party.header, table: "partySanctions")
        let all = government.sanctions + party.sanctions
        unique(all.map(\.code), "sanctions")
        positive(government.combinationCapMonths, "combined government sanction period")
        for (system, list) in [(SanctionSystem.government, government.sanctions), (.party, party.sanctions)] {
            var severities = Set<Int>()
            for type in list {
                label(type.label, "sanction \(type.code)")
                if type.system != system {
                    fail("regime.wrong_system", "处分“\(type.code)”不属于\(system.label.zh)表",
                         "sanction \"\(type.code)\" does not belong to the \(system.label.en) table")
                }
                if !severities.insert(type.severity).inserted {
                    fail("regime.duplicate_severity", "处分“\(type.code)”与同表其他处分轻重等级相同（\(type.severity)）",
                         "sanction \"\(type.code)\" has the same severity (\(type.severity)) as another")
                }
                for months in type.periodMonths { positive(months, "period of \(type.code)") }
                if let bar = type.readmissionBarMonths { positive(bar, "re-admission bar of \(type.code)") }
                if type.periodMonths.isEmpty != type.endsRelationship {
                    fail("regime.period_inconsistent",
                         "处分“\(type.code)”：只有开除类处分没有影响期",
                         "sanction \"\(type.code)\": exactly the expulsions have no influence period")
                }
            }
        }
        unique(government.restrictions.map(\.category), "sanction restrictions")
        let governmentCodes = Set(government.sanctions.map(\.code))
        for restriction in government.restrictions {
            label(restriction.label, "restriction \(restriction.category)")
            for code in restriction.allowed where !governmentCodes.contains(code) {
                fail("regime.unknown_sanction", "人员类别“\(restriction.category)”引用了未定义的政务处分“\(code)”",
                     "category \"\(restriction.category)\" refers to the undefined government sanction \"\(code)\"")
            }
        }
        return Set(all.map(\.code))
    }

    mutating func fourForms(_ table: FourFormsTable, sanctionCodes: Set<String>) {
        header(table.header, table: "fourForms")
        unique(table.forms.map { String($0.number) }, "four forms")
        unique(table.forms.flatMap { $0.measures.map(\.code) } + table.sanctionForms.map(\.sanction), "four-forms outcomes")
        let numbers = Set(table.forms.map(\.number))
        for form in table.forms {
            label(form.label, "form \(form.number)")
            for measure in form.measures { label(measure.label, "measure \(measure.code)") }
        }
        for mapping in table.sanctionForms {
            if !sanctionCodes.contains(mapping.sanction) {
                fail("regime.unknown_sanction", "四种形态对照表引用了未定义的处分“\(mapping.sanction)”",
                     "the four-forms table refers to the undefined sanction \"\(mapping.sanction)\"")
            }
            if !numbers.contains(mapping.form) {
                fail("regime.unknown_form", "处分“\(mapping.sanction)”对应的第\(mapping.form)种形态不存在",
                     "sanction \"\(mapping.sanction)\" is mapped to form \(mapping.form), which does not exist")
            }
        }
    }

    mutating func recusal(_ table: RecusalTable) {
        header(table.header, table: "recusal")
        unique(table.grounds.map(\.ground.rawValue), "recusal grounds")
        for ground in table.grounds { label(ground.label, "recusal ground \(ground.ground.rawValue)") }
    }
}
