import SunlightDomain

struct ServiceCase {
    let caseNo: String
    let matter: String
    let unit: String
    let received: String
    let completed: String
    let limit: Int
    let handler: String
    let status: String
}

extension CountyBuild {
    /// (matter, unit role, promised working days)
    static let matters: [(String, String, Int)] = [
        ("企业设立登记", "approval", 3), ("食品经营许可", "approval", 10), ("建设工程规划许可证核发", "approval", 15),
        ("施工许可证核发", "approval", 7), ("道路运输经营许可", "approval", 15), ("药品零售企业许可", "approval", 15),
        ("不动产首次登记", "land_registry", 5), ("不动产转移登记", "land_registry", 3), ("不动产抵押登记", "land_registry", 2),
        ("户口迁移", "police", 5), ("居民身份证换领", "police", 20), ("社会保障卡申领", "hrss", 10),
        ("失业保险金申领", "hrss", 10), ("最低生活保障申请", "civil_affairs", 30), ("临时救助申请", "civil_affairs", 10),
        ("特种设备使用登记", "market", 15), ("个体工商户登记", "market", 3), ("取水许可", "water", 20),
        ("医师执业注册", "health", 20), ("林木采伐许可证核发", "forestry", 10),
    ]

    func caseNumber(_ d: LocalDate, _ serial: Int) -> String {
        let s = String(serial)
        return region + IDAllocator.yyyymmdd(d) + String(repeating: "0", count: 5 - s.count) + s
    }

    func receivedTime(_ d: LocalDate) -> String {
        dateTime(d, hour: rng.pick([8, 9, 9, 10, 10, 11, 14, 15, 15, 16]), minute: rng.int(0...59), second: rng.int(0...59))
    }

    func handler(_ unit: String, _ d: LocalDate) -> String {
        let staff = activeOfficials(of: unit, on: d).filter { !$0.isLeader }
        let pool = staff.isEmpty ? activeOfficials(of: unit, on: d) : staff
        return pool[rng.below(pool.count)].person.id
    }

    /// Background cases: completed within the promised time, or still open but not yet late.
    func writeServiceCases() throws {
        var serial: [Int: Int] = [:]
        let first = LocalDate.d(2024, 1, 2), last = asOf.adding(days: -1)
        for c in plantedServiceCases {
            try output.write(.serviceCases, [c.caseNo, c.matter, c.unit, c.received, c.completed, String(c.limit), c.handler, c.status])
        }
        for _ in 0..<profile.serviceCases {
            let (matter, role, limit) = Self.matters[rng.below(Self.matters.count)]
            let u = unit(role)
            let d = workingDay(from: first, to: last)
            serial[d.dayNumber, default: 0] += 1
            let no = caseNumber(d, serial[d.dayNumber]! + 500)
            // Only recent cases can still be open; older ones are far beyond any limit.
            let wdToAsOf = d.days(until: asOf) > 70 ? Int.max : calendar.workingDays(after: d, through: asOf)!
            let took = rng.weighted([(0, 10), (1, 25), (2, 20), (3, 15), (4, 10), (5, 8), (6, 5), (7, 7)])
            let days = max(1, min(limit, took <= 2 ? took : Int(Double(limit) * Double(took) / 8.0)))
            let done = calendar.addingWorkingDays(days, to: d)!
            let h = handler(u, d)
            if rng.chance(0.008) {
                try output.write(.serviceCases, [no, matter, u, receivedTime(d), "", String(limit), h, "suspended"])
            } else if done >= asOf || (wdToAsOf <= limit && rng.chance(0.3)) {
                guard wdToAsOf <= limit else { continue }
                try output.write(.serviceCases, [no, matter, u, receivedTime(d), "", String(limit), h, "open"])
            } else {
                try output.write(.serviceCases, [no, matter, u, receivedTime(d), dateTime(done, hour: rng.int(9...17), minute: rng.int(0...59), second: rng.int(0...59)),
                                                 String(limit), h, "completed"])
            }
        }
    }
}
