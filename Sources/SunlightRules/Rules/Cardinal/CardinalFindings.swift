import SunlightDomain
import SunlightProcurement

/// Turns one indicator's part of Cardinal's output into findings with evidence an auditor can
/// check: the process's buyer, method, period, bids and award, the indicator's value, and the
/// quartiles and fences it was judged against.
struct CardinalFindings {
    let indicator: IndicatorCode
    let results: IndicatorResults
    let processes: [ContractingProcess]

    /// At most this many processes are listed in a tenderer's evidence.
    static let processesListed = 50

    func findings() -> [Finding] {
        var out: [Finding] = []
        let meta = metaEvidence()
        let flaggedTenderers = results.maps.ocidTendererByIndicator[indicator] ?? [:]
        var indexOfOCID: [String: Int] = [:]
        if indicator.groups.contains(.ocid) {
            for (i, p) in processes.enumerated() where indexOfOCID[p.ocid] == nil { indexOfOCID[p.ocid] = i }
        }
        for group in indicator.groups {
            for (id, values) in results.results(group) {
                guard let value = values[indicator] else { continue }
                switch group {
                case .ocid:
                    let process = indexOfOCID[id].map { processes[$0] }
                    let tenderers = (flaggedTenderers[id] ?? []).sorted()
                    var pairs: [(String, Evidence)] = [("ocid", .string(id)), ("value", .string(CardinalNumberFormat.format(value)))]
                    if let process { pairs += Self.processFields(process) }
                    pairs.append(("flagged_tenderers", .array(tenderers.map { .string($0) })))
                    if let meta { pairs.append(("meta", meta)) }
                    out.append(Finding(rule: indicator.rawValue, subject: id, severity: severity,
                                       summaryZh: "OCDS 采购流程 \(id)：\(indicator.titleZh)" + valueZh(value) + (tenderers.isEmpty ? "" : "；涉及投标人 " + tenderers.joined(separator: "、")),
                                       summaryEn: "OCDS process \(id): \(indicator.titleEn.lowercased())" + valueEn(value) + (tenderers.isEmpty ? "" : "; tenderers " + tenderers.joined(separator: ", ")),
                                       evidence: .pairs(pairs)))
                case .tenderer where indicator.groups.contains(.ocid):
                    // The 0.0 markers Cardinal writes for tenderers of flagged processes: they are
                    // listed in the process findings' evidence instead.
                    continue
                case .tenderer, .buyer, .procuringEntity:
                    let subject = indicator == .r038 ? "\(group.rawValue):\(id)" : id
                    let linked = linkedProcesses(group, id)
                    var pairs: [(String, Evidence)] = [("group", .string(group.rawValue)), ("id", .string(id)),
                                                       ("value", .string(CardinalNumberFormat.format(value))),
                                                       ("processes", .int(linked.count)),
                                                       ("ocids", .array(linked.prefix(Self.processesListed).map { .string($0) }))]
                    if let meta { pairs.append(("meta", meta)) }
                    let (zhGroup, enGroup) = Self.groupNames(group)
                    out.append(Finding(rule: indicator.rawValue, subject: subject, severity: severity,
                                       summaryZh: "\(zhGroup) \(id)：\(indicator.titleZh)" + valueZh(value) + "（涉及 \(linked.count) 个采购流程）",
                                       summaryEn: "\(enGroup) \(id): \(indicator.titleEn.lowercased())" + valueEn(value) + " (\(linked.count) process(es))",
                                       evidence: .pairs(pairs)))
                }
            }
        }
        return out
    }

    var severity: Severity {
        switch indicator {
        case .r030, .r035, .r028: return .high
        default: return .medium
        }
    }

    /// Ratios and counts are worth reading; Cardinal's 1.0 "flag" values are not.
    func valueZh(_ value: Double) -> String {
        [.r024, .r025, .r038, .r048, .r058, .r035].contains(indicator) ? "（指标值 \(CardinalNumberFormat.format(value))）" : ""
    }

    func valueEn(_ value: Double) -> String {
        [.r024, .r025, .r038, .r048, .r058, .r035].contains(indicator) ? " (value \(CardinalNumberFormat.format(value)))" : ""
    }

    static func groupNames(_ group: ResultGroup) -> (String, String) {
        switch group {
        case .buyer: return ("采购人", "Buyer")
        case .procuringEntity: return ("采购代理机构", "Procuring entity")
        case .tenderer: return ("投标人", "Tenderer")
        case .ocid: return ("采购流程", "Process")
        }
    }

    /// The processes an organisation took part in (in input order).
    func linkedProcesses(_ group: ResultGroup, _ id: String) -> [String] {
        var seen: Set<String> = []
        var out: [String] = []
        for p in processes {
            let involved: Bool
            switch group {
            case .buyer: involved = p.buyer?.id == id
            case .procuringEntity: involved = p.tender?.procuringEntity?.id == id
            case .tenderer: involved = (p.bids ?? []).contains { ($0.tenderers ?? []).contains { $0.id == id } }
            case .ocid: involved = p.ocid == id
            }
            if involved, seen.insert(p.ocid).inserted { out.append(p.ocid) }
        }
        return out
    }

    func metaEvidence() -> Evidence? {
        guard let meta = results.meta[indicator], !meta.isEmpty else { return nil }
        return .object(meta.elements.map { Evidence.Member($0.key, .string(CardinalNumberFormat.format(($0.value * 10_000).rounded() / 10_000))) })
    }

    static func amount(_ value: MonetaryValue?) -> Evidence {
        guard let value, let amount = value.amount else { return .null }
        return .string(amount.exact.description + (value.currency.map { " " + $0 } ?? ""))
    }

    static func organisation(_ ref: OrganizationReference) -> Evidence {
        guard let name = ref.name else { return .text(ref.id) }
        return .string(ref.id.map { "\(name) (\($0))" } ?? name)
    }

    static func processFields(_ p: ContractingProcess) -> [(String, Evidence)] {
        var pairs: [(String, Evidence)] = [
            ("buyer", .text(p.buyer?.name ?? p.buyer?.id)),
            ("buyer_id", .text(p.buyer?.id)),
            ("procurement_method", .text(p.tender?.procurementMethod)),
            ("procurement_method_details", .text(p.tender?.procurementMethodDetails)),
            ("tender_period_start", .text(p.tender?.tenderPeriodStart?.raw)),
            ("tender_period_end", .text(p.tender?.tenderPeriodEnd?.raw)),
            ("tender_value", amount(p.tender?.value)),
        ]
        let bids: [Evidence] = (p.bids ?? []).map { bid in
            .pairs([("tenderers", .array((bid.tenderers ?? []).map(Self.organisation))),
                    ("amount", amount(bid.value)), ("status", .text(bid.status)), ("date", .text(bid.date?.raw))])
        }
        pairs.append(("bids", .array(bids)))
        let awards: [Evidence] = (p.awards ?? []).map { award in
            .pairs([("status", .text(award.status)), ("suppliers", .array((award.suppliers ?? []).map { .text($0.name ?? $0.id) })),
                    ("amount", amount(award.value)), ("date", .text(award.date?.raw))])
        }
        pairs.append(("awards", .array(awards)))
        return pairs
    }
}
