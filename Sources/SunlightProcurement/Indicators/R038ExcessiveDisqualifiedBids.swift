/// R038 — Excessive disqualified bids (否决投标比例过高).
///
/// For each buyer, procuring entity and tenderer, the ratio of disqualified bids to submitted
/// bids over all processes; flagged if at or above the upper fence Q3 + 1.5·IQR of its group's
/// ratios (or `threshold`). Tenderers with fewer than `minimum_submitted_bids` (2) bids, and
/// buyers and procuring entities with fewer than `minimum_contracting_processes` (2), are left
/// out. Why: a buyer that disqualifies much more than its peers may be steering awards; a
/// bidder disqualified much more than its peers may be submitting deliberate cover bids.
///
/// Cardinal documents the buyer/procuring-entity minimum as a number of *contracting processes*
/// but compares it with the number of *bids* (its fraction's denominator), so a buyer with one
/// process and two bids passes a minimum of two processes. Sunlight counts processes, as
/// documented. The guard (fence > 0) is kept; a failed guard is reported per group.
struct R038ExcessiveDisqualifiedBids: CardinalIndicator {
    let threshold: Double?
    let minimumSubmittedBids: Int
    let minimumContractingProcesses: Int
    private var buyers = OrderedMap<String, Tally>()
    private var procuringEntities = OrderedMap<String, Tally>()
    private var tenderers = OrderedMap<String, Tally>()
    private(set) var summary = IndicatorSummary(code: .r038)

    struct Tally {
        var disqualified = 0
        var submitted = 0
        var processes = 0
    }

    init(settings: CardinalSettings.R038) {
        threshold = settings.threshold
        minimumSubmittedBids = settings.minimumSubmittedBids ?? 2
        minimumContractingProcesses = settings.minimumContractingProcesses ?? 2
    }

    mutating func fold(_ process: ContractingProcess, _ context: inout FoldContext) {
        let submitted = process.submittedBids
        guard !submitted.isEmpty else { return summary.skip(process.bids == nil ? .noBids : .noSubmittedBids) }
        var disqualified = 0
        for bid in submitted {
            let increment = bid.status == "disqualified" ? 1 : 0
            disqualified += increment
            for tenderer in bid.tenderers ?? [] {
                guard let id = tenderer.id else { continue }
                tenderers.update(id, default: Tally()) { $0.disqualified += increment; $0.submitted += 1 }
            }
        }
        if let id = process.buyer?.id {
            buyers.update(id, default: Tally()) { $0.disqualified += disqualified; $0.submitted += submitted.count; $0.processes += 1 }
            if context.collectMaps && disqualified > 0 { context.results.maps.ocidBuyerR038[process.ocid] = id }
        }
        if let id = process.tender?.procuringEntity?.id {
            procuringEntities.update(id, default: Tally()) {
                $0.disqualified += disqualified; $0.submitted += submitted.count; $0.processes += 1
            }
            if context.collectMaps && disqualified > 0 { context.results.maps.ocidProcuringEntityR038[process.ocid] = id }
        }
    }

    mutating func finalize(_ context: inout FoldContext) throws(IndicatorError) {
        var states: [IndicatorSummary.State] = []
        // Cardinal's order: Buyer, ProcuringEntity, Tenderer.
        states.append(flag(buyers, group: .buyer, minimum: minimumContractingProcesses, byProcesses: !context.compat, &context))
        states.append(flag(procuringEntities, group: .procuringEntity, minimum: minimumContractingProcesses,
                           byProcesses: !context.compat, &context))
        states.append(flag(tenderers, group: .tenderer, minimum: minimumSubmittedBids, byProcesses: false, &context))
        if !states.contains(.computed) {
            summary.state = states.first { if case .notComputable(.degenerateFence) = $0 { return true } else { return false } }
                ?? (buyers.isEmpty && procuringEntities.isEmpty && tenderers.isEmpty
                    ? .notComputable(.noEvaluableSubjects(summary.skippedByFrequency.first?.reason))
                    : .notComputable(.emptyPopulation))
        }
    }

    private mutating func flag(_ tallies: OrderedMap<String, Tally>, group: ResultGroup, minimum: Int, byProcesses: Bool,
                               _ context: inout FoldContext) -> IndicatorSummary.State {
        var ratios: [(String, Double)] = []
        for (id, t) in tallies.elements {
            if (byProcesses ? t.processes : t.submitted) >= minimum {
                ratios.append((id, Double(t.disqualified) / Double(t.submitted)))
            } else {
                summary.skip(.belowMinimumCount)
            }
        }
        guard !ratios.isEmpty else { return .notComputable(.emptyPopulation) }
        let name = group.rawValue
        let upperFence: Double
        var q1 = Double.nan
        var q3 = Double.nan
        if let threshold {
            upperFence = threshold
        } else {
            let sorted = ratios.map(\.1).sorted()
            q1 = Quartiles.quantile(sorted: sorted, 0.25)
            q3 = Quartiles.quantile(sorted: sorted, 0.75)
            context.results.setMeta(.r038, "\(name)_q1", q1)
            context.results.setMeta(.r038, "\(name)_q3", q3)
            upperFence = Quartiles.upperFence(q1: q1, q3: q3)
        }
        context.results.setMeta(.r038, "\(name)_upper_fence", upperFence)
        guard upperFence > 0 else { return .notComputable(.degenerateFence(q1: q1, q3: q3, fence: upperFence)) }
        for (id, ratio) in ratios {
            if ratio >= upperFence {
                summary.flagged += 1
                context.results.set(group, id, .r038, ratio)
            } else {
                summary.clear += 1
            }
        }
        return .computed
    }
}
