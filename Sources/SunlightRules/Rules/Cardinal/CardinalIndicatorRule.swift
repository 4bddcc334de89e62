import SunlightDomain
import SunlightProcurement

/// One of Cardinal's eleven red-flag indicators (R003 … R058) as a rule of the catalog, so its
/// flags become findings like any other: reviewed, counted in the rule statistics, exported,
/// turned into clues — while `sunlight scan --format cardinal` still prints Cardinal's own output.
///
/// The computation is `SunlightProcurement`'s (Cardinal 0.0.8's definitions, quartiles and fences;
/// Sunlight's corrections unless `cardinal_compat = true`), run over the imported OCDS processes
/// with the Cardinal part of the rule settings. Subjects follow Cardinal's output: a contracting
/// process (`ocid`) for the process indicators, whose evidence names the tenderers Cardinal
/// links to the flag; the tenderer for R025 and R048; the organisation with its group
/// (`Buyer:…`, `ProcuringEntity:…`, `Tenderer:…`) for R038, which flags all three.
public struct CardinalIndicatorRule: SupervisionRule {
    public let indicator: IndicatorCode

    public init(_ indicator: IndicatorCode) { self.indicator = indicator }

    public var code: String { indicator.rawValue }
    public var version: Int { 1 }
    public var titleZh: String { indicator.titleZh }
    public var titleEn: String { indicator.titleEn }
    public var explanationZh: String { CardinalExplanations.zh(indicator) }
    public var explanationEn: String { CardinalExplanations.en(indicator) }
    public var inputs: [String] { ["ocds"] }
    /// Cardinal's settings are not `ParameterSpec`s: they are Cardinal's INI sections, kept in
    /// `RuleParameters.cardinal` (see there).
    public var parameters: [ParameterSpec] { [] }

    public static let all: [CardinalIndicatorRule] = IndicatorCode.allCases.map(CardinalIndicatorRule.init)

    public func evaluate(_ data: SupervisionData, _ context: RuleContext) -> RuleResult {
        let parameters = CardinalRuleSettings.effective(context.parameters, indicator)
        guard data.hasRows(.ocds) else {
            return RuleResult(code: code, version: version, parameters: parameters,
                              status: .notComputable(reasonZh: "无法计算：未导入 OCDS 采购流程数据", reasonEn: "not computable: no OCDS processes imported"),
                              flagged: 0, clear: 0, notComputable: 0, notComputableReasons: [], findings: [])
        }
        var engine = IndicatorEngine(settings: CardinalRuleSettings.only(indicator, from: context.parameters.cardinal), collectMaps: true)
        engine.add(data.processes)
        let results: IndicatorResults
        do {
            results = try engine.finish()
        } catch {
            return RuleResult(code: code, version: version, parameters: parameters,
                              status: .notComputable(reasonZh: "无法计算：" + error.messageZh, reasonEn: "not computable: " + error.messageEn),
                              flagged: 0, clear: 0, notComputable: 0, notComputableReasons: [], findings: [])
        }
        let summary = results.summary(indicator)
        let skipped = (summary?.skippedByFrequency ?? []).map {
            NotComputableReason(reasonZh: "无法计算：" + $0.reason.messageZh, reasonEn: "not computable: " + $0.reason.messageEn, count: $0.count)
        }
        if case .notComputable(let reason)? = summary?.state {
            return RuleResult(code: code, version: version, parameters: parameters,
                              status: .notComputable(reasonZh: "无法计算：" + reason.messageZh, reasonEn: "not computable: " + reason.messageEn),
                              flagged: 0, clear: summary?.clear ?? 0, notComputable: skipped.reduce(0) { $0 + $1.count },
                              notComputableReasons: skipped, findings: [])
        }
        let findings = CardinalFindings(indicator: indicator, results: results, processes: data.processes).findings()
            .sorted { $0.subject.utf8.lexicographicallyPrecedes($1.subject.utf8) }
        return RuleResult(code: code, version: version, parameters: parameters, status: .computed, flagged: findings.count,
                          clear: summary?.clear ?? 0, notComputable: skipped.reduce(0) { $0 + $1.count },
                          notComputableReasons: skipped, findings: findings)
    }
}

/// The Cardinal settings one indicator runs with.
enum CardinalRuleSettings {
    /// The deployment's Cardinal settings with only `indicator` enabled: its own section if the
    /// settings have one, else its defaults (in a scan every indicator runs; a settings file's
    /// sections choose indicators only for Cardinal's own output).
    static func only(_ indicator: IndicatorCode, from settings: CardinalSettings) -> CardinalSettings {
        var s = settings
        if !s.isEnabled(indicator) {
            // Not in the settings file: the indicator's own defaults.
            let all = CardinalSettings()
            switch indicator {
            case .r003: s.r003 = all.r003
            case .r018: s.r018 = all.r018
            case .r024: s.r024 = all.r024
            case .r025: s.r025 = all.r025
            case .r028: s.r028 = true
            case .r030: s.r030 = true
            case .r035: s.r035 = all.r035
            case .r036: s.r036 = true
            case .r038: s.r038 = all.r038
            case .r048: s.r048 = all.r048
            case .r058: s.r058 = all.r058
            }
        }
        return CardinalSettings.restricted(s, to: [indicator])
    }

    /// What a run records as its parameters: the mode and the Cardinal settings text in force.
    static func effective(_ parameters: RuleParameters, _ indicator: IndicatorCode) -> [String: String] {
        [
            "cardinal_compat": parameters.cardinal.cardinalCompat ? "true" : "false",
            "settings": parameters.cardinalText.isEmpty ? "defaults" : parameters.cardinalText,
        ]
    }
}
