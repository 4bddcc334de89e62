import Foundation
import SunlightDomain

struct Project {
    let code: String
    let name: String
    let unit: String
    var approvedBudget: Int64
    var funding: String
    let approvedDate: LocalDate
    var tenderID: String = ""
    var contract: Int64? = nil
    var final: Int64? = nil
    var approvedScale: String = ""
    var actualScale: String = ""
    var status: String
    var accepted: LocalDate? = nil
    var closed: LocalDate? = nil
    var winner: Int? = nil
    var installments: [(LocalDate, Int64)] = []
}

struct Bid {
    let company: Int
    var amount: Int64
    var status: String = "valid"
    var submitted: String = ""
    var fileHash: String = ""
    var device: String = ""
    var ip: String = ""
    var bond: String = ""
    var contactName: String = ""
    var contactPhone: String = ""
}

struct Tender {
    let id: String
    let title: String
    let buyer: String
    let method: String
    var ceiling: Int64?
    let published: LocalDate
    var deadline: LocalDate
    var deadlineTime = "09:30:00"
    var awardDate: LocalDate? = nil
    var winner: Int? = nil
    var awardAmount: Int64? = nil
    var bids: [Bid] = []
}

/// Per-bidder and per-buyer statistics kept while tenders are made, so that the background never
/// produces a perennial loser, a loyal winner or a rotation set by accident.
struct BidStats {
    var bids: [Int: Int] = [:]
    var wins: [Int: Int] = [:]
    var lossesSinceWin: [Int: Int] = [:]
    var setCounts: [String: Int] = [:]
}

extension CountyBuild {
    func newTenderID(year: Int) -> String {
        tenderSerial += 1
        let s = String(tenderSerial)
        return region + "-ZB-\(year)-" + String(repeating: "0", count: 4 - s.count) + s
    }

    func newProjectCode(year: Int) -> String {
        projectSerial += 1
        let s = String(projectSerial)
        return "\(year)-\(region)-48-01-" + String(repeating: "0", count: 6 - s.count) + s
    }

    func dateTime(_ d: LocalDate, hour: Int, minute: Int, second: Int = 0) -> String {
        func p2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return d.iso + " " + p2(hour) + ":" + p2(minute) + ":" + p2(second)
    }

    /// A bid with the company's own identity (device, bond account, contact) and fresh IP and hash.
    func makeBid(_ company: Int, _ amount: Int64, _ t: Tender, status: String = "valid") -> Bid {
        let c = companies[company]
        let back = rng.int(0...min(4, max(0, t.published.days(until: t.deadline) - 1)))
        let day = t.deadline.adding(days: -back)
        let sub = dateTime(day, hour: back == 0 ? rng.int(7...8) : rng.int(8...17), minute: rng.int(0...59), second: rng.int(0...59))
        return Bid(company: company, amount: amount, status: status, submitted: sub, fileHash: rng.hex(64), device: c.device,
                   ip: codes.ip(), bond: c.account, contactName: c.contactName, contactPhone: c.contactPhone)
    }

    /// Whether sorted amounts form an arithmetic or geometric progression under `rules.md`
    /// (checked under both readings of "within 1 % of the mean step": relative and absolute).
    static func isRegular(_ raw: [Int64]) -> Bool {
        let a = raw.sorted()
        guard a.count >= 3 else { return false }
        let gaps = (1..<a.count).map { Double(a[$0] - a[$0 - 1]) }
        let mg = gaps.reduce(0, +) / Double(gaps.count)
        if gaps.allSatisfy({ abs($0 - mg) <= max(100, 0.01 * mg) }) { return true }
        let steps = (1..<a.count).map { Double(a[$0]) / Double(a[$0 - 1]) - 1 }
        let ms = steps.reduce(0, +) / Double(steps.count)
        if steps.allSatisfy({ abs($0 - ms) <= 0.01 * ms }) { return true }
        if steps.allSatisfy({ abs($0 - ms) <= 0.01 }) { return true }
        return false
    }

