import SunlightDomain

/// Walking the payments, which `SupervisionData` keeps sorted by (unit, payee, date, amount).
enum PaymentLedger {
    /// Each run of payments of one unit to one payee, in date order.
    static func forEachPayee(_ rows: [PaymentRecord], _ body: (Range<Int>) -> Void) {
        var start = 0
        while start < rows.count {
            var end = start + 1
            while end < rows.count, rows[end].unit == rows[start].unit, rows[end].payee == rows[start].payee { end += 1 }
            body(start..<end)
            start = end
        }
    }

    static func subject(_ data: SupervisionData, _ p: PaymentRecord) -> String {
        data.text(p.unit) + "|" + data.text(p.voucher)
    }

    static func date(_ p: PaymentRecord) -> LocalDate { Display.date(p.day) }

    /// The voucher as evidence: number, date, payee, amount.
    static func line(_ data: SupervisionData, _ p: PaymentRecord, _ extra: [(String, Evidence)] = []) -> Evidence {
        .pairs([("voucher_no", .string(data.text(p.voucher))), ("date", .string(date(p).iso)),
                ("payee", .string(data.text(p.payee))), ("payee_name", .string(data.text(p.payeeName))),
                ("amount", .yuan(p.amount))] + extra)
    }

    /// The standard evidence of a one-voucher finding.
    static func voucherEvidence(_ data: SupervisionData, _ p: PaymentRecord, _ extra: [(String, Evidence)] = []) -> Evidence {
        .pairs([("unit_code", .string(data.text(p.unit))), ("voucher_no", .string(data.text(p.voucher))),
                ("date", .string(date(p).iso)), ("payee", .string(data.text(p.payee))),
                ("payee_name", .string(data.text(p.payeeName))), ("amount", .yuan(p.amount)),
                ("category", data.optionalText(p.category))] + extra)
    }

    /// The payee company, found by "payee_code = USCC".
    static func company(_ data: SupervisionData, _ p: PaymentRecord) -> CompanyRecord? {
        guard p.payeeCode >= 0, let index = data.companyByUSCC[p.payeeCode] else { return nil }
        return data.companies[Int(index)]
    }

    /// The split threshold in fen, shared by `payment.split` and `payment.threshold_edge`
    /// ("payment.threshold_edge uses the split threshold").
    static func splitThreshold(_ context: RuleContext) -> Int64 {
        context.parameters.decimal("payment.split", "threshold").fen
    }
}
