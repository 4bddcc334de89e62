import SunlightDomain

/// The sanction tables of `regime.md`. Government sanctions are ✅ (公职人员政务处分法 Art. 7, 8,
/// 15, 19, 22–24, read in `law/`); party sanctions are 🟡 (中国共产党纪律处分条例, not at hand).
enum ShippedSanctions {
    static let lawZh = "《公职人员政务处分法》（2020）"
    static let lawEn = "Law on Government Sanctions for Public Officials (2020)"
    static func law(_ zh: String, _ en: String) -> BilingualText { text(lawZh + zh, lawEn + ", " + en) }
    static let partyBasis = text("《中国共产党纪律处分条例》（二手资料）", "Regulations on Disciplinary Sanctions of the CPC (secondary source)")

    static let government = GovernmentSanctionTable(
        // 公职人员政务处分法 in force from 2020-07-01 (Art. 68).
        header: TableHeader(version: "2020.1", effective: LocalDate(year: 2020, month: 7, day: 1)!),
        sanctions: [
            SanctionType(code: "gov.warning", system: .government, label: text("警告", "warning"), severity: 1,
                         periodMonths: [6], combinable: true,
                         effects: text("处分期内不得晋升职务、职级、衔级和级别", "no promotion in post, rank or grade during the period"),
                         basis: law("第七条、第八条、第十九条", "Art. 7, 8, 19"), status: .primary),
            SanctionType(code: "gov.demerit", system: .government, label: text("记过", "demerit"), severity: 2,
                         periodMonths: [12], combinable: true,
                         effects: text("不得晋升职务、职级、衔级和级别，不得晋升工资档次", "no promotion; no pay-step rise"),
                         basis: law("第七条、第八条、第十九条", "Art. 7, 8, 19"), status: .primary),
            SanctionType(code: "gov.major_demerit", system: .government, label: text("记大过", "major demerit"), severity: 3,
                         periodMonths: [18], combinable: true,
                         effects: text("不得晋升职务、职级、衔级和级别，不得晋升工资档次", "no promotion; no pay-step rise"),
                         basis: law("第七条、第八条、第十九条", "Art. 7, 8, 19"), status: .primary),
            SanctionType(code: "gov.demotion", system: .government, label: text("降级", "demotion"), severity: 4,
                         periodMonths: [24], combinable: true,
                         effects: text("不得晋升职务、职级、衔级和级别，不得晋升工资档次", "no promotion; no pay-step rise"),
                         basis: law("第七条、第八条、第十九条", "Art. 7, 8, 19"), status: .primary),
            SanctionType(code: "gov.dismissal", system: .government, label: text("撤职", "dismissal from post"), severity: 5,
                         periodMonths: [24], combinable: true,
                         effects: text("降低职务、职级、衔级和级别，同时降低工资和待遇", "post, rank and grade lowered, with pay and benefits"),
                         basis: law("第七条、第八条、第十九条", "Art. 7, 8, 19"), status: .primary),
            SanctionType(code: "gov.expulsion", system: .government, label: text("开除", "expulsion"), severity: 6,
                         periodMonths: [], combinable: false, endsRelationship: true,
                         effects: text("解除人事关系或者劳动关系，不得录用为公务员", "employment ends; never again recruited as a civil servant"),
                         basis: law("第七条、第二十四条、第二十六条", "Art. 7, 24, 26"), status: .primary),
        ],
        combinationCapMonths: 48,
        restrictions: [
            SanctionRestriction(
                category: "grassroots_self_governance",
                label: text("基层群众性自治组织中从事管理的人员", "managers in grassroots self-governing organisations"),
                who: text("村民委员会、居民委员会中从事管理的人员（监察法第十五条第五项）",
                          "people doing management in villagers' and residents' committees (Supervision Law Art. 15(5))"),
                allowed: ["gov.warning", "gov.demerit", "gov.major_demerit"],
                basis: law("第二十二条", "Art. 22"), status: .primary),
            SanctionRestriction(
                category: "other_public_duty",
                label: text("其他依法履行公职的人员", "other persons performing public duties"),
                who: text("监察法第十五条第六项规定的人员；第十五条第二项中未担任公务员、事业单位或国有企业职务的人员",
                          "persons of Supervision Law Art. 15(6); persons of Art. 15(2) holding no civil-service, public-institution or SOE post"),
                allowed: ["gov.warning", "gov.demerit", "gov.major_demerit"],
                basis: law("第二十三条", "Art. 23"), status: .primary),
        ])

    static let party = PartySanctionTable(
        // The 2023 revision of the party regulations, in force from 2024-01-01 (🟡).
        header: TableHeader(version: "2024.1", effective: LocalDate(year: 2024, month: 1, day: 1)!),
        sanctions: [
            SanctionType(code: "party.warning", system: .party, label: text("警告", "warning"), severity: 1,
                         periodMonths: [12], combinable: false,
                         effects: text("一年内不得在党内提升职务，不得向党外组织推荐担任高于原任职务的职务",
                                       "one year without promotion in the party or recommendation to a higher post outside it"),
                         basis: partyBasis, status: .secondary),
            SanctionType(code: "party.serious_warning", system: .party, label: text("严重警告", "serious warning"), severity: 2,
                         periodMonths: [18], combinable: false,
                         effects: text("一年半内不得在党内提升职务，不得向党外组织推荐担任高于原任职务的职务",
                                       "eighteen months without promotion in the party or recommendation to a higher post outside it"),
                         basis: partyBasis, status: .secondary),
            SanctionType(code: "party.post_removal", system: .party, label: text("撤销党内职务", "removal from party posts"), severity: 3,
                         periodMonths: [24], combinable: false,
                         effects: text("二年内不得在党内担任、不得向党外组织推荐担任与原任职务相当或高于原任职务的职务",
                                       "two years without a party post (or a recommended outside post) equal to or above the former one"),
                         basis: partyBasis, status: .secondary),
            SanctionType(code: "party.probation", system: .party, label: text("留党察看", "probation within the party"), severity: 4,
                         periodMonths: [12, 24], combinable: false,
                         effects: text("察看期间没有表决权、选举权和被选举权", "no vote and no right to elect or be elected during probation"),
                         basis: partyBasis, status: .secondary),
            SanctionType(code: "party.expulsion", system: .party, label: text("开除党籍", "expulsion from the party"), severity: 5,
                         periodMonths: [], combinable: false, endsRelationship: true, readmissionBarMonths: 60,
                         effects: text("五年内不得重新入党", "no re-admission for five years"),
                         basis: partyBasis, status: .secondary),
        ],
        addsUnservedRemainder: true, remainderStatus: .secondary)
}
