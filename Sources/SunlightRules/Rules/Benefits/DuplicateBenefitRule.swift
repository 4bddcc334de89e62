import SunlightDomain

/// `benefit.duplicate` 重复领取: one person gets the same program twice in a period, or two
/// mutually exclusive programs in the same period. Subject `id_number|period`.
///
/// "'twice' = two rows with the same (id, program, period) in the roll"; "exclusive_with is
/// symmetric"; all programs are looked at.
public struct DuplicateBenefitRule: SupervisionRule {
    public init() {}
    public var code: String { "benefit.duplicate" }
    public var version: Int { 1 }
    public var titleZh: String { "重复领取" }
    public var titleEn: String { "Duplicate benefits" }
    public var explanationZh: String {
        "同一人在同一发放期间重复领取同一项目，或同时领取互斥项目（如城市低保与农村低保、特困供养），可能是重复录入或多头申领。每人每期一条预警，列出该期全部发放记录。"
    }
    public var explanationEn: String {
        "The same person paid twice by one program in one period, or by two mutually exclusive programs (such as urban and rural minimum-living allowance and extreme-poverty support) in the same period, suggests double entry or double claiming. One finding per person and period, listing all of that period's payments."
    }
    public var inputs: [String] { ["benefits", "programs"] }
    public var parameters: [ParameterSpec] { [] }

    public func evaluate(_ data: SupervisionData, _ context: RuleContext) -> RuleResult {
        if let result = RuleRun.missingInputs(self, data, context, required: [.benefits]) { return result }
        var run = RuleRun(self, context)
        var rows: [Int] = []
        var keys: [(Int32, Int32, Int)] = []
        BenefitRoll.forEachPerson(data.benefits) { range in
            guard data.benefits[range.lowerBound].idState != .empty else {
                // Empty IDs would all look like one person.
                var periods = Set<Int32>()
                for i in range { periods.insert(data.benefits[i].period) }
                run.markNotComputable(zh: "身份证号为空", en: "the ID number is empty", count: periods.count)
                return
            }
            if range.count == 1 { run.markClear(); return }
            // (period, program, row) as plain integers: cheap to sort for the few rows of a person.
            keys.removeAll(keepingCapacity: true)
            for i in range { keys.append((data.benefits[i].period, data.benefits[i].program, i)) }
            keys.sort { $0.0 != $1.0 ? $0.0 < $1.0 : ($0.1 != $1.1 ? $0.1 < $1.1 : $0.2 < $1.2) }
            rows.removeAll(keepingCapacity: true)
            for k in keys { rows.append(k.2) }
            var start = 0
            while start < rows.count {
                var end = start + 1
                let period = data.benefits[rows[start]].period
                while end < rows.count, data.benefits[rows[end]].period == period { end += 1 }
                judge(data, Array(rows[start..<end]), &run)
                start = end
            }
        }
        return run.result()
    }

    private func judge(_ data: SupervisionData, _ rows: [Int], _ run: inout RuleRun) {
        guard rows.count > 1 else { run.markClear(); return }
        var repeated: [String] = []
        var exclusive: [Evidence] = []
        let programs = rows.map { data.benefits[$0].program }
        for k in 1..<programs.count where programs[k] == programs[k - 1] {
            let name = data.text(programs[k])
            if !repeated.contains(name) { repeated.append(name) }
        }
        var distinct: [Int32] = []
        for p in programs where distinct.last != p { distinct.append(p) }
        for a in 0..<distinct.count {
            for b in (a + 1)..<max(a + 1, distinct.count) where data.programs.areExclusive(distinct[a], distinct[b]) {
                exclusive.append(.array([.string(data.text(distinct[a])), .string(data.text(distinct[b]))]))
            }
        }
        guard !repeated.isEmpty || !exclusive.isEmpty else { run.markClear(); return }
        let first = data.benefits[rows[0]]
        let period = Display.month(first.period).text
        let total = BenefitRoll.total(data, rows)
        var zhParts: [String] = [], enParts: [String] = []
        if !repeated.isEmpty {
            zhParts.append("重复领取\(repeated.joined(separator: "、"))")
            enParts.append("was paid \(repeated.joined(separator: ", ")) more than once")
        }
        if !exclusive.isEmpty {
            let pairs = exclusive.map { $0.elements.compactMap(\.stringValue).joined(separator: "与") }
            let pairsEn = exclusive.map { $0.elements.compactMap(\.stringValue).joined(separator: " and ") }
            zhParts.append("同时领取互斥项目\(pairs.joined(separator: "，"))")
            enParts.append("received mutually exclusive \(pairsEn.joined(separator: "; "))")
        }
        run.flag(
            subject: data.text(first.person) + "|" + period, severity: .high,
            zh: "\(BenefitRoll.whoZh(data, first))在 \(period) \(zhParts.joined(separator: "，"))，共 \(rows.count) 笔 \(Display.yuan(total)) 元",
            en: "\(BenefitRoll.whoEn(data, first)) \(enParts.joined(separator: " and ")) in \(period): \(rows.count) payments, \(Display.yuan(total)) yuan in total",
            evidence: .pairs([
                ("id_number", .string(data.text(first.person))), ("name", .string(data.text(first.name))),
                ("period", .string(period)),
                ("repeated_programs", .array(repeated.map { .string($0) })), ("exclusive_pairs", .array(exclusive)),
                ("payments", .array(rows.map { i in
                    let row = data.benefits[i]
                    return .pairs([("program", .string(data.text(row.program))), ("amount", .yuan(row.amount)),
                                   ("account", data.optionalText(row.account)), ("paid_date", Display.dateEvidence(row.paidDay))])
                })),
                ("total", .yuan(total)),
            ]))
    }
}
