/// R018 — Single bid received (仅收到一份投标).
///
/// Flags a process in a competitive procedure (`procurementMethod` in `procurement_methods`,
/// default `open|selective`) whose `/tender/numberOfTenderers` is 1. Why: in an open procedure a
/// lone bidder may mean competition was suppressed.
///
/// Cardinal reads the number with serde_json's `as_u64`, which with its arbitrary-precision
/// numbers accepts only the literal `1` (not `1.0`); Sunlight compares the numeric value.
struct R018SingleBidReceived: CardinalIndicator {
    let procurementMethods: Set<String>
    private(set) var summary = IndicatorSummary(code: .r018)

    init(settings: CardinalSettings.R018) {
        procurementMethods = pipeSeparated(settings.procurementMethods ?? "open|selective")
    }

    mutating func fold(_ process: ContractingProcess, _ context: inout FoldContext) {
        guard let tender = process.tender else { return summary.skip(.noTender) }
        guard tender.matchesProcurementMethod(procurementMethods) else { return summary.skip(.procurementMethodOutOfScope) }
        guard let number = tender.numberOfTenderers else { return summary.skip(.missingNumberOfTenderers) }
        let one = ExactDecimal(negative: false, digits: "1", exponent: 0)
        let isOne = context.compat ? (number.isIntegerLiteral && number.exact == one) : number.exact == one
        if isOne {
            summary.flagged += 1
            context.results.set(.ocid, process.ocid, .r018, 1.0)
        } else {
            summary.clear += 1
        }
    }
}
