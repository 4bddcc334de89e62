import SunlightDomain

/// `payment.duplicate` 重复支付: two payments of one unit, same payee and amount, dates ≤ window
/// apart, different voucher numbers. Subject: the later voucher.
///
/// "'≤ window' inclusive (30 days fires, 31 does not); the later one = later date, then the
/// later voucher number in natural order; one finding per later voucher." Each (unit, payee,
/// amount) group is walked once in (date, voucher) order with a sliding window: O(n log n).
public struct DuplicatePaymentRule: SupervisionRule {
    public init() {}
    public var code: String { "payment.duplicate" }
    public var version: Int { 1 }
    public var titleZh: String { "重复支付" }
    public var titleEn: String { "Duplicate payments" }
    public var explanationZh: String {
        "同一单位在短时间内向同一收款方支付相同金额、凭证号不同的两笔款项，可能是重复报销或重复支付。每笔较晚的凭证一条预警，列出窗口期内与之相同的较早凭证。"
    }
    public var explanationEn: String {
        "Two payments by one unit to the same payee for the same amount within a short window, under different voucher numbers, may be a double claim or a double payment. One finding per later voucher, listing the earlier identical vouchers within the window."
    }
    public var inputs: [String] { ["payments"] }
    public var parameters: [ParameterSpec] {
        [ParameterSpec(name: "window_days", kind: .integer, defaultValue: "30", minimum: "0", maximum: "3660",
                       descriptionZh: "两笔支付相隔的最多天数（含）", descriptionEn: "most days between the two payments (inclusive)")]
    }

    /// Earlier vouchers listed per finding; beyond that only their number is given.
    static let listLimit = 100

    public func evaluate(_ data: SupervisionData, _ context: RuleContext) -> RuleResult {
        if let result = RuleRun.missingInputs(self, data, context, required: [.payments]) { return result }
        var run = RuleRun(self, context)
        let window = Int32(context.parameters.integer(code, "window_days"))
        var group: [Int] = []
        PaymentLedger.forEachPayee(data.payments) { range in
            guard range.count > 1 else { run.markClear(); return }
            // Within the run (date order), regroup by amount, keeping (date, natural voucher) order.
            var order = Array(range)
            order.sort { a, b in
                let x = data.payments[a], y = data.payments[b]
                if x.amount != y.amount { return x.amount < y.amount }
                if x.day != y.day { return x.day < y.day }
                return Display.naturalLess(data.text(x.voucher), data.text(y.voucher))
            }
            var start = 0
            while start < order.count {
                var end = start + 1
                while end < order.count, data.payments[order[end]].amount == data.payments[order[start]].amount { end += 1 }
                group = Array(order[start..<end])
                judge(data, group, window, &run)
                start = end
            }
        }
        return run.result()
    }

    private func judge(_ data: SupervisionData, _ group: [Int], _ window: Int32, _ run: inout RuleRun) {
        var left = 0
        for (k, index) in group.enumerated() {
            let later = data.payments[index]
            while data.payments[group[left]].day < later.day - window { left += 1 }
            // Voucher numbers are unique within a unit (the contract's key), so every earlier
            // payment in the window counts; the nearest ones are listed, newest first.
            var earlier: [Int] = []
            var j = k - 1
            while j >= left && earlier.count < Self.listLimit {
                if data.payments[group[j]].voucher != later.voucher { earlier.append(group[j]) }
                j -= 1
            }
            let count = earlier.count < Self.listLimit ? earlier.count : k - left
            guard count > 0 else { run.markClear(); continue }
            let first = data.payments[earlier[0]]
            let days = later.day - first.day
            run.flag(
                subject: PaymentLedger.subject(data, later), severity: .high,
                zh: "\(data.unitZh(later.unit))凭证 \(data.text(later.voucher))（\(PaymentLedger.date(later).iso)）向\(data.text(later.payeeName))支付 \(Display.yuan(later.amount)) 元，与 \(days) 天前的凭证 \(data.text(first.voucher)) 收款方、金额相同",
                en: "\(data.unitEn(later.unit)) voucher \(data.text(later.voucher)) (\(PaymentLedger.date(later).iso)) paid \(Display.yuan(later.amount)) yuan to \(data.text(later.payeeName)), the same payee and amount as voucher \(data.text(first.voucher)) \(days) day(s) earlier",
                evidence: PaymentLedger.voucherEvidence(data, later, [
                    ("earlier", .array(earlier.map { j in
                        let p = data.payments[j]
                        return .pairs([("voucher_no", .string(data.text(p.voucher))), ("date", .string(PaymentLedger.date(p).iso)),
                                       ("days_apart", .int(Int(later.day - p.day)))])
                    })),
                    ("earlier_count", .int(count)),
                ]))
        }
    }
}
