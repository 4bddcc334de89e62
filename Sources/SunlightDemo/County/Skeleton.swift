import SunlightDomain

/// A county organ: code suffix, name (after the county name), kind, parent role, role key,
/// staff at county scale, and the category of its staff.
struct OrganTemplate {
    let suffix: String
    let name: String
    let kind: UnitKind
    let parent: String?
    let role: String
    let staff: Int
    let category: PersonCategory
}

enum Organs {
    static let all: [OrganTemplate] = [
        .init(suffix: "000001", name: "中共{c}委员会", kind: .party, parent: nil, role: "party", staff: 22, category: .civilServant),
        .init(suffix: "000002", name: "{c}人民政府", kind: .government, parent: nil, role: "gov", staff: 26, category: .civilServant),
        .init(suffix: "000003", name: "中共{c}纪律检查委员会", kind: .party, parent: "party", role: "discipline", staff: 30, category: .civilServant),
        .init(suffix: "000004", name: "中共{c}委组织部", kind: .party, parent: "party", role: "organisation", staff: 16, category: .civilServant),
        .init(suffix: "000005", name: "中共{c}委宣传部", kind: .party, parent: "party", role: "publicity", staff: 12, category: .civilServant),
        .init(suffix: "000101", name: "{c}发展和改革委员会", kind: .department, parent: "gov", role: "ndrc", staff: 24, category: .civilServant),
        .init(suffix: "000102", name: "{c}教育体育局", kind: .department, parent: "gov", role: "education", staff: 30, category: .civilServant),
        .init(suffix: "000103", name: "{c}公安局", kind: .department, parent: "gov", role: "police", staff: 60, category: .civilServant),
        .init(suffix: "000104", name: "{c}民政局", kind: .department, parent: "gov", role: "civil_affairs", staff: 22, category: .civilServant),
        .init(suffix: "000105", name: "{c}财政局", kind: .department, parent: "gov", role: "finance", staff: 36, category: .civilServant),
        .init(suffix: "000106", name: "{c}人力资源和社会保障局", kind: .department, parent: "gov", role: "hrss", staff: 26, category: .civilServant),
        .init(suffix: "000107", name: "{c}自然资源局", kind: .department, parent: "gov", role: "natural_resources", staff: 28, category: .civilServant),
        .init(suffix: "000108", name: "{c}住房和城乡建设局", kind: .department, parent: "gov", role: "housing", staff: 30, category: .civilServant),
        .init(suffix: "000109", name: "{c}交通运输局", kind: .department, parent: "gov", role: "transport", staff: 26, category: .civilServant),
        .init(suffix: "000110", name: "{c}水利局", kind: .department, parent: "gov", role: "water", staff: 22, category: .civilServant),
        .init(suffix: "000111", name: "{c}农业农村局", kind: .department, parent: "gov", role: "agriculture", staff: 30, category: .civilServant),
        .init(suffix: "000112", name: "{c}卫生健康委员会", kind: .department, parent: "gov", role: "health", staff: 24, category: .civilServant),
        .init(suffix: "000113", name: "{c}审计局", kind: .department, parent: "gov", role: "audit", staff: 18, category: .civilServant),
        .init(suffix: "000114", name: "{c}市场监督管理局", kind: .department, parent: "gov", role: "market", staff: 34, category: .civilServant),
        .init(suffix: "000115", name: "{c}生态环境局", kind: .department, parent: "gov", role: "environment", staff: 18, category: .civilServant),
        .init(suffix: "000116", name: "{c}文化广电新闻出版旅游局", kind: .department, parent: "gov", role: "culture", staff: 18, category: .civilServant),
        .init(suffix: "000117", name: "{c}应急管理局", kind: .department, parent: "gov", role: "emergency", staff: 16, category: .civilServant),
        .init(suffix: "000118", name: "{c}医疗保障局", kind: .department, parent: "gov", role: "medical_insurance", staff: 16, category: .civilServant),
        .init(suffix: "000119", name: "{c}退役军人事务局", kind: .department, parent: "gov", role: "veterans", staff: 12, category: .civilServant),
        .init(suffix: "000120", name: "{c}行政审批局", kind: .department, parent: "gov", role: "approval", staff: 24, category: .civilServant),
        .init(suffix: "000121", name: "{c}林业局", kind: .department, parent: "gov", role: "forestry", staff: 18, category: .civilServant),
        .init(suffix: "000122", name: "{c}统计局", kind: .department, parent: "gov", role: "statistics", staff: 12, category: .civilServant),
        .init(suffix: "000301", name: "{c}人民医院", kind: .institution, parent: "health", role: "hospital", staff: 90, category: .institutionStaff),
        .init(suffix: "000302", name: "{c}中医院", kind: .institution, parent: "health", role: "tcm_hospital", staff: 50, category: .institutionStaff),
        .init(suffix: "000303", name: "{c}第一中学", kind: .institution, parent: "education", role: "high_school", staff: 70, category: .institutionStaff),
        .init(suffix: "000304", name: "{c}实验小学", kind: .institution, parent: "education", role: "primary_school", staff: 45, category: .institutionStaff),
        .init(suffix: "000305", name: "{c}疾病预防控制中心", kind: .institution, parent: "health", role: "cdc", staff: 22, category: .institutionStaff),
        .init(suffix: "000306", name: "{c}不动产登记中心", kind: .institution, parent: "natural_resources", role: "land_registry", staff: 14, category: .institutionStaff),
        .init(suffix: "000307", name: "{c}公共资源交易中心", kind: .institution, parent: "gov", role: "trading_centre", staff: 12, category: .institutionStaff),
        .init(suffix: "000308", name: "{c}政务服务中心", kind: .institution, parent: "approval", role: "service_centre", staff: 20, category: .institutionStaff),
        .init(suffix: "000501", name: "{c}城市建设投资集团有限公司", kind: .soe, parent: "finance", role: "city_investment", staff: 9, category: .soeManager),
        .init(suffix: "000502", name: "{c}交通投资发展有限公司", kind: .soe, parent: "finance", role: "transport_investment", staff: 7, category: .soeManager),
        .init(suffix: "000503", name: "{c}水务有限公司", kind: .soe, parent: "finance", role: "water_company", staff: 6, category: .soeManager),
    ]

