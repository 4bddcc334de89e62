/// R030 — Late bid won (逾期投标中标).
///
/// Flags a process in which a valid bid dated after `/tender/tenderPeriod/endDate` was made by a
/// supplier of an active award, and that tenderer (value 1.0). Why: a corrupt buyer can let the
/// favoured bidder submit after seeing the others' bids.
///
/// Cardinal compares the two dates *as strings* (`date > end_date`), which is only right when
/// both are written in the same format and offset: `2024-03-15T10:00:00+08:00` is "later" than
/// `2024-03-15T09:00:00Z` as text but an hour earlier as a time. Sunlight compares instants
/// (no offset = China time) and counts dates it cannot read.
struct R030LateBidWon: CardinalIndicator {
    private(set) var summary = IndicatorSummary(code: .r030)

    mutating func fold(_ process: ContractingProcess, _ context: inout FoldContext) {
        guard let end = process.tender?.tenderPeriodEnd else { return summary.skip(.missingTenderPeriod) }
        guard let awards = process.awards else { return summary.skip(.noAwards) }
        guard let bids = process.bids else { return summary.skip(.noBids) }
        var suppliers = Set<String>()
        for award in awards where award.status == "active" {
            for s in award.suppliers ?? [] { if let id = s.id { suppliers.insert(id) } }
        }
        if !context.compat && end.instant == nil { return summary.skip(.unparseableDate) }
        var flagged = false
        var unreadable = false
        for bid in bids where bid.status == "valid" {
            guard let date = bid.date, let tenderers = bid.tenderers else { continue }
            let late: Bool
            if context.compat {
                late = end.raw.utf8.lexicographicallyPrecedes(date.raw.utf8) // Rust's byte-wise `date > end_date`
            } else {
                guard let at = date.instant, let deadline = end.instant else {
                    unreadable = true
                    continue
                }
                late = at > deadline
            }
            guard late else { continue }
            for tenderer in tenderers {
                guard let id = tenderer.id, suppliers.contains(id) else { continue }
                flagged = true
                context.results.set(.ocid, process.ocid, .r030, 1.0)
                context.results.set(.tenderer, id, .r030, 1.0)
                if context.collectMaps { context.results.maps.addFlaggedTenderer(.r030, ocid: process.ocid, id) }
            }
        }
        if flagged {
            summary.flagged += 1
        } else if unreadable {
            summary.skip(.unparseableDate)
        } else {
            summary.clear += 1
        }
    }
}
