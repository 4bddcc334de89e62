/// R003 — Short submission period (投标期过短).
///
/// Flags a process whose tender period (`/tender/tenderPeriod/endDate − startDate`, in whole
/// days, truncated toward zero) is shorter than the threshold: 15 days, or the value for its
/// `procurementMethodDetails` in `[R003.procurement_method_details]`. Only procurement methods
/// listed in `procurement_methods` are considered (all if unset). Why: giving other bidders too
/// little time to prepare favours a bidder told in advance.
///
/// Cardinal parses both dates as strict RFC 3339 (chrono) and silently skips anything else — a
/// bare `2024-03-01` or a time without offset, both common in Chinese exports. Sunlight reads
/// them as instants (no offset = China time, UTC+8) and counts what it still cannot read.
struct R003ShortSubmissionPeriod: CardinalIndicator {
    let threshold: Int
    let procurementMethods: Set<String>
    let thresholdByDetails: [String: Int]
    private(set) var summary = IndicatorSummary(code: .r003)

    init(settings: CardinalSettings.R003) {
        threshold = settings.threshold ?? 15
        procurementMethods = pipeSeparated(settings.procurementMethods)
        thresholdByDetails = settings.procurementMethodDetails ?? [:]
    }

    mutating func fold(_ process: ContractingProcess, _ context: inout FoldContext) {
        guard let tender = process.tender else { return summary.skip(.noTender) }
        guard tender.matchesProcurementMethod(procurementMethods) else { return summary.skip(.procurementMethodOutOfScope) }
        guard let start = tender.tenderPeriodStart, let end = tender.tenderPeriodEnd else {
            return summary.skip(.missingTenderPeriod)
        }
        let days: Int
        if context.compat {
            guard let s = OCDSDate.rfc3339(start.raw), let e = OCDSDate.rfc3339(end.raw) else {
                return summary.skip(.unparseableDate)
            }
            days = Int(OCDSDate.wholeDays(from: s, to: e))
        } else {
            guard let s = start.instant, let e = end.instant else { return summary.skip(.unparseableDate) }
            days = Int(((e - s) / 86_400).rounded(.towardZero))
        }
        let limit = tender.procurementMethodDetails.flatMap { thresholdByDetails[$0] } ?? threshold
        if days < limit {
            summary.flagged += 1
            context.results.set(.ocid, process.ocid, .r003, 1.0)
        } else {
            summary.clear += 1
        }
    }
}