    func setKey(_ t: Tender) -> String {
        let usccs = t.bids.filter { $0.status != "withdrawn" }.map { companies[$0.company].uscc }.sorted()
        return t.buyer + "|" + usccs.joined(separator: "+")
    }

    func register(_ t: Tender, _ stats: inout BidStats) {
        for b in t.bids where b.status != "withdrawn" {
            stats.bids[b.company, default: 0] += 1
            if t.winner == b.company {
                stats.wins[b.company, default: 0] += 1
                stats.lossesSinceWin[b.company] = 0
            } else {
                stats.lossesSinceWin[b.company, default: 0] += 1
            }
        }
        if t.bids.filter({ $0.status != "withdrawn" }).count >= 3 { stats.setCounts[setKey(t), default: 0] += 1 }
    }

    /// A clean background tender: 3–6 bidders from `pool`, the winner the bidder longest without a
    /// win, distinct and irregular prices with at least one below 98 % of the ceiling, the
    /// requested perennial losers added as extra (higher) bidders.
    func backgroundTender(buyer: String, method: String, title: String, ceiling: Int64, published: LocalDate,
                          pool: [Int], stats: inout BidStats, losers: inout [(Int, Int, Int)], award: Bool = true) -> Tender {
        let open = method == "open" || method == "invited"
        var t = Tender(id: newTenderID(year: published.year), title: title, buyer: buyer, method: method, ceiling: ceiling,
                       published: published, deadline: published.adding(days: open ? rng.int(20...30) : rng.int(5...12)))
        t.deadlineTime = rng.pick(["09:00:00", "09:30:00", "10:00:00", "14:30:00"])
        let eligible = pool.filter { companies[$0].established < published.adding(days: -200) }
        var chosen: [Int] = []
        for _ in 0..<60 {
            chosen = rng.sample(eligible, rng.weighted([(3, 35), (4, 30), (5, 22), (6, 13)]))
            let key = buyer + "|" + chosen.map { companies[$0].uscc }.sorted().joined(separator: "+")
            if stats.setCounts[key, default: 0] < 2 { break }
        }
        // The eligible company longest without a win joins (and will win) if it is at risk of
        // becoming a perennial loser.
        if let atRisk = eligible.max(by: { (stats.lossesSinceWin[$0, default: 0], $1) < (stats.lossesSinceWin[$1, default: 0], $0) }),
           stats.lossesSinceWin[atRisk, default: 0] >= 4, !chosen.contains(atRisk) {
            chosen[rng.below(chosen.count)] = atRisk
        }
        // Winner: the one who has gone longest without winning (ties at random).
        let best = chosen.map { stats.lossesSinceWin[$0, default: 0] }.max() ?? 0
        let cands = chosen.filter { stats.lossesSinceWin[$0, default: 0] == best }
        let winner = cands[rng.below(cands.count)]
        var others = chosen.filter { $0 != winner }
        rng.shuffle(&others)
        let order = [winner] + others
        // The highest bid of four or more is sometimes disqualified or withdrawn.
        var statuses = Array(repeating: "valid", count: order.count)
        if order.count >= 4 {
            let r = rng.unit()
            if r < 0.06 { statuses[order.count - 1] = "disqualified" } else if r < 0.09 { statuses[order.count - 1] = "withdrawn" }
        }
        var amounts: [Int64] = []
        for _ in 0..<200 {
            amounts = chosen.map { _ in Int64(Double(ceiling) * (0.86 + 0.115 * rng.unit()) / 100) * 100 + Int64(rng.below(100)) }
            amounts.sort()
            let valid = amounts.indices.filter { statuses[$0] == "valid" }.map { amounts[$0] }
            if Set(amounts).count == amounts.count && !Self.isRegular(amounts) && !Self.isRegular(valid) { break }
        }
        for (k, c) in order.enumerated() {
            t.bids.append(makeBid(c, amounts[k], t, status: statuses[k]))
        }
        // Perennial losers ride along, bidding above the others.
        var added = 0
        for li in losers.indices.sorted(by: { losers[$0].1 > losers[$1].1 }) where losers[li].1 > 0 && added < 3 {
            let (c, remaining, withdrawn) = losers[li]
            if chosen.contains(c) { continue }
            var price: Int64 = 0
            for _ in 0..<100 {
                let hi = t.bids.map(\.amount).max()!
                price = hi + Int64(Double(ceiling - hi) * (0.2 + 0.6 * rng.unit()))
                let valid = t.bids.filter { $0.status == "valid" }.map(\.amount) + [price]
                if !t.bids.contains(where: { $0.amount == price }) && !Self.isRegular(valid) { break }
            }
            let status = withdrawn > 0 && remaining <= withdrawn ? "withdrawn" : "valid"
            t.bids.append(makeBid(c, price, t, status: status))
            losers[li].1 -= 1
            if status == "withdrawn" { losers[li].2 -= 1 }
            added += 1
        }
        if award {
            t.winner = winner
            t.awardAmount = t.bids.first { $0.company == winner }!.amount
            t.awardDate = t.deadline.adding(days: rng.int(3...15))
        }
        register(t, &stats)
        return t
    }

