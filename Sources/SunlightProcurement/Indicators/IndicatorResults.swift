/// The outcome of running the Cardinal indicators: Cardinal's output, plus Sunlight's tri-state
/// summaries.
///
/// `cardinalJSON()` prints Cardinal's shape —
/// `{"OCID": {ocid: {code: value}}, "Buyer": …, "ProcuringEntity": …, "Tenderer": …, "Meta": …}` —
/// so a Cardinal user can switch without changing downstream tools (rules.md). Groups without
/// results are omitted, as Cardinal does; `Meta` holds the quartiles and fences, rounded to four
/// decimals.
public struct IndicatorResults: Sendable {
    /// Results by group, then subject id (insertion order = input order), then indicator.
    public internal(set) var groups: [ResultGroup: OrderedMap<String, [IndicatorCode: Double]>] = [:]
    /// Quartiles and fences per indicator, unrounded, in Cardinal's key order.
    public internal(set) var meta: [IndicatorCode: OrderedMap<String, Double>] = [:]
    /// One summary per enabled indicator, in code order.
    public internal(set) var summaries: [IndicatorSummary] = []
    /// Cardinal's `--map` output: contracting processes linked to the organisations flagged with them.
    public internal(set) var maps = CardinalMaps()
    /// Whether these results follow Cardinal exactly (`cardinal_compat`) or Sunlight's corrections.
    public let cardinalCompat: Bool
    /// The currency the price indicators compared (nil if they did not run or saw no prices).
    public internal(set) var mainCurrency: String?
    /// Contracting processes read.
    public internal(set) var processes = 0

    init(cardinalCompat: Bool) {
        self.cardinalCompat = cardinalCompat
    }

    /// The value of `code` for subject `id` in `group`, if flagged.
    public func value(_ group: ResultGroup, _ id: String, _ code: IndicatorCode) -> Double? {
        groups[group]?[id]?[code]
    }

    /// Subjects of `group` with their results, in input order.
    public func results(_ group: ResultGroup) -> [(id: String, values: [IndicatorCode: Double])] {
        (groups[group]?.elements ?? []).map { ($0.key, $0.value) }
    }

    public func summary(_ code: IndicatorCode) -> IndicatorSummary? {
        summaries.first { $0.code == code }
    }

    // MARK: Building

    mutating func set(_ group: ResultGroup, _ id: String, _ code: IndicatorCode, _ value: Double) {
        groups[group, default: OrderedMap()].update(id, default: [:]) { $0[code] = value }
    }

    mutating func setMeta(_ code: IndicatorCode, _ key: String, _ value: Double) {
        meta[code, default: OrderedMap()][key] = value
    }

    // MARK: Cardinal's JSON

    /// Cardinal's output as compact JSON (serde_json's layout and number format).
    public func cardinalJSON(includeMeta: Bool = true, includeMaps: Bool = false) -> String {
        var out = "{"
        var first = true
        func key(_ k: String) -> String {
            var bytes: [UInt8] = []
            JSONValue.writeString(k, into: &bytes)
            return String(decoding: bytes, as: UTF8.self)
        }
        for group in ResultGroup.allCases {
            guard let map = groups[group], !map.isEmpty else { continue }
            if !first { out += "," }
            first = false
            out += key(group.rawValue) + ":{"
            for (i, element) in map.elements.enumerated() {
                if i > 0 { out += "," }
                out += key(element.key) + ":{"
                out += element.value.sorted { $0.key < $1.key }
                    .map { key($0.key.rawValue) + ":" + CardinalNumberFormat.format($0.value) }
                    .joined(separator: ",")
                out += "}"
            }
            out += "}"
        }
        if includeMeta {
            if !first { out += "," }
            first = false
            out += "\"Meta\":{"
            out += meta.keys.sorted().map { code in
                key(code.rawValue) + ":{" + meta[code]!.elements
                    .map { key($0.key) + ":" + CardinalNumberFormat.format(($0.value * 10_000).rounded() / 10_000) }
                    .joined(separator: ",") + "}"
            }.joined(separator: ",")
            out += "}"
        }
        if includeMaps {
            if !first { out += "," }
            out += "\"Maps\":" + maps.json()
        }
        return out + "}"
    }
}

/// Cardinal's `--map` output (`Maps` key): which organisations each contracting process links
/// to, per indicator, so a flagged tenderer can be traced back to the processes that flagged it.
public struct CardinalMaps: Sendable, Equatable {
    /// The buyer for each `ocid` in which at least one bid is disqualified.
    public internal(set) var ocidBuyerR038: [String: String] = [:]
    /// The procuring entity for each `ocid` in which at least one bid is disqualified.
    public internal(set) var ocidProcuringEntityR038: [String: String] = [:]
    /// The tenderers that submitted bids for each `ocid` (filled when R025, R038 or R048 run).
    public internal(set) var ocidTenderer: [String: Set<String>] = [:]
    /// The flagged tenderers for each flagged `ocid`, per indicator.
    public internal(set) var ocidTendererByIndicator: [IndicatorCode: [String: Set<String>]] = [:]

    mutating func addFlaggedTenderer(_ code: IndicatorCode, ocid: String, _ id: String) {
        ocidTendererByIndicator[code, default: [:]][ocid, default: []].insert(id)
    }

    func json() -> String {
        func key(_ k: String) -> String {
            var bytes: [UInt8] = []
            JSONValue.writeString(k, into: &bytes)
            return String(decoding: bytes, as: UTF8.self)
        }
        func flat(_ m: [String: String]) -> String {
            "{" + m.keys.sorted().map { key($0) + ":" + key(m[$0]!) }.joined(separator: ",") + "}"
        }
        func sets(_ m: [String: Set<String>]) -> String {
            "{" + m.keys.sorted().map { key($0) + ":[" + m[$0]!.sorted().map(key).joined(separator: ",") + "]" }
                .joined(separator: ",") + "}"
        }
        var parts = [
            "\"ocid_buyer_r038\":" + flat(ocidBuyerR038),
            "\"ocid_procuringentity_r038\":" + flat(ocidProcuringEntityR038),
            "\"ocid_tenderer\":" + sets(ocidTenderer),
        ]
        for code in [IndicatorCode.r024, .r028, .r030, .r035, .r058] {
            parts.append("\"ocid_tenderer_\(code.rawValue.lowercased())\":" + sets(ocidTendererByIndicator[code] ?? [:]))
        }
        return "{" + parts.joined(separator: ",") + "}"
    }
}
