import SunlightDomain

/// The budget key: "unit_code|year|category[|project_code]". "payments with an empty category
/// are ignored by budget rules; project_code is part of the key only for category project;
/// several budget lines with one key are summed; a line of 0 is a line".
struct BudgetKey: Hashable, Comparable {
    var unit: Int32
    var year: Int32
    var category: Int32
    var project: Int32

    static func < (a: BudgetKey, b: BudgetKey) -> Bool {
        (a.unit, a.year, a.category, a.project) < (b.unit, b.year, b.category, b.project)
    }

    func subject(_ data: SupervisionData) -> String {
        var s = data.text(unit) + "|" + String(year) + "|" + data.text(category)
        if project >= 0 { s += "|" + data.text(project) }
        return s
    }

    func evidence(_ data: SupervisionData) -> [(String, Evidence)] {
        var fields: [(String, Evidence)] = [("unit_code", .string(data.text(unit))), ("year", .int(Int(year))),
                                            ("category", .string(data.text(category)))]
        if project >= 0 { fields.append(("project_code", .string(data.text(project)))) }
        return fields
    }
}

/// Payments per budget key, with totals and the vouchers.
struct SpendingByKey {
    var total: Int64 = 0
    var payments: [Int32] = []

    /// Vouchers listed in evidence; beyond that only their count and total are given.
    static let listLimit = 100

    static func collect(_ data: SupervisionData) -> [BudgetKey: SpendingByKey] {
        let projectSymbol = data.symbol("project")
        var spending: [BudgetKey: SpendingByKey] = [:]
        for (i, p) in data.payments.enumerated() where p.category >= 0 {
            let key = BudgetKey(unit: p.unit, year: Int32(Display.date(p.day).year), category: p.category,
                                project: p.category == projectSymbol ? p.project : SymbolTable.none)
            spending[key, default: SpendingByKey()].total += p.amount
            spending[key]!.payments.append(Int32(i))
        }
        return spending
    }

    static func budgets(_ data: SupervisionData) -> [BudgetKey: Int64] {
        let projectSymbol = data.symbol("project")
        var lines: [BudgetKey: Int64] = [:]
        for b in data.budgets {
            let key = BudgetKey(unit: b.unit, year: b.year, category: b.category,
                                project: b.category == projectSymbol ? b.project : SymbolTable.none)
            lines[key, default: 0] += b.amount
        }
        return lines
    }

    func voucherEvidence(_ data: SupervisionData) -> [(String, Evidence)] {
        let sorted = payments.sorted { a, b in
            let x = data.payments[Int(a)], y = data.payments[Int(b)]
            return x.day != y.day ? x.day < y.day : Display.naturalLess(data.text(x.voucher), data.text(y.voucher))
        }
        return [("payment_count", .int(payments.count)), ("payments_total", .yuan(total)),
                ("payments", .array(sorted.prefix(Self.listLimit).map { PaymentLedger.line(data, data.payments[Int($0)]) }))]
    }
}