    static func posts(for kind: UnitKind, category: PersonCategory) -> (top: [String], deputy: String, staff: [String]) {
        switch (kind, category) {
        case (.party, _): return (["书记"], "副书记", ["办公室主任", "科长", "副科长", "一级科员", "二级科员"])
        case (.government, _): return (["县长"], "副县长", ["办公室主任", "秘书科长", "一级科员", "二级科员"])
        case (.institution, _): return (["主任"], "副主任", ["科室主任", "主治医师", "教师", "专业技术人员", "会计"])
        case (.soe, _): return (["董事长"], "总经理", ["副总经理", "财务总监", "部门经理"])
        case (.township, _): return (["党委书记"], "镇长", ["副镇长", "纪委书记", "办事员", "站所负责人", "一级科员"])
        default: return (["局长"], "副局长", ["股长", "副股长", "一级主任科员", "四级主任科员", "一级科员", "二级科员"])
        }
    }

    static func rank(for post: String, kind: UnitKind, category: PersonCategory) -> String {
        switch category {
        case .institutionStaff: return ["主任", "院长", "副主任"].contains(post) ? "管理岗六级" : ["教师", "主治医师"].contains(post) ? "专业技术十级" : "管理岗八级"
        case .soeManager: return "企业管理人员"
        case .villageCadre: return ""
        case .other: return "编外聘用"
        default:
            switch post {
            case "县长": return "正处级"
            case "书记" where kind == .party: return "正处级"
            case "副县长", "副书记": return "副处级"
            case "局长", "党委书记", "镇长", "主任": return "正科级"
            case "副局长", "副镇长", "纪委书记", "办公室主任", "科长": return "副科级"
            case "股长", "一级主任科员", "秘书科长": return "一级主任科员"
            case "副股长", "四级主任科员", "站所负责人": return "四级主任科员"
            case "一级科员", "办事员", "副科长": return "一级科员"
            default: return "二级科员"
            }
        }
    }
}

