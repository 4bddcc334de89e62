import SunlightDomain

/// The four forms as `regime.md` lists them (🟡), with the sanction mapping: party sanctions 🟡
/// (the table names them per form), government sanctions ❓ (`regime.md`: keep it a table).
enum ShippedFourForms {
    static func m(_ code: String, _ zh: String, _ en: String) -> FormMeasure {
        FormMeasure(code: code, label: text(zh, en))
    }

    static let table = FourFormsTable(
        header: TableHeader(version: "2025.1", effective: LocalDate(year: 2025, month: 6, day: 1)!),
        forms: [
            OutcomeForm(
                number: 1, label: text("第一种形态", "form 1"),
                meaning: text("经常开展批评和自我批评、约谈函询，让“红红脸、出出汗”成为常态",
                              "criticism, talks and letters — \"red faces and sweat\" as the norm"),
                measures: [
                    m("reminder_talk", "提醒谈话", "reminder talk"),
                    m("criticism", "批评教育", "criticism"),
                    m("ordered_self_examination", "责令检查", "ordered self-examination"),
                    m("circulated_criticism", "通报批评", "circulated criticism"),
                    m("admonishment", "诫勉", "admonishment"),
                    m("return_of_gains", "责令退出违纪所得", "ordered to return improper gains"),
                    m("rectification_by_deadline", "限期整改", "rectification by a deadline"),
                    m("other", "其他", "other"),
                ], status: .secondary),
            OutcomeForm(
                number: 2, label: text("第二种形态", "form 2"),
                meaning: text("党纪轻处分、组织调整成为违纪处理的大多数",
                              "light party sanctions and organisational adjustment — the majority"),
                measures: [
                    m("suspension_for_examination", "停职检查", "suspension for examination"),
                    m("reassignment", "调整职务", "reassignment"),
                    m("ordered_resignation", "责令辞职", "ordered resignation"),
                    m("lowered_post", "降职", "lowered to a lower post"),
                    m("removal_from_post", "免职", "removal from post"),
                ], status: .secondary),
            OutcomeForm(
                number: 3, label: text("第三种形态", "form 3"),
                meaning: text("党纪重处分、重大职务调整的成为少数",
                              "heavy party sanctions and major post changes — a minority"),
                measures: [], status: .secondary),
            OutcomeForm(
                number: 4, label: text("第四种形态", "form 4"),
                meaning: text("严重违纪涉嫌违法立案审查的成为极少数",
                              "serious violations suspected of crime — very few"),
                measures: [
                    m("criminal_case_filed", "涉嫌职务犯罪立案审查调查", "case filed on a suspected crime"),
                    m("referred_for_prosecution", "移送检察机关依法审查起诉", "referred to the prosecution"),
                ], status: .secondary),
        ],
        sanctionForms: [
            SanctionFormMapping(sanction: "party.warning", form: 2, status: .secondary),
            SanctionFormMapping(sanction: "party.serious_warning", form: 2, status: .secondary),
            SanctionFormMapping(sanction: "gov.warning", form: 2, status: .unverified),
            SanctionFormMapping(sanction: "gov.demerit", form: 2, status: .unverified),
            SanctionFormMapping(sanction: "gov.major_demerit", form: 2, status: .unverified),
            SanctionFormMapping(sanction: "party.post_removal", form: 3, status: .secondary),
            SanctionFormMapping(sanction: "party.probation", form: 3, status: .secondary),
            SanctionFormMapping(sanction: "party.expulsion", form: 3, status: .secondary),
            SanctionFormMapping(sanction: "gov.demotion", form: 3, status: .unverified),
            SanctionFormMapping(sanction: "gov.dismissal", form: 3, status: .unverified),
            SanctionFormMapping(sanction: "gov.expulsion", form: 3, status: .unverified),
        ])
}
