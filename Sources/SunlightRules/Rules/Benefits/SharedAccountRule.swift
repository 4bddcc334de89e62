import SunlightDomain

/// `benefit.shared_account` 多人共用账户: one account receives payments in one period for
/// ≥ min_people distinct people from ≥ 2 households (unknown household = its own). Subject: the
/// account.
///
/// "account compared without spaces or hyphens; a payment's household is the row's, else the
/// person's, else unknown (its own)". Rows are grouped by sorting (account, period) keys, so
/// the rule is O(n log n) however many people share one account.
public struct SharedAccountRule: SupervisionRule {
    public init() {}
    public var code: String { "benefit.shared_account" }
    public var version: Int { 1 }
    public var titleZh: String { "多人共用账户" }
    public var titleEn: String { "Account shared by several recipients" }
    public var explanationZh: String {
        "惠民资金应发放到领取人本人或其家庭的账户。同一账户在同一期间为多个不同家庭的多人收款，可能是经办人或他人截留、冒领。每个账户一条预警，列出每个涉及期间的收款人及金额。"
    }
    public var explanationEn: String {
        "Benefits should be paid into the recipient's own or household account. One account collecting for several people from different households in the same period suggests money being diverted by an official or a third party. One finding per account, listing each such period's recipients and amounts."
    }
    public var inputs: [String] { ["benefits", "households"] }
    public var parameters: [ParameterSpec] {
        [ParameterSpec(name: "min_people", kind: .integer, defaultValue: "3", minimum: "2", maximum: "1000",
                       descriptionZh: "同一期间同一账户的最少不同领取人数", descriptionEn: "fewest distinct people paid into one account in one period")]
    }

    public func evaluate(_ data: SupervisionData, _ context: RuleContext) -> RuleResult {
        if let result = RuleRun.missingInputs(self, data, context, required: [.benefits]) { return result }
        var run = RuleRun(self, context)
        let minPeople = context.parameters.integer(code, "min_people")
        var keys: [(account: Int32, period: Int32, row: Int32)] = []
        for (i, row) in data.benefits.enumerated() where row.account >= 0 { keys.append((row.account, row.period, Int32(i))) }
        keys.sort { $0.account != $1.account ? $0.account < $1.account : ($0.period != $1.period ? $0.period < $1.period : $0.row < $1.row) }
        var start = 0
        while start < keys.count {
            var end = start + 1
            while end < keys.count, keys[end].account == keys[start].account { end += 1 }
            judge(data, keys[start..<end], minPeople, &run)
            start = end
        }
        return run.result()
    }

    /// The household a row counts in: the row's, else the person's, else its own (negative).
    private func household(_ data: SupervisionData, _ row: BenefitRecord) -> Int64 {
        if row.household >= 0 { return Int64(row.household) }
        if row.idState != .empty, let h = data.householdsOfPerson.values(row.person).first { return Int64(h) }
        return -Int64(row.person) - 2
    }

    private func judge(_ data: SupervisionData, _ keys: ArraySlice<(account: Int32, period: Int32, row: Int32)>,
                       _ minPeople: Int, _ run: inout RuleRun) {
        var periodLines: [Evidence] = []
        var total: Int64 = 0
        var people: Set<Int32> = []
        var start = keys.startIndex
        while start < keys.endIndex {
            var end = start + 1
            while end < keys.endIndex, keys[end].period == keys[start].period { end += 1 }
            let rows = keys[start..<end].map { data.benefits[Int($0.row)] }
            let persons = Set(rows.map(\.person))
            let households = Set(rows.map { household(data, $0) })
            if persons.count >= minPeople && households.count >= 2 {
                let sum = rows.reduce(Int64(0)) { $0 + $1.amount }
                total += sum
                people.formUnion(persons)
                periodLines.append(.pairs([
                    ("period", .string(Display.month(keys[start].period).text)),
                    ("people_count", .int(persons.count)), ("household_count", .int(households.count)),
                    ("payments", .array(rows.map { row in
                        .pairs([("id_number", .string(data.text(row.person))), ("name", .string(data.text(row.name))),
                                ("program", .string(data.text(row.program))), ("household_id", data.optionalText(row.household)),
                                ("amount", .yuan(row.amount))])
                    })),
                    ("total", .yuan(sum)),
                ]))
            }
            start = end
        }
        guard !periodLines.isEmpty else { run.markClear(); return }
        let account = data.text(keys.first!.account)
        run.flag(
            subject: account, severity: .medium,
            zh: "账户 \(account) 在 \(periodLines.count) 个期间为多个家庭的 \(people.count) 人收取惠民资金，共 \(Display.yuan(total)) 元",
            en: "Account \(account) received benefits for \(people.count) people of several households in \(periodLines.count) period(s), \(Display.yuan(total)) yuan in total",
            evidence: .pairs([("account", .string(account)), ("min_people", .int(minPeople)),
                              ("periods", .array(periodLines)), ("people_count", .int(people.count)), ("total", .yuan(total))]))
    }
}
