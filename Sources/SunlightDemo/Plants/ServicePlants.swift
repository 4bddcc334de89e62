import SunlightDomain

/// service.overdue and service.stalled.
extension CountyBuild {
    func plantServices() {
        let F = flagCount, C = clearCount
        var serial: [Int: Int] = [:]
        func caseNo(_ d: LocalDate) -> String {
            serial[d.dayNumber, default: 0] += 1
            return caseNumber(d, serial[d.dayNumber]!)
        }
        for k in 0..<(F + C) {
            let (matter, role, limit) = Self.matters[(k * 3) % Self.matters.count]
            let u = unit(role)
            let d = plantDate(k, salt: 51)
            var completed: LocalDate
            let note: String
            if k < F {
                let late = 1 + k % 3
                completed = calendar.addingWorkingDays(limit + late, to: d)!
                note = "\(limit + late) working days for a \(limit)-day limit"
            } else if (k - F) % 2 == 0 {
                completed = calendar.addingWorkingDays(limit, to: d)!
                note = "completed on the \(limit)th working day, exactly at the limit"
            } else {
                // Completed on the non-working day right after the last allowed working day.
                var base = d
                while true {
                    let last = calendar.addingWorkingDays(limit, to: base)!
                    if calendar.isWorkingDay(last.adding(days: 1)) == false { completed = last.adding(days: 1); break }
                    base = calendar.nextWorkingDay(onOrAfter: base.adding(days: 1))!
                }
                let c = ServiceCase(caseNo: caseNo(base), matter: matter, unit: u, received: receivedTime(base),
                                    completed: dateTime(completed, hour: 10, minute: 12), limit: limit, handler: handler(u, base), status: "completed")
                plantedServiceCases.append(c)
                truth.clear("service.overdue", c.caseNo, "completed on \(completed.iso), a non-working day: still \(limit) working days")
                continue
            }
            let c = ServiceCase(caseNo: caseNo(d), matter: matter, unit: u, received: receivedTime(d),
                                completed: dateTime(completed, hour: 16, minute: 5 + k % 50), limit: limit, handler: handler(u, d), status: "completed")
            plantedServiceCases.append(c)
            if k < F { truth.flag("service.overdue", c.caseNo, note) } else { truth.clear("service.overdue", c.caseNo, note) }
        }
        for k in 0..<(F + C) {
            let (matter, role, limit) = Self.matters[(k * 5 + 1) % Self.matters.count]
            let u = unit(role)
            if k < F {
                let over = k % 2 == 0 ? 1 : 10 + k
                let d = calendar.addingWorkingDays(-(limit + over), to: asOf)!
                let c = ServiceCase(caseNo: caseNo(d), matter: matter, unit: u, received: receivedTime(d), completed: "", limit: limit,
                                    handler: handler(u, d), status: k % 3 == 2 ? "" : "open")
                plantedServiceCases.append(c)
                truth.flag("service.stalled", c.caseNo, "open \(limit + over) working days to the as-of date, limit \(limit)\(c.status.isEmpty ? " (no status, no completion)" : "")")
            } else if (k - F) % 2 == 0 {
                let d = calendar.addingWorkingDays(-limit, to: asOf)!
                let c = ServiceCase(caseNo: caseNo(d), matter: matter, unit: u, received: receivedTime(d), completed: "", limit: limit,
                                    handler: handler(u, d), status: "open")
                plantedServiceCases.append(c)
                truth.clear("service.stalled", c.caseNo, "open exactly \(limit) working days to the as-of date")
            } else {
                let d = plantDate(k, salt: 52)
                let c = ServiceCase(caseNo: caseNo(d), matter: matter, unit: u, received: receivedTime(d), completed: "", limit: limit,
                                    handler: handler(u, d), status: "suspended")
                plantedServiceCases.append(c)
                truth.clear("service.stalled", c.caseNo, "suspended since \(d.iso) (not open)")
            }
        }
    }
}