extension CountyBuild {
    /// Units, villages, officials and the officials' households and relatives.
    func buildSkeleton() {
        for o in Organs.all {
            let code = region + o.suffix
            let parent = o.parent.map { pr in region + Organs.all.first(where: { t in t.role == pr })!.suffix } ?? ""
            units.append(Unit(code: code, name: o.name.replacingOccurrences(of: "{c}", with: name), parent: parent, kind: o.kind, role: o.role))
            unitByRole[o.role] = code
        }
        // Townships and their villages. The first township is the county seat (城关镇) with communities.
        var troots = PlaceNames.townshipRoots
        rng.shuffle(&troots)
        var vroots = PlaceNames.villageRoots
        for t in 0..<profile.townships {
            let tcode = region + String(101 + t) + "000"
            let tname = t == 0 ? "城关镇" : troots[t] + (rng.chance(0.7) ? "镇" : "乡")
            units.append(Unit(code: tcode, name: name + tname, parent: unit("gov"), kind: .township, role: "township\(t)"))
            unitByRole["township\(t)"] = tcode
            townshipCodes.append(tcode)
            let nv = rng.int(profile.villagesPerTownship)
            rng.shuffle(&vroots)
            var croots = PlaceNames.communityRoots
            rng.shuffle(&croots)
            for j in 0..<nv {
                let community = t == 0 && j < min(nv - 1, 8)
                let vcode = region + String(101 + t) + (community ? String(format3(1 + j)) : String(201 + j))
                let vname = community ? tname + croots[j % croots.count] + "社区" : tname + vroots[j % vroots.count] + "村"
                units.append(Unit(code: vcode, name: vname, parent: tcode, kind: .village, role: "village"))
                villageIndex[vcode] = villages.count
                villages.append(Village(code: vcode, name: vname, townshipCode: tcode, isCommunity: community))
            }
        }
        specialHouseholds = Array(repeating: [], count: villages.count)

        let seatVillages = villages.indices.filter { villages[$0].townshipCode == townshipCodes[0] }
        // County organs.
        for o in Organs.all {
            let n = max(3, Int((Double(o.staff) * profile.staffScale).rounded()))
            let code = unit(o.role)
            addStaff(unit: code, kind: o.kind, category: o.category, count: n, homes: seatVillages)
            // A couple of staff outside the establishment (编外), category `other`.
            if o.kind == .department && rng.chance(0.6) {
                addStaff(unit: code, kind: o.kind, category: .other, count: 1, homes: seatVillages)
            }
        }
        // Townships.
        for (t, tcode) in townshipCodes.enumerated() {
            let homes = villages.indices.filter { villages[$0].townshipCode == tcode }
            let n = rng.int(t == 0 ? 14...20 : 9...15)
            addStaff(unit: tcode, kind: .township, category: .civilServant, count: n, homes: rng.chance(0.5) ? homes : seatVillages + homes)
        }
        // Village cadres live in their own village.
        for v in villages.indices {
            let posts = villages[v].isCommunity ? ["党委书记", "居委会主任", "副主任", "委员", "网格员"] : ["党支部书记", "村委会主任", "副主任", "委员", "文书"]
            let n = rng.int(3...5)
            for k in 0..<n {
                addOfficial(unit: villages[v].code, kind: .village, category: .villageCadre, post: posts[k],
                            isLeader: k < 2, home: v, eligibility: .none)
            }
        }
    }

    private func format3(_ n: Int) -> String { n < 10 ? "00\(n)" : n < 100 ? "0\(n)" : "\(n)" }

    private func addStaff(unit code: String, kind: UnitKind, category: PersonCategory, count: Int, homes: [Int]) {
        let posts = Organs.posts(for: kind, category: category)
        for k in 0..<count {
            let post: String, leader: Bool
            if category == .other { post = "编外聘用人员"; leader = false }
            else if k == 0 { post = posts.top[0]; leader = true }
            else if k <= max(1, count / 6) { post = posts.deputy; leader = true }
            else { post = rng.pick(posts.staff); leader = false }
            addOfficial(unit: code, kind: kind, category: category, post: post, isLeader: leader,
                        home: homes[rng.below(homes.count)], eligibility: .nonMeansTested)
        }
    }

