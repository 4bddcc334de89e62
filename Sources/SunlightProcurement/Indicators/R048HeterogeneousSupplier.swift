/// R048 — Heterogeneous supplier (供应商经营范围异常宽泛).
///
/// For each supplier of active awards with exactly one supplier, the variety = the number of
/// distinct classification prefixes (first `digits` characters, default 2: a UNSPSC segment or a
/// CPV division) over all its awarded items. Suppliers awarded in at least
/// `minimum_contracting_processes` (default 20) processes form the population; one is flagged
/// if its variety is at or above the upper fence Q3 + 1.5·IQR (or `threshold`). Why: a company
/// that supplies everything (a 皮包公司 shell) is more likely to be unsuitable or a rent-seeking
/// intermediary.
///
/// Unlike its other population indicators, Cardinal has no guard here: when most suppliers have
/// the same variety (IQR = 0), the fence equals Q3 and every supplier at Q3 — at least a quarter
/// of them, often most — is flagged. Sunlight reports that case as "not computable (degenerate
/// fence)" and flags nothing; a configured `threshold` is used as given in both modes.
struct R048HeterogeneousSupplier: CardinalIndicator {
    let digits: Int
    let threshold: Int?
    let minimumContractingProcesses: Int
    private var suppliers = OrderedMap<String, (processes: Int, codes: Set<String>)>()
    private(set) var summary = IndicatorSummary(code: .r048)

    init(settings: CardinalSettings.R048) {
        digits = settings.digits ?? 2
        threshold = settings.threshold
        minimumContractingProcesses = settings.minimumContractingProcesses ?? 20
    }

    mutating func fold(_ process: ContractingProcess, _ context: inout FoldContext) {
        guard let awards = process.awards else { return summary.skip(.noAwards) }
        var observed: [String] = []
        for award in awards where award.status == "active" {
            // Don't assume every supplier supplies every item: that would overcount variety.
            guard let list = award.suppliers, list.count == 1, let supplier = list[0].id else { continue }
            for id in award.itemClassificationIDs {
                let first = !observed.contains(supplier)
                if first { observed.append(supplier) }
                let prefix = String(String.UnicodeScalarView(id.unicodeScalars.prefix(digits)))
                suppliers.update(supplier, default: (0, [])) {
                    if first { $0.processes += 1 }
                    $0.codes.insert(prefix)
                }
            }
        }
        if observed.isEmpty { summary.skip(.noClassifiedItems) }
    }

    mutating func finalize(_ context: inout FoldContext) throws(IndicatorError) {
        var lengths: [(String, Double)] = []
        for (id, s) in suppliers.elements {
            if s.processes >= minimumContractingProcesses {
                lengths.append((id, Double(s.codes.count)))
            } else {
                summary.skip(.belowMinimumCount)
            }
        }
        let upperFence: Double
        var q1 = Double.nan
        var q3 = Double.nan
        if let threshold {
            upperFence = Double(threshold)
        } else {
            let sorted = lengths.map(\.1).sorted()
            q1 = Quartiles.quantile(sorted: sorted, 0.25)
            q3 = Quartiles.quantile(sorted: sorted, 0.75)
            context.results.setMeta(.r048, "q1", q1)
            context.results.setMeta(.r048, "q3", q3)
            upperFence = Quartiles.upperFence(q1: q1, q3: q3)
        }
        context.results.setMeta(.r048, "upper_fence", upperFence)

        guard !lengths.isEmpty else {
            summary.state = suppliers.isEmpty
                ? .notComputable(.noEvaluableSubjects(summary.skippedByFrequency.first?.reason))
                : .notComputable(.emptyPopulation)
            return
        }
        if !context.compat && threshold == nil && !(q3 > q1) {
            summary.state = .notComputable(.degenerateFence(q1: q1, q3: q3, fence: upperFence))
            return
        }
        for (id, length) in lengths {
            if length >= upperFence {
                summary.flagged += 1
                context.results.set(.tenderer, id, .r048, length)
            } else {
                summary.clear += 1
            }
        }
    }
}
