import SunlightDomain

/// project.no_funding, .overrun, .scale_increase, .no_tender, .unclosed.
extension CountyBuild {
    private func plantProject(_ k: Int, approved: Int64, status: String, contract: Int64? = nil, final: Int64? = nil,
                              funding: String? = nil, scale: (String, String)? = nil, accepted: LocalDate? = nil,
                              closed: LocalDate? = nil) -> Project {
        let roles = ["housing", "transport", "water", "education", "health", "agriculture", "township1", "township2"]
        let role = roles[k % roles.count]
        let u = unit(role.hasPrefix("township") ? "township\(min(Int(role.dropFirst(8))!, profile.townships - 1))" : role)
        let (title, sc) = projectTitle(role.hasPrefix("township") ? "township" : role, unitName(u))
        let approvedDate = LocalDate.d(2023, 2, 1).adding(days: (k * 37) % 500)
        var p = Project(code: newProjectCode(year: approvedDate.year), name: title, unit: u, approvedBudget: approved,
                        funding: funding ?? rng.pick(Self.fundingSources), approvedDate: approvedDate, status: status)
        p.contract = contract
        p.final = final
        p.approvedScale = scale?.0 ?? sc
        p.actualScale = scale?.1 ?? (status == "accepted" || status == "closed" ? sc : "")
        p.accepted = accepted
        p.closed = closed
        return p
    }

    func plantProjects() {
        let F = flagCount, C = clearCount
        let recent = LocalDate.d(2025, 10, 20)
        for k in 0..<(F + C) {
            // project.no_funding
            let rule = "project.no_funding"
            if k < F {
                let status = ["building", "accepted", "tendering"][k % 3]
                let approved = Int64(rng.int(80...380)) * 1_000_000
                var p = plantProject(k, approved: approved, status: status, contract: status == "tendering" ? nil : approved / 100 * 93,
                                     funding: "", accepted: status == "accepted" ? recent.adding(days: k) : nil)
                if status == "tendering" {
                    let i = plantTender(buyer: p.unit, bidders: [], method: "inquiry", published: LocalDate.d(2026, 2, 2), ceiling: approved, award: false, title: p.name)
                    p.tenderID = tenders[i].id
                }
                projects.append(p)
                truth.flag(rule, p.code, "no funding source, status \(status)\(status == "tendering" ? " with a tender" : " with a contract")")
            } else {
                let p = plantProject(k, approved: Int64(rng.int(80...380)) * 1_000_000, status: "planned", funding: "")
                projects.append(p)
                truth.clear(rule, p.code, "no funding source yet, but only planned (no tender, no contract)")
            }
        }
        for k in 0..<(F + C) {
            // project.overrun
            let rule = "project.overrun"
            let approved = Int64(rng.int(10...35)) * 10_000_000   // whole 100,000 yuan: 10 % is exact in fen; ×1.12 stays below 4,000,000
            let acc = recent.adding(days: -k)
            if k < F {
                let (contract, final): (Int64, Int64?) = k % 2 == 0 ? (approved / 100 * 97, approved * 11_001 / 10_000) : (approved * 112 / 100, nil)
                let p = plantProject(k, approved: approved, status: final == nil ? "building" : "accepted", contract: contract, final: final,
                                     accepted: final == nil ? nil : acc)
                projects.append(p)
                truth.flag(rule, p.code, k % 2 == 0 ? "final account 10.01 % over the approved budget" : "contract 12 % over the approved budget")
            } else {
                let p = plantProject(k, approved: approved, status: "accepted", contract: approved, final: approved * 11 / 10, accepted: acc)
                projects.append(p)
                truth.clear(rule, p.code, "final account exactly 10 % over the approved budget")
            }
        }
        for k in 0..<(F + C) {
            // project.scale_increase
            let rule = "project.scale_increase"
            let approved = Int64(rng.int(80...380)) * 1_000_000
            let acc = recent.adding(days: -(k % 30))
            let km = Double(rng.int(15...60)) / 10
            let scale: (String, String), note: String, flag = k < F
            if flag {
                scale = k % 2 == 0 ? (String(format: "%.1f公里", km), String(format: "%.1f公里", km + 0.6)) : ("\(rng.int(30...90) * 100)平方米", "")
                if k % 2 == 1 {
                    let m2 = Int(scale.0.prefix { $0.isNumber })!
                    note = "built \(m2 + 850)平方米 against \(m2) approved"
                    let p = plantProject(k, approved: approved, status: "accepted", contract: approved / 100 * 95, final: approved / 100 * 97,
                                         scale: (scale.0, "\(m2 + 850)平方米"), accepted: acc)
                    projects.append(p)
                    truth.flag(rule, p.code, note)
                    continue
                }
                note = "built \(scale.1) against \(scale.0) approved"
            } else if (k - F) % 2 == 0 {
                scale = (String(format: "%.1f公里", km), String(format: "%.1f公里", km))
                note = "actual scale equals the approved scale"
            } else {
                scale = (String(format: "%.1f公里", km), "\(Int(km * 1000) + 200)米")
                note = "units differ (公里 vs 米): not compared"
            }
            let p = plantProject(k, approved: approved, status: "accepted", contract: approved / 100 * 95, final: approved / 100 * 97,
                                 scale: scale, accepted: acc)
            projects.append(p)
            if flag { truth.flag(rule, p.code, note) } else { truth.clear(rule, p.code, note) }
        }
        for k in 0..<(F + C) {
            // project.no_tender
            let rule = "project.no_tender"
            if k < F {
                let contract: Int64 = k % 2 == 0 ? 400_000_000 : Int64(rng.int(45...90)) * 10_000_000
                let p = plantProject(k, approved: contract / 100 * 104, status: "building", contract: contract)
                projects.append(p)
                truth.flag(rule, p.code, "contract \(Money.formatYuan(contract)) without a tender")
            } else {
                let p = plantProject(k, approved: 410_000_000, status: "building", contract: 399_999_999)
                projects.append(p)
                truth.clear(rule, p.code, "contract 3999999.99, just below the 4,000,000 threshold")
            }
        }
        for k in 0..<(F + C) {
            // project.unclosed
            let rule = "project.unclosed"
            let approved = Int64(rng.int(80...380)) * 1_000_000
            if k < F {
                let acc = k % 2 == 0 ? asOf.adding(days: -366) : LocalDate.d(2024, 6, 1).adding(days: k * 13)
                let p = plantProject(k, approved: approved, status: "accepted", contract: approved / 100 * 94, final: approved / 100 * 96, accepted: acc)
                projects.append(p)
                truth.flag(rule, p.code, "accepted \(acc.iso), not closed \(acc.days(until: asOf)) days later")
            } else if (k - F) % 2 == 0 {
                let acc = asOf.adding(days: -365)
                let p = plantProject(k, approved: approved, status: "accepted", contract: approved / 100 * 94, final: approved / 100 * 96, accepted: acc)
                projects.append(p)
                truth.clear(rule, p.code, "accepted \(acc.iso), exactly 365 days before the as-of date")
            } else {
                let acc = LocalDate.d(2023, 9, 12).adding(days: k)
                let p = plantProject(k, approved: approved, status: "closed", contract: approved / 100 * 94, final: approved / 100 * 96,
                                     accepted: acc, closed: acc.adding(days: 200))
                projects.append(p)
                truth.clear(rule, p.code, "accepted \(acc.iso) and closed 200 days later")
            }
        }
    }
}
