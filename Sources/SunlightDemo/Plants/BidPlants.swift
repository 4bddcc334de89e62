import SunlightDomain

/// bid.few_bidders, .short_period, .same_device, .same_bond_account, .same_contact,
/// .common_owner, .identical_prices, .regular_prices, .near_ceiling, .perennial_loser,
/// .loyal_winner, .rotation (bid.conflict is with the conflict plants).
extension CountyBuild {
    /// Background works companies used as co-bidders in planted tenders.
    var coBidderPool: [Int] {
        companies.indices.filter { companies[$0].pool == .works && !companies[$0].dedicated && companies[$0].status == .active }
    }

    func coBidders(_ n: Int, buyer: String) -> [Int] {
        // Companies that have lost several planted tenders in a row sit the next ones out, so that
        // no background bidder drifts towards ten losses without a win.
        let all = coBidderPool
        let rested = all.filter { plantBidStats.lossesSinceWin[$0, default: 0] < 5 }
        let pool = rested.count >= n + 3 ? rested : all
        for _ in 0..<50 {
            let pick = rng.sample(pool, n)
            let key = buyer + "|" + pick.map { companies[$0].uscc }.sorted().joined(separator: "+")
            if plantBidStats.setCounts[key, default: 0] == 0 { return pick }
        }
        return rng.sample(pool, n)
    }

    /// A planted tender. `winner`: index into `bidders`, or nil = the co-bidder longest without a
    /// win (background companies only). `prices`: as given, or clean random ones (distinct,
    /// irregular, the winner's the lowest valid one, at least one valid below 98 % of the ceiling).
    @discardableResult
    func plantTender(buyer: String, bidders: [Int], winner: Int? = nil, method: String = "open", published: LocalDate,
                     days: Int? = nil, ceiling: Int64, prices: [Int64]? = nil, statuses: [String]? = nil,
                     award: Bool = true, title: String? = nil) -> Int {
        let pub = nextWorking(published)
        let period = days ?? ((method == "open" || method == "invited") ? rng.int(21...28) : rng.int(5...10))
        var t = Tender(id: newTenderID(year: pub.year), title: title ?? unitName(buyer) + rng.pick(["设备采购项目", "维修改造工程", "服务采购项目", "配套工程"]),
                       buyer: buyer, method: method, ceiling: ceiling, published: pub, deadline: pub.adding(days: period))
        let st = statuses ?? Array(repeating: "valid", count: bidders.count)
        let w: Int = winner ?? {
            let bg = bidders.indices.filter { !companies[bidders[$0]].dedicated && st[$0] == "valid" }
            guard !bg.isEmpty else { return st.firstIndex(of: "valid") ?? 0 }
            let best = bg.map { plantBidStats.lossesSinceWin[bidders[$0], default: 0] }.max()!
            return bg.first { plantBidStats.lossesSinceWin[bidders[$0], default: 0] == best }!
        }()
        var amounts: [Int64]
        if let p = prices {
            amounts = p
        } else {
            amounts = []
            for _ in 0..<200 {
                var a = bidders.map { _ in Int64(Double(ceiling) * (0.86 + 0.115 * rng.unit()) / 100) * 100 + Int64(rng.below(100)) }
                a.sort()
                // The winner gets the lowest amount, the others the rest in random order.
                var rest = Array(a.dropFirst())
                rng.shuffle(&rest)
                amounts = []
                var ri = 0
                for i in bidders.indices {
                    if i == w { amounts.append(a[0]) } else { amounts.append(rest[ri]); ri += 1 }
                }
                let valid = bidders.indices.filter { st[$0] == "valid" }.map { amounts[$0] }
                if Set(a).count == a.count && !Self.isRegular(a) && !Self.isRegular(valid) { break }
            }
        }
        for (i, c) in bidders.enumerated() { t.bids.append(makeBid(c, amounts[i], t, status: st[i])) }
        if award {
            t.winner = bidders[w]
            t.awardAmount = amounts[w]
            t.awardDate = t.deadline.adding(days: rng.int(3...12))
        }
        register(t, &plantBidStats)
        tenders.append(t)
        return tenders.count - 1
    }

    private func bidBuyer(_ k: Int) -> String {
        let roles = ["housing", "transport", "water", "education", "health", "agriculture", "culture", "natural_resources"]
        return unit(roles[k % roles.count])
    }

    private func ceiling(_ k: Int) -> Int64 { Int64(rng.int(80...900)) * 1_000_000 }