    static let fundingSources = ["一般公共预算资金", "地方政府专项债券", "上级专项补助资金", "政府性基金预算资金", "一般债券资金", "单位自筹资金"]

    func projectTitle(_ unitRole: String, _ unitName: String) -> (String, String) {
        let place = unitName.replacingOccurrences(of: name, with: "")
        switch unitRole {
        case "transport": let n = rng.pick(PlaceNames.villageRoots); return ("\(name)\(n)至\(rng.pick(PlaceNames.townshipRoots))公路改建工程", String(format: "%.1f公里", 2 + 20 * rng.unit()))
        case "water": return ("\(name)\(rng.pick(PlaceNames.townshipRoots))河综合治理工程", String(format: "%.1f公里", 1 + 10 * rng.unit()))
        case "education": return ("\(name)\(rng.pick(["第二中学", "城东小学", "实验中学", "第三小学", "职业中学"]))\(rng.pick(["教学楼", "综合楼", "学生宿舍", "食堂"]))建设项目", "\(rng.int(20...120) * 100)平方米")
        case "health": return ("\(name)\(rng.pick(PlaceNames.townshipRoots))卫生院改扩建工程", "\(rng.int(15...60) * 100)平方米")
        case "agriculture": return ("\(name)\(rng.int(2024...2025))年高标准农田建设项目（\(rng.pick(PlaceNames.townshipRoots))片区）", "\(rng.int(20...120) * 100)亩")
        case "housing": return ("\(name)\(rng.pick(PlaceNames.communityRoots))片区老旧小区改造项目", "\(rng.int(300...1500))户")
        case "natural_resources": return ("\(name)\(rng.pick(PlaceNames.townshipRoots))土地整治项目", "\(rng.int(10...80) * 100)亩")
        case "culture": return ("\(name)\(rng.pick(["文化馆", "图书馆", "全民健身中心", "乡村文化广场"]))建设项目", "\(rng.int(10...60) * 100)平方米")
        default: return ("\(place)\(rng.pick(PlaceNames.villageRoots))村\(rng.pick(["道路硬化", "饮水安全巩固提升", "人居环境整治", "桥梁维修"]))工程", String(format: "%.1f公里", 0.5 + 5 * rng.unit()))
        }
    }

    /// Installments of a contract within 2024–2025: spaced ≥ 45 days, never in the edge band.
    func installments(contract: Int64, from start: LocalDate, until end: LocalDate, share: Double) -> [(LocalDate, Int64)] {
        let total = Int64(Double(contract) * share)
        guard total > 0 else { return [] }
        let k = max(1, min(6, Int(total / 120_000_000)))
        var out: [(LocalDate, Int64)] = []
        var d = start
        var left = total
        for i in 0..<k {
            var a = i == k - 1 ? left : Int64(Double(total) / Double(k) * (0.85 + 0.3 * rng.unit()))
            a = min(a, left)
            if a >= 94_900_000 && a < 100_000_000 { a = 94_000_000 + Int64(rng.below(800_000)) }
            left -= a
            let day = nextWorking(d)
            if day > end || day > LocalDate.d(2025, 12, 31) { break }
            if day >= LocalDate.d(2024, 1, 2) && a > 0 { out.append((day, a)) }
            d = d.adding(days: rng.int(45...120))
        }
        return out
    }

