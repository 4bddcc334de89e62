import SunlightDomain

/// The deadline rules of `regime.md`, transcribed. Petition steps and appeals are ✅ (read in
/// 信访工作条例 2022 and 监察法 2024); the discipline-inspection report rules and the clue
/// proposal are 🟡 (the 2020 report-handling rules were not at hand in the primary text).
enum ShippedDeadlines {
    static let petitionBasis = "《信访工作条例》（2022）"
    static let reportBasisZh = "《纪检监察机关处理检举控告工作规则》（2020）"
    static let reportBasisEn = "Rules on Handling Reports by Discipline Inspection and Supervision Bodies (2020)"
    static let appealBasisZh = "《监察法》（2024）第五十六条：复审、复核期间，不停止原处理决定的执行"
    static let appealBasisEn = "Supervision Law (2024), Art. 56: the decision is carried out during review"

    static func petition(_ article: String, _ number: Int) -> BilingualText {
        text("\(petitionBasis)第\(article)条", "Regulations on Petition Work (2022), Art. \(number)")
    }

    static let table = DeadlineTable(
        // In force from 2025-06-01, when the 2024 amendment of 监察法 (whose Art. 56 the appeal
        // rules cite) took effect; the petition rules date from 2022-05-01. 2025.2 corrects
        // 2025.1: the written notice of Art. 23 goes to a petitioner who can be told, so an
        // anonymous report no longer opens it.
        header: TableHeader(version: "2025.2", effective: LocalDate(year: 2025, month: 6, day: 1)!),
        rules: petitionRules + reportRules + clueRules + appealRules)

    static let petitionRules: [DeadlineRule] = [
        DeadlineRule(
            code: "petition.register_route", area: .petition,
            title: text("信访部门登记并转送、交办", "petition office registers and routes (forwards or assigns)"),
            basis: petition("二十二", 22), runsFrom: .received, amount: 15, unit: .calendarDays,
            status: .primary),
        DeadlineRule(
            code: "petition.acknowledge", area: .petition,
            title: text("书面告知信访人接收情况及处理途径", "tell the petitioner in writing it was received and how it is handled"),
            basis: petition("二十三", 23), runsFrom: .received, amount: 15, unit: .calendarDays,
            applicability: Applicability(realNameOnly: true), status: .primary),
        DeadlineRule(
            code: "petition.object_misrouted", area: .petition,
            title: text("对不属于本机关职权范围的转送、交办事项提出异议",
                        "object to a forwarded or assigned petition outside the body's remit"),
            basis: petition("二十三", 23), runsFrom: .received, amount: 5, unit: .workingDays,
            status: .primary),
        DeadlineRule(
            code: "petition.claim_opinion", area: .petition,
            title: text("办结申诉求决类事项并出具信访处理意见书", "written handling opinion on a claim"),
            basis: petition("三十四", 34), runsFrom: .accepted, amount: 60, unit: .calendarDays,
            extensionRule: ExtensionProvision(
                amount: 30, unit: .calendarDays, requiresApproval: true,
                approver: text("本机关、单位负责人", "the head of the body or unit"), isLimit: true,
                note: text("情况复杂的可延长，延长不得超过30日，并告知信访人延期理由",
                           "for complex cases; at most 30 days; the petitioner is told the reason")),
            applicability: Applicability(reportTypes: [.claim]), status: .primary),
        DeadlineRule(
            code: "petition.review_request", area: .petition,
            title: text("信访人请求复查", "petitioner may ask for a review (复查)"),
            basis: petition("三十五", 35), runsFrom: .replyReceived, amount: 30, unit: .calendarDays,
            status: .primary),
        DeadlineRule(
            code: "petition.review_opinion", area: .petition,
            title: text("提出复查意见并书面答复", "review opinion, answered in writing"),
            basis: petition("三十五", 35), runsFrom: .requestReceived, amount: 30, unit: .calendarDays,
            status: .primary),
        DeadlineRule(
            code: "petition.rereview_request", area: .petition,
            title: text("信访人请求复核", "petitioner may ask for a re-review (复核)"),
            basis: petition("三十六", 36), runsFrom: .replyReceived, amount: 30, unit: .calendarDays,
            status: .primary),
        DeadlineRule(
            code: "petition.rereview_opinion", area: .petition,
            title: text("提出复核意见（听证所需时间不计入）", "re-review opinion (hearing time not counted)"),
            basis: petition("三十六", 36), runsFrom: .requestReceived, amount: 30, unit: .calendarDays,
            allowsPause: true, status: .primary),
    ]

