import SunlightDomain

/// budget.unbudgeted, .overrun, .three_public_increase.
extension CountyBuild {
    /// Units with ordinary payments in both years (no benford unit-year), for budget plants.
    private func budgetUnits() -> [String] {
        payingUnits().map(\.0).filter { u in
            !isBenfordYear(u, 2024) && !isBenfordYear(u, 2025) && !villageIndex.keys.contains(u)
        }
    }

    private func reserve(_ u: String, _ y: Int, _ cat: String) -> Bool {
        let key = "budget|\(u)|\(y)|\(cat)"
        if reservations.contains(key) { return false }
        reservations.insert(key)
        return true
    }

    private func tweak(_ units: [String], _ start: Int, _ y: Int, _ cat: String, _ kind: BudgetTweakKind) -> String {
        var i = start
        while !reserve(units[i % units.count], y, cat) { i += 1 }
        let u = units[i % units.count]
        budgetTweaks.append(BudgetTweak(unit: u, year: y, category: cat, projectCode: "", kind: kind))
        return u
    }

    func plantBudgets() {
        let F = flagCount, C = clearCount
        let units = budgetUnits()
        // budget.unbudgeted
        for k in 0..<(F + C) {
            if k < F {
                let (y, cat) = k % 2 == 0 ? (2025, "reception") : (2024, "general")
                let u = tweak(units, k * 3, y, cat, .omit)
                truth.flag("budget.unbudgeted", "\(u)|\(y)|\(cat)", "\(cat) payments in \(y) without any budget line")
            } else {
                let (y, cat) = (k - F) % 2 == 0 ? (2024, "vehicles") : (2025, "reception")
                let u = tweak(units, k * 3 + 1, y, cat, .zero)
                truth.clear("budget.unbudgeted", "\(u)|\(y)|\(cat)", "a budget line of 0.00 exists (an overrun, not unbudgeted)")
                truth.flag("budget.overrun", "\(u)|\(y)|\(cat)", "budget line 0.00, payments above it")
            }
        }
        // budget.overrun
        for k in 0..<(F + C) {
            if k < F {
                let (y, cat) = k % 2 == 0 ? (2025, "general") : (2024, "reception")
                let u = tweak(units, k * 5 + 2, y, cat, .minusOneFen)
                truth.flag("budget.overrun", "\(u)|\(y)|\(cat)", "payments exceed the budget line by 0.01")
            } else {
                let (y, cat) = (k - F) % 2 == 0 ? (2024, "general") : (2025, "vehicles")
                let u = tweak(units, k * 5 + 3, y, cat, .exact)
                truth.clear("budget.overrun", "\(u)|\(y)|\(cat)", "payments equal the budget line exactly (tolerance 0)")
            }
        }
        // budget.three_public_increase
        let candidates = units.filter { !reservations.contains("3p|" + $0) && !["party", "gov", "ndrc"].contains(roleOf($0)) }
        precondition(candidates.count >= F + C, "too few units for the three-public plants")
        for k in 0..<(F + C) {
            let u = candidates[k]
            reservations.insert("3p|" + u)
            if k < F {
                let cat = k % 2 == 0 ? "reception" : "vehicles"
                plantedUnitYears.append(PlantedUnitYear(unit: u, year: 2025, plan: .threePublic(category: cat, mode: 0)))
                truth.flag("budget.three_public_increase", "\(u)|2025|\(cat)", "\(cat) payments in 2025 above 2024")
            } else if (k - F) % 2 == 0 {
                plantedUnitYears.append(PlantedUnitYear(unit: u, year: 2025, plan: .threePublic(category: "reception", mode: 1)))
                truth.clear("budget.three_public_increase", "\(u)|2025|reception", "reception payments in 2025 equal to 2024 (tolerance 0)")
            } else {
                plantedUnitYears.append(PlantedUnitYear(unit: u, year: 2025, plan: .threePublic(category: "travel_abroad", mode: 2)))
                truth.clear("budget.three_public_increase", "\(u)|2025|travel_abroad", "travel abroad only in 2025 (no 2024 payments to compare)")
            }
        }
    }

    func roleOf(_ code: String) -> String { units.first { $0.code == code }?.role ?? "" }
}