    /// Background projects, their tenders and the goods tenders; then writes projects, tenders, bids.
    func buildProcurement() throws {
        var stats = plantBidStats
        var losers = loserRequests
        let works = companies.indices.filter { companies[$0].pool == .works && !companies[$0].dedicated && companies[$0].status == .active }
        let goods = companies.indices.filter { companies[$0].pool == .goods && !companies[$0].dedicated && companies[$0].status == .active }
        let ownerRoles = ["housing", "transport", "water", "education", "health", "agriculture", "natural_resources", "culture"]
            + (0..<profile.townships).map { "township\($0)" }
        var plantedProjects = projects
        projects = []
        // Goods and services tenders are interleaved with works tenders by date order of creation.
        var goodsLeft = profile.goodsTenders
        let buyers = ["education", "health", "hospital", "high_school", "police", "agriculture", "finance", "civil_affairs", "tcm_hospital", "cdc", "approval", "market"]
        for k in 0..<profile.projects {
            let role = ownerRoles[k % ownerRoles.count]
            let unitCode = unit(role)
            let (title, scale) = projectTitle(role, unitName(unitCode))
            let approvedDate = LocalDate(dayNumber: LocalDate.d(2022, 3, 1).dayNumber + rng.below(1_200))
            let status = approvedDate > LocalDate.d(2025, 9, 1) ? rng.pick(["planned", "tendering"]) :
                rng.weighted([("planned", 6), ("tendering", 6), ("building", 36), ("accepted", 22), ("closed", 30)])
            let approved = Int64(pow(10, 5.7 + 1.9 * rng.unit())) * 100
            var p = Project(code: newProjectCode(year: approvedDate.year), name: title, unit: unitCode, approvedBudget: approved,
                            funding: rng.pick(Self.fundingSources), approvedDate: approvedDate, approvedScale: scale, status: status)
            if status == "planned" { projects.append(p); continue }
            let needsTender = approved >= 400_000_000
            if status == "tendering" {
                if needsTender || rng.chance(0.5) {
                    let pub = max(approvedDate.adding(days: 20), LocalDate.d(2026, 1, 5)).adding(days: rng.below(60))
                    let t = Tender(id: newTenderID(year: pub.year), title: title, buyer: unitCode, method: needsTender ? "open" : "inquiry",
                                   ceiling: approved / 100 * 98, published: nextWorking(pub), deadline: nextWorking(pub).adding(days: needsTender ? 22 : 7))
                    p.tenderID = t.id
                    tenders.append(t)
                }
                projects.append(p)
                continue
            }
            // Building, accepted or closed: awarded.
            var awardDate: LocalDate
            let accepted: LocalDate? = status == "accepted" ? LocalDate(dayNumber: LocalDate.d(2025, 4, 8).dayNumber + rng.below(340))
                : status == "closed" ? LocalDate(dayNumber: LocalDate.d(2023, 3, 1).dayNumber + rng.below(800)) : nil
            let latestAward = (accepted?.adding(days: -200) ?? LocalDate.d(2025, 9, 30))
            let earliestPub = approvedDate.adding(days: 20)
            var pub = LocalDate(dayNumber: earliestPub.dayNumber + rng.below(max(1, latestAward.dayNumber - earliestPub.dayNumber - 40)))
            pub = nextWorking(pub)
            let ceiling = approved / 100 * Int64(rng.int(96...100))
            let winnerCompany: Int
            let contract: Int64
            if needsTender || rng.chance(0.4) {
                let method = needsTender ? (rng.chance(0.9) ? "open" : "invited") : rng.pick(["inquiry", "consultation", "competitive_negotiation"])
                let t = backgroundTender(buyer: unitCode, method: method, title: title + "施工", ceiling: ceiling, published: pub,
                                         pool: works, stats: &stats, losers: &losers)
                tenders.append(t)
                p.tenderID = t.id
                winnerCompany = t.winner!
                contract = t.awardAmount!
                awardDate = t.awardDate!
            } else {
                winnerCompany = works[rng.below(works.count)]
                contract = Int64(Double(ceiling) * (0.88 + 0.1 * rng.unit()) / 100) * 100
                awardDate = pub.adding(days: 10)
            }
            p.winner = winnerCompany
            p.contract = contract
            if let acc = accepted {
                p.accepted = max(acc, awardDate.adding(days: 120))
                p.final = Int64(Double(contract) * (0.97 + 0.07 * rng.unit()))
                p.actualScale = rng.chance(0.8) ? scale : shrink(scale)
                if status == "closed" {
                    p.closed = min(p.accepted!.adding(days: rng.int(60...280)), asOf.adding(days: -3))
                    if p.closed! <= p.accepted! { p.status = "accepted"; p.closed = nil; p.accepted = LocalDate.d(2025, 6, 1) }
                }
            }
            let share = status == "building" ? 0.3 + 0.4 * rng.unit() : 0.9
            p.installments = installments(contract: p.final ?? contract, from: awardDate.adding(days: rng.int(20...40)),
                                          until: p.accepted ?? LocalDate.d(2025, 12, 31), share: share)
            projects.append(p)
            // A goods tender now and then.
            let goodsDue = profile.goodsTenders * (k + 1) / profile.projects
            while profile.goodsTenders - goodsLeft < goodsDue {
                goodsLeft -= 1
                let br = buyers[rng.below(buyers.count)]
                let gpub = nextWorking(LocalDate(dayNumber: LocalDate.d(2024, 1, 8).dayNumber + rng.below(700)))
                let method = rng.weighted([("open", 45), ("invited", 8), ("consultation", 17), ("competitive_negotiation", 10), ("inquiry", 20)])
                let gceil = Int64(pow(10, 5.3 + 1.3 * rng.unit())) * 100
                let what = rng.pick(["办公设备采购", "信息化系统建设", "物业管理服务", "医疗设备采购", "教学设备采购", "车辆维修服务", "食堂食材配送", "印刷服务", "安保服务", "绿化养护服务"])
                tenders.append(backgroundTender(buyer: unit(br), method: method, title: unitName(unit(br)) + what, ceiling: gceil,
                                                published: gpub, pool: goods, stats: &stats, losers: &losers))
            }
        }
        projects += plantedProjects
        plantedProjects = []
        precondition(losers.allSatisfy { $0.1 == 0 }, "not enough tenders for the planted perennial losers")
        try writeProcurement()
    }