    static let reportBasis = text(reportBasisZh, reportBasisEn)
    static let accusations = Applicability(reportTypes: [.accusation])

    static let reportRules: [DeadlineRule] = [
        DeadlineRule(
            code: "report.forward_upward", area: .report,
            title: text("属于上级管辖的检举控告：转送上级", "report within a higher level's remit: forward it"),
            basis: reportBasis, runsFrom: .received, amount: 5, unit: .workingDays,
            applicability: accusations, status: .secondary),
        DeadlineRule(
            code: "report.register_forwarded", area: .report,
            title: text("收到转送的检举控告：登记，受理或转办", "forwarded report received: register, accept or re-route"),
            basis: reportBasis, runsFrom: .received, amount: 5, unit: .workingDays,
            applicability: accusations, status: .secondary),
        DeadlineRule(
            code: "report.acceptance_notice", area: .report,
            title: text("实名检举控告：告知受理情况（重复检举控告除外）",
                        "real-name report: tell the reporter it was accepted (not for repeat reports)"),
            basis: reportBasis, runsFrom: .received, amount: 15, unit: .workingDays,
            applicability: Applicability(reportTypes: [.accusation], realNameOnly: true, excludesRepeatReports: true),
            status: .secondary),
        DeadlineRule(
            code: "report.result_notice", area: .report,
            title: text("实名检举控告：告知处理结果，记录其意见", "real-name report: tell the reporter the result; record any objection"),
            basis: reportBasis, runsFrom: .closed, amount: 15, unit: .workingDays,
            applicability: Applicability(reportTypes: [.accusation], realNameOnly: true),
            status: .secondary),
        DeadlineRule(
            code: "report.assigned_case", area: .report,
            title: text("上级交办的检举控告：办结", "report assigned by a higher body (交办件): conclude"),
            basis: reportBasis, runsFrom: .received, amount: 3, unit: .months,
            extensionRule: ExtensionProvision(
                amount: 3, unit: .months, requiresApproval: true,
                approver: text("本机关主要负责人", "the head of the body"), isLimit: false,
                note: text("延长须报告上级机关；再延长须经上级机关批准",
                           "reported upward; a further extension needs the higher body's approval")),
            applicability: Applicability(reportTypes: [.accusation], sources: [.transferFromAbove]),
            status: .secondary),
    ]

    static let clueRules: [DeadlineRule] = [
        DeadlineRule(
            code: "clue.disposition_proposal", area: .clue,
            title: text("提出问题线索处置意见", "propose a disposition of the clue"),
            basis: text("纪检监察机关问题线索处置规定（二手资料）", "discipline-inspection rules on clue disposition (secondary source)"),
            runsFrom: .received, amount: 1, unit: .months, status: .secondary),
    ]

    static let appealBasis = text(appealBasisZh, appealBasisEn)

    static let appealRules: [DeadlineRule] = [
        DeadlineRule(
            code: "appeal.first_review_request", area: .appeal,
            title: text("监察对象申请复审", "the person may request a first review (复审)"),
            basis: appealBasis, runsFrom: .decisionReceived, amount: 1, unit: .months, status: .primary),
        DeadlineRule(
            code: "appeal.first_review_decision", area: .appeal,
            title: text("作出复审决定", "first-review decision"),
            basis: appealBasis, runsFrom: .requestReceived, amount: 1, unit: .months, status: .primary),
        DeadlineRule(
            code: "appeal.second_review_request", area: .appeal,
            title: text("向上一级监察机关申请复核", "the person may request a second review (复核) one level up"),
            basis: appealBasis, runsFrom: .decisionReceived, amount: 1, unit: .months, status: .primary),
        DeadlineRule(
            code: "appeal.second_review_decision", area: .appeal,
            title: text("作出复核决定", "second-review decision"),
            basis: appealBasis, runsFrom: .requestReceived, amount: 2, unit: .months, status: .primary),
    ]
}