    func plantBids() {
        let F = flagCount, C = clearCount
        // bid.few_bidders
        for k in 0..<(F + C) {
            let b = bidBuyer(k), d = plantDate(k, salt: 21), c = ceiling(k)
            if k < F && k % 2 == 0 {
                let i = plantTender(buyer: b, bidders: coBidders(2, buyer: b), published: d, ceiling: c)
                truth.flag("bid.few_bidders", tenders[i].id, "open tender awarded with 2 bids")
            } else if k < F {
                let i = plantTender(buyer: b, bidders: coBidders(3, buyer: b), winner: 0, method: "invited", published: d, ceiling: c,
                                    statuses: ["valid", "valid", "withdrawn"])
                truth.flag("bid.few_bidders", tenders[i].id, "invited tender: 3 bids, one withdrawn, 2 counted")
            } else if (k - F) % 2 == 0 {
                let i = plantTender(buyer: b, bidders: coBidders(3, buyer: b), published: d, ceiling: c)
                truth.clear("bid.few_bidders", tenders[i].id, "open tender with exactly 3 bids")
            } else {
                let i = plantTender(buyer: b, bidders: coBidders(2, buyer: b), method: "competitive_negotiation", published: d, ceiling: c)
                truth.clear("bid.few_bidders", tenders[i].id, "2 bids, but competitive negotiation (not open/invited)")
            }
        }
        // bid.short_period
        for k in 0..<(F + C) {
            let b = bidBuyer(k + 1), d = plantDate(k, salt: 22), c = ceiling(k)
            if k < F {
                let days = k % 2 == 0 ? 19 : 15
                let i = plantTender(buyer: b, bidders: coBidders(3 + k % 2, buyer: b), method: k % 3 == 2 ? "invited" : "open", published: d, days: days, ceiling: c)
                truth.flag("bid.short_period", tenders[i].id, "\(days) calendar days from notice to deadline")
            } else if (k - F) % 2 == 0 {
                let i = plantTender(buyer: b, bidders: coBidders(3, buyer: b), published: d, days: 20, ceiling: c)
                truth.clear("bid.short_period", tenders[i].id, "exactly 20 calendar days")
            } else {
                let i = plantTender(buyer: b, bidders: coBidders(3, buyer: b), method: "inquiry", published: d, days: 7, ceiling: c)
                truth.clear("bid.short_period", tenders[i].id, "7 days, but an inquiry (not open/invited)")
            }
        }
        // bid.same_device
        for k in 0..<(F + C) {
            let b = bidBuyer(k + 2), d = plantDate(k, salt: 23), c = ceiling(k)
            let i = plantTender(buyer: b, bidders: coBidders(4, buyer: b), published: d, ceiling: c)
            if k < F {
                switch k % 3 {
                case 0:
                    tenders[i].bids[2].device = tenders[i].bids[1].device.lowercased()
                    truth.flag("bid.same_device", tenders[i].id, "two bidders' files made on one machine (MAC written in lower case once)")
                case 1:
                    tenders[i].bids[3].ip = tenders[i].bids[0].ip
                    truth.flag("bid.same_device", tenders[i].id, "two bidders uploaded from one IP")
                default:
                    tenders[i].bids[1].fileHash = tenders[i].bids[2].fileHash.uppercased()
                    truth.flag("bid.same_device", tenders[i].id, "two bidders' files have one hash (upper case once)")
                }
            } else {
                let ip = tenders[i].bids[0].ip
                let parts = ip.split(separator: ".").map { Int($0)! }
                tenders[i].bids[1].ip = "\(parts[0]).\(parts[1]).\(parts[2]).\(parts[3] == 255 ? 254 : parts[3] + 1)"
                var dev = tenders[i].bids[2].device
                let last = dev.removeLast()
                let taken = Set(tenders[i].bids.map { $0.device.uppercased() })
                let repl = Array("0123456789ABCDEF").first { $0 != last && !taken.contains(dev + String($0)) }!
                tenders[i].bids[3].device = dev + String(repl)
                truth.clear("bid.same_device", tenders[i].id, "adjacent IPs and MACs differing in the last digit only")
            }
        }
        // bid.same_bond_account
        for k in 0..<(F + C) {
            let b = bidBuyer(k + 3), d = plantDate(k, salt: 24), c = ceiling(k)
            let i = plantTender(buyer: b, bidders: coBidders(4, buyer: b), published: d, ceiling: c)
            if k < F {
                let acct = tenders[i].bids[0].bond
                tenders[i].bids[2].bond = k % 2 == 0 ? acct : spaced(acct)
                truth.flag("bid.same_bond_account", tenders[i].id, "two bidders' bonds paid from one account\(k % 2 == 0 ? "" : " (written with spaces once)")")
            } else {
                let outsider = coBidderPool.first { cb in !tenders[i].bids.contains { $0.company == cb } }!
                tenders[i].bids[2].bond = companies[outsider].account
                truth.clear("bid.same_bond_account", tenders[i].id, "a bond paid from the account of a company that does not bid in this tender")
            }
        }
        // bid.same_contact
        for k in 0..<(F + C) {
            let b = bidBuyer(k + 4), d = plantDate(k, salt: 25), c = ceiling(k)
            let i = plantTender(buyer: b, bidders: coBidders(4, buyer: b), published: d, ceiling: c)
            if k < F && k % 2 == 0 {
                let ph = tenders[i].bids[0].contactPhone
                tenders[i].bids[3].contactPhone = String(ph.prefix(3)) + "-" + String(ph.dropFirst(3).prefix(4)) + "-" + String(ph.suffix(4))
                truth.flag("bid.same_contact", tenders[i].id, "two bidders give one contact phone (hyphenated once)")
            } else if k < F {
                tenders[i].bids[1].contactName = tenders[i].bids[2].contactName
                truth.flag("bid.same_contact", tenders[i].id, "two bidders name one contact person")
            } else {
                let ph = tenders[i].bids[0].contactPhone
                let last = Int(String(ph.last!))!
                let phones = Set(tenders[i].bids.map(\.contactPhone))
                let digit = (1...9).map { (last + $0) % 10 }.first { !phones.contains(String(ph.dropLast()) + String($0)) }!
                tenders[i].bids[1].contactPhone = String(ph.dropLast()) + String(digit)
                let n = tenders[i].bids[0].contactName
                let names = Set(tenders[i].bids.map(\.contactName))
                let given = ["伟", "玮", "炜", "巍", "薇"].first { !names.contains(String(n.prefix(1)) + $0) && !n.hasSuffix($0) }!
                tenders[i].bids[2].contactName = String(n.prefix(1)) + given
                truth.clear("bid.same_contact", tenders[i].id, "phones differ in the last digit; contact names share only the surname")
            }
        }
        // bid.common_owner
        for k in 0..<(F + C) {
            let b = bidBuyer(k + 5), d = plantDate(k, salt: 26), c = ceiling(k)
            let p = outsider(ages: 35...60, male: true)
            let rep1 = outsider(ages: 35...60, male: true), rep2 = outsider(ages: 35...60, male: rng.chance(0.5))
            var roles1 = Self.ownerRoles(rep1, pct: "60"), roles2 = Self.ownerRoles(rep2, pct: "55")
            let note: String
            let flag = k < F
            if flag && k % 2 == 0 {
                roles1.append(CompanyRole(holderID: p.id, holderUSCC: nil, holderName: p.name, role: "shareholder", sharePct: "40"))
                roles2.append(CompanyRole(holderID: p.id, holderUSCC: nil, holderName: p.name, role: "shareholder", sharePct: "45"))
                note = "both bidders have the shareholder \(p.id)"
            } else if flag {
                roles2.append(CompanyRole(holderID: rep1.id, holderUSCC: nil, holderName: rep1.name, role: "executive", sharePct: ""))
                roles1.append(CompanyRole(holderID: p.id, holderUSCC: nil, holderName: p.name, role: "shareholder", sharePct: "40"))
                roles2.append(CompanyRole(holderID: p.id, holderUSCC: nil, holderName: p.name, role: "supervisor", sharePct: ""))
                note = "one bidder's legal representative is the other's executive"
            } else if (k - F) % 2 == 0 {
                roles1.append(CompanyRole(holderID: p.id, holderUSCC: nil, holderName: p.name, role: "supervisor", sharePct: ""))
                roles2.append(CompanyRole(holderID: p.id, holderUSCC: nil, holderName: p.name, role: "supervisor", sharePct: ""))
                note = "the two bidders share only a supervisor (not counted)"
            } else {
                let holding = plantCompany(pool: .other, industry: "投资管理")
                let h = companies[holding]
                roles1.append(CompanyRole(holderID: nil, holderUSCC: h.uscc, holderName: h.name, role: "shareholder", sharePct: "40"))
                roles2.append(CompanyRole(holderID: nil, holderUSCC: h.uscc, holderName: h.name, role: "shareholder", sharePct: "45"))
                note = "the two bidders share only a corporate shareholder"
            }
            let a = plantCompany(pool: .works, legalRep: rep1, roles: roles1)
            let bb = plantCompany(pool: .works, legalRep: rep2, roles: roles2)
            let i = plantTender(buyer: b, bidders: [a, bb] + coBidders(2, buyer: b), published: d, ceiling: c)
            if flag { truth.flag("bid.common_owner", tenders[i].id, note) } else { truth.clear("bid.common_owner", tenders[i].id, note) }
        }
        // bid.identical_prices
        for k in 0..<(F + C) {
            let b = bidBuyer(k + 6), d = plantDate(k, salt: 27), c = ceiling(k)
            let low = c / 100 * 82, p2 = c / 100 * 90 + Int64(rng.below(100)), p3 = c / 100 * 95 + 37
            if k < F && k % 2 == 0 {
                let i = plantTender(buyer: b, bidders: coBidders(3, buyer: b), winner: 0, published: d, ceiling: c, prices: [low, p3, p3])
                truth.flag("bid.identical_prices", tenders[i].id, "two bidders bid \(Money.formatYuan(p3)) each")
            } else if k < F {
                let i = plantTender(buyer: b, bidders: coBidders(4, buyer: b), winner: 0, published: d, ceiling: c, prices: [low, p2, p3, p3],
                                    statuses: ["valid", "valid", "valid", "disqualified"])
                truth.flag("bid.identical_prices", tenders[i].id, "identical amounts, one of them disqualified (still counted)")
            } else if (k - F) % 2 == 0 {
                let i = plantTender(buyer: b, bidders: coBidders(4, buyer: b), winner: 0, published: d, ceiling: c, prices: [low, p2, p3, p3],
                                    statuses: ["valid", "valid", "valid", "withdrawn"])
                truth.clear("bid.identical_prices", tenders[i].id, "the identical second bid was withdrawn")
            } else {
                let i = plantTender(buyer: b, bidders: coBidders(3, buyer: b), winner: 0, published: d, ceiling: c, prices: [low, p3, p3 + 1])
                truth.clear("bid.identical_prices", tenders[i].id, "two bids differ by 0.01 yuan")
            }
        }
        // bid.regular_prices
        for k in 0..<(F + C) {
            let b = bidBuyer(k + 7), d = plantDate(k, salt: 28)
            let base = Int64(rng.int(200...800)) * 1_000_000
            let prices: [Int64], note: String, flag = k < F
            if flag && k % 3 == 0 {
                let g = base / 50
                prices = [base, base + g, base + 2 * g]
                note = "three bids in arithmetic progression (step \(Money.formatYuan(g)))"
            } else if flag && k % 3 == 1 {
                prices = [base, base * 103 / 100, base * 103 * 103 / 10_000]
                note = "three bids in geometric progression (ratio 1.03)"
            } else if flag {
                let g = base / 40
                prices = [base, base + g, base + 2 * g, base + 3 * g]
                note = "four bids in arithmetic progression"
            } else {
                prices = [base, base + base / 5, base + base / 5 + base * 2_045 / 10_000]
                note = "gaps 20 % and 20.45 % of the lowest bid: gap deviation above 1 %, ratios 20 % and 17 % apart"
            }
            let ceil = (prices.max()! * 100 / 93 / 100) * 100
            let i = plantTender(buyer: b, bidders: coBidders(prices.count, buyer: b), winner: 0, published: d, ceiling: ceil, prices: prices)
            if flag { truth.flag("bid.regular_prices", tenders[i].id, note) } else { truth.clear("bid.regular_prices", tenders[i].id, note) }
        }
        // bid.near_ceiling
        for k in 0..<(F + C) {
            let b = bidBuyer(k + 8), d = plantDate(k, salt: 29), c = Int64(rng.int(100...900)) * 1_000_000
            let at98 = c / 100 * 98, low = c / 100 * 90 + 4_321
            if k < F {
                let p1 = k % 2 == 0 ? at98 : c / 1000 * 985 + 17
                let p2 = c / 1000 * 993 + 55
                let i = plantTender(buyer: b, bidders: coBidders(3, buyer: b), winner: 0, published: d, ceiling: c, prices: [p1, p2, low],
                                    statuses: ["valid", "valid", "disqualified"])
                truth.flag("bid.near_ceiling", tenders[i].id, k % 2 == 0 ? "valid bids at exactly 98 % and 99.3 % of the ceiling" : "every valid bid within 2 % of the ceiling")
            } else if (k - F) % 2 == 0 {
                let i = plantTender(buyer: b, bidders: coBidders(3, buyer: b), winner: 0, published: d, ceiling: c, prices: [at98 - 1, c / 1000 * 993 + 55, low],
                                    statuses: ["valid", "valid", "disqualified"])
                truth.clear("bid.near_ceiling", tenders[i].id, "lowest valid bid 0.01 yuan below 98 % of the ceiling")
            } else {
                let i = plantTender(buyer: b, bidders: coBidders(3, buyer: b), winner: 0, published: d, ceiling: c, prices: [c / 1000 * 991 + 3, low, low + 77_700],
                                    statuses: ["valid", "disqualified", "disqualified"])
                truth.clear("bid.near_ceiling", tenders[i].id, "only one valid bid (near the ceiling); the others disqualified")
            }
        }
        // bid.perennial_loser: dedicated bidders ride along in background tenders and never win.
        for k in 0..<(F + C) {
            let c = plantCompany(pool: k % 2 == 0 ? .works : .goods)
            let flag = k < F
            let withdrawn = flag ? 0 : ((k - F) % 2 == 0 ? 1 : 0)
            let bids = flag ? (k % 2 == 0 ? 10 : 12) : ((k - F) % 2 == 0 ? 10 : 9)
            loserRequests.append((c, bids, withdrawn))
            if flag {
                truth.flag("bid.perennial_loser", companies[c].uscc, "\(bids) bids, no win")
            } else {
                truth.clear("bid.perennial_loser", companies[c].uscc, withdrawn > 0 ? "10 bids of which 1 withdrawn: 9 counted, no win" : "9 bids, no win (min_bids 10)")
            }
        }
        // bid.loyal_winner
        for k in 0..<(F + C) {
            let b = bidBuyer(k + 1)
            let x = plantCompany(pool: .works)
            let flag = k < F
            let (n, wins, elsewhere): (Int, Int, Bool) = flag ? (k % 2 == 0 ? (6, 5, false) : (5, 4, false)) : ((k - F) % 2 == 0 ? (4, 4, false) : (6, 5, true))
            for j in 0..<n {
                let buyer = elsewhere && j == n - 1 ? bidBuyer(k + 3) : b
                let d = LocalDate.d(2024, 1, 15).adding(days: j * 110 + (k * 17) % 90)
                let co = coBidders(2 + j % 2, buyer: buyer)
                let win = j < wins
                plantTender(buyer: buyer, bidders: [x] + co, winner: win ? 0 : 1, published: d, ceiling: ceiling(k + j))
            }
            let note = "\(n) bids\(elsewhere ? " (\(n - 1) at \(b), 1 elsewhere)" : " all at \(b)"), \(wins) wins"
            if flag { truth.flag("bid.loyal_winner", companies[x].uscc, note) } else { truth.clear("bid.loyal_winner", companies[x].uscc, note) }
        }
        // bid.rotation
        for k in 0..<(F + C) {
            let b = bidBuyer(k + 2)
            let ring = (0..<3).map { _ in plantCompany(pool: .works) }
            let flag = k < F
            let winners: [Int] = flag ? (k % 2 == 0 ? [0, 1, 2] : [0, 1, 0, 2]) : ((k - F) % 2 == 0 ? [0, 0, 0] : [0, 1])
            for (j, w) in winners.enumerated() {
                let d = LocalDate.d(2024, 3, 4).adding(days: j * 150 + (k * 23) % 100)
                plantTender(buyer: b, bidders: ring, winner: w, published: d, ceiling: ceiling(k + j))
            }
            let subject = b + "|" + ring.map { companies[$0].uscc }.sorted().joined(separator: "+")
            let note = "the same three bidders in \(winners.count) tenders, winners \(winners.map { String($0 + 1) }.joined(separator: ","))"
            if flag { truth.flag("bid.rotation", subject, note) } else { truth.clear("bid.rotation", subject, note + (winners.count < 3 ? " (only 2 tenders)" : " (one winner)")) }
        }
    }

    private func spaced(_ acct: String) -> String {
        var out = ""
        for (i, ch) in acct.enumerated() {
            if i > 0 && i % 4 == 0 { out.append(" ") }
            out.append(ch)
        }
        return out
    }
}