    private func shrink(_ scale: String) -> String {
        let digits = scale.prefix { $0.isNumber || $0 == "." }
        let unitText = scale.dropFirst(digits.count)
        guard let v = Double(digits) else { return scale }
        if digits.contains(".") { return String(format: "%.1f", v * 0.95) + unitText }
        return String(Int(v * 0.95)) + unitText
    }

    func writeProcurement() throws {
        for p in projects {
            try output.write(.projects, [p.code, p.name, p.unit, Money.formatYuan(p.approvedBudget), p.funding, p.approvedDate.iso, p.tenderID,
                                         p.contract.map(Money.formatYuan) ?? "", p.final.map(Money.formatYuan) ?? "", p.approvedScale,
                                         p.actualScale, p.status, p.accepted?.iso ?? "", p.closed?.iso ?? ""])
        }
        for t in tenders {
            try output.write(.tenders, [t.id, t.title, t.buyer, t.method, t.ceiling.map(Money.formatYuan) ?? "", t.published.iso,
                                        t.deadline.iso + " " + t.deadlineTime, t.awardDate?.iso ?? "",
                                        t.winner.map { companies[$0].uscc } ?? "", t.awardAmount.map(Money.formatYuan) ?? ""])
            for b in t.bids {
                let c = companies[b.company]
                try output.write(.bids, [t.id, c.uscc, c.name, Money.formatYuan(b.amount), b.submitted, b.status, b.fileHash,
                                         b.device, b.ip, b.bond, b.contactName, b.contactPhone])
            }
        }
    }
}
