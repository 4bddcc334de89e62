import SunlightDomain

/// Accumulates one rule's tri-state counts and findings and turns them into a `RuleResult`.
struct RuleRun {
    let rule: any SupervisionRule
    let context: RuleContext
    private(set) var clear = 0
    private var reasonOrder: [String] = []
    private var reasons: [String: NotComputableReason] = [:]
    private(set) var findings: [Finding] = []

    init(_ rule: any SupervisionRule, _ context: RuleContext) {
        self.rule = rule
        self.context = context
    }

    mutating func flag(_ finding: Finding) { findings.append(finding) }

    mutating func flag(subject: String, severity: Severity, zh: String, en: String, evidence: Evidence) {
        findings.append(Finding(rule: rule.code, subject: subject, severity: severity, summaryZh: zh, summaryEn: en, evidence: evidence))
    }

    mutating func markClear(_ n: Int = 1) { clear += n }

    mutating func markNotComputable(zh: String, en: String, count: Int = 1) {
        guard count > 0 else { return }
        if reasons[zh] == nil {
            reasonOrder.append(zh)
            reasons[zh] = NotComputableReason(reasonZh: "无法计算：" + zh, reasonEn: "not computable: " + en, count: 0)
        }
        reasons[zh]!.count += count
    }

    func result() -> RuleResult {
        let sorted = findings.sorted { $0.subject.utf8.lexicographicallyPrecedes($1.subject.utf8) }
        // Most frequent first; ties by text, so the order never depends on hashing.
        let list = reasonOrder.map { reasons[$0]! }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.reasonZh.utf8.lexicographicallyPrecedes($1.reasonZh.utf8) }
        return RuleResult(
            code: rule.code, version: rule.version, parameters: context.parameters.effective(rule: rule.code),
            status: .computed, flagged: sorted.count, clear: clear, notComputable: list.reduce(0) { $0 + $1.count },
            notComputableReasons: list, findings: sorted)
    }

    /// The whole rule is not computable when a required dataset has no rows: zh
    /// "无法计算：未导入死亡数据", en "not computable: no deaths imported".
    static func missingInputs(_ rule: any SupervisionRule, _ data: SupervisionData, _ context: RuleContext,
                              required: [Dataset]) -> RuleResult? {
        let missing = required.filter { !data.hasRows($0) }
        guard !missing.isEmpty else { return nil }
        let zh = "无法计算：未导入" + missing.map { $0.labelZh + "数据" }.joined(separator: "、")
        let en = "not computable: no " + missing.map(\.labelEn).joined(separator: " or ") + " imported"
        return RuleResult(code: rule.code, version: rule.version, parameters: context.parameters.effective(rule: rule.code),
                          status: .notComputable(reasonZh: zh, reasonEn: en), flagged: 0, clear: 0, notComputable: 0,
                          notComputableReasons: [], findings: [])
    }
}

/// Text helpers shared by the summaries.
enum Display {
    /// The start of an ID, as in "张三（3604…）": enough to tell people apart in a summary while
    /// the full ID stays in the subject and evidence.
    static func shortID(_ id: String) -> String {
        id.count > 4 ? String(id.prefix(4)) + "…" : id
    }

    static func month(_ index: Int32) -> YearMonth {
        let i = Int(index)
        let year = i >= 0 ? i / 12 : (i - 11) / 12
        return YearMonth(year: year, month: i - year * 12 + 1)!
    }

    static func date(_ day: Int32) -> LocalDate { LocalDate(dayNumber: Int(day)) }

    static func dateEvidence(_ day: Int32) -> Evidence { day == Day.none ? .null : .string(date(day).iso) }

    static func yuan(_ fen: Int64) -> String { Money.formatYuan(fen) }

    /// Natural order of voucher numbers: runs of digits compare as numbers ("记-9" < "记-10").
    static func naturalLess(_ a: String, _ b: String) -> Bool {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        var i = 0, j = 0
        while i < x.count && j < y.count {
            let dx = isDigit(x[i]), dy = isDigit(y[j])
            if dx && dy {
                var ei = i, ej = j
                while ei < x.count && isDigit(x[ei]) { ei += 1 }
                while ej < y.count && isDigit(y[ej]) { ej += 1 }
                let nx = x[i..<ei].drop { $0 == "0" }, ny = y[j..<ej].drop { $0 == "0" }
                if nx.count != ny.count { return nx.count < ny.count }
                for (p, q) in zip(nx, ny) where p != q { return p.value < q.value }
                if ei - i != ej - j { return ei - i < ej - j }
                i = ei
                j = ej
            } else {
                if x[i] != y[j] { return x[i].value < y[j].value }
                i += 1
                j += 1
            }
        }
        if x.count - i != y.count - j { return x.count - i < y.count - j }
        return false
    }

    private static func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 48 && s.value <= 57 }
}
