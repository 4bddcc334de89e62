/// R035 — All except winning bid disqualified (除中标人外其余投标均被否决).
///
/// Flags a process (value: the number of other tenderers with disqualified bids) when exactly
/// one tenderer has valid bids, that tenderer is exactly the set of suppliers of the active
/// awards, and at least `threshold` (default 1) other tenderers had bids disqualified; the
/// winner is flagged with 0.0. Awards must all be final. Why: a corrupt buyer can hand the
/// contract to the chosen bidder by disqualifying everyone else.
struct R035AllExceptWinningBidDisqualified: CardinalIndicator {
    let threshold: Int
    private(set) var summary = IndicatorSummary(code: .r035)

    init(settings: CardinalSettings.IntegerThreshold) {
        threshold = max(settings.threshold ?? 1, 1)
    }

    mutating func fold(_ process: ContractingProcess, _ context: inout FoldContext) {
        var suppliers = Set<String>()
        var valid = Set<String>()
        var disqualified = Set<String>()
        switch process.awardFinality {
        case .missing: return summary.skip(process.awards == nil ? .noAwards : .noBids)
        case .notFinal: return summary.skip(.awardNotFinal)
        case let .final(active, bids):
            for award in active {
                for s in award.suppliers ?? [] { if let id = s.id { suppliers.insert(id) } }
            }
            for bid in bids {
                guard let status = bid.status, let tenderers = bid.tenderers else { continue }
                let ids = tenderers.compactMap(\.id)
                switch status {
                case "valid": valid.formUnion(ids)
                case "disqualified": disqualified.formUnion(ids)
                default: continue
                }
            }
        }
        guard valid.count == 1 else { return summary.skip(.notOneValidTenderer) }
        let difference = disqualified.subtracting(valid).count
        if valid == suppliers && difference >= threshold {
            summary.flagged += 1
            let winner = valid.first!
            context.results.set(.ocid, process.ocid, .r035, Double(difference))
            context.results.set(.tenderer, winner, .r035, 0.0)
            if context.collectMaps { context.results.maps.addFlaggedTenderer(.r035, ocid: process.ocid, winner) }
        } else {
            summary.clear += 1
        }
    }
}