    /// An official with a household (spouse, children, sometimes a parent) and relatives rows;
    /// sometimes parents in a separate household. Returns the official's index.
    @discardableResult
    func addOfficial(unit code: String, kind: UnitKind, category: PersonCategory, post: String, isLeader: Bool,
                     home v: Int, eligibility: BenefitEligibility, since forcedSince: LocalDate? = nil,
                     until forcedUntil: LocalDate? = nil, age: ClosedRange<Int>? = nil) -> Int {
        let male = rng.chance(category == .villageCadre ? 0.75 : 0.6)
        let ages = age ?? (isLeader ? 38...57 : category == .villageCadre ? 30...62 : 24...58)
        let p = resident(ages: ages, male: male)
        let a = p.birth.completedYears(on: asOf)
        var since = forcedSince
        var until = forcedUntil
        if forcedSince == nil && forcedUntil == nil {
            let earliest = max(p.birth.adding(months: 22 * 12).dayNumber, LocalDate.d(2000, 1, 1).dayNumber)
            let latest = LocalDate.d(2025, 10, 31).dayNumber
            let r = rng.unit()
            if r < 0.05 {
                // Recently appointed.
                since = LocalDate(dayNumber: LocalDate.d(2024, 2, 1).dayNumber + rng.below(600))
            } else if latest > earliest {
                since = LocalDate(dayNumber: earliest + rng.below(max(1, min(latest, LocalDate.d(2023, 12, 31).dayNumber) - earliest)))
            }
            if rng.chance(0.06) {
                until = LocalDate(dayNumber: LocalDate.d(2024, 3, 1).dayNumber + rng.below(640))
                if let s = since, let u = until, u <= s { until = s.adding(days: 200) }
            }
            if category == .villageCadre && rng.chance(0.3) { since = nil }
        }
        let o = Official(person: p, unitCode: code, post: post, rank: Organs.rank(for: post, kind: kind, category: category),
                         category: category, isLeader: isLeader, since: since, until: until)
        officials.append(o)
        officialsByUnit[code, default: []].append(officials.count - 1)

        // The household.
        var members = [Member(person: p, relation: "户主")]
        if a >= 24 && rng.chance(0.88) {
            let sp = resident(ages: max(20, a - 4)...(a + 3), male: !male)
            members.append(Member(person: sp, relation: "配偶"))
            relatives.append((p, sp, "spouse"))
        }
        let surname = male ? p.surname : (members.count > 1 ? members[1].person.surname : Names.surname(&rng))
        let nk = a < 26 ? 0 : rng.weighted([(0, 15), (1, 50), (2, 35)])
        for _ in 0..<nk {
            let lo = max(0, a - 36), hi = max(0, a - 23)
            let ck = rng.chance(0.5)
            let c = resident(ages: lo...hi, male: ck, surname: surname)
            members.append(Member(person: c, relation: ck ? "子" : "女"))
            relatives.append((p, c, "child"))
        }
        if a < 60 && rng.chance(0.2) {
            let pm = rng.chance(0.4)
            let par = resident(ages: (a + 22)...min(98, a + 34), male: pm, surname: pm ? p.surname : nil)
            members.append(Member(person: par, relation: pm ? "父亲" : "母亲"))
            relatives.append((p, par, "parent"))
        }
        let (h, _) = addSpecialHousehold(village: v, members: members, eligibility: eligibility)
        homeOf[p.id] = (v, h)
        // Parents living on their own, in a village of the same township or the county seat.
        if a < 58 && rng.chance(0.3) {
            let t = villages[v].townshipCode
            let near = villages.indices.filter { villages[$0].townshipCode == t }
            let pv = near[rng.below(near.count)]
            let f = resident(ages: (a + 24)...min(96, a + 34), male: true, surname: p.surname)
            var pm = [Member(person: f, relation: "户主")]
            relatives.append((p, f, "parent"))
            if rng.chance(0.7) {
                let m = resident(ages: (a + 22)...min(94, a + 32), male: false)
                pm.append(Member(person: m, relation: "配偶"))
                relatives.append((p, m, "parent"))
            }
            addSpecialHousehold(village: pv, members: pm, eligibility: min(eligibility, .nonMeansTested))
        }
        return officials.count - 1
    }
}
