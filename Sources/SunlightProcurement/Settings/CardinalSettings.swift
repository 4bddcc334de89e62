import Foundation

/// Cardinal 0.0.8's settings file, key for key, plus Sunlight's `cardinal_compat`.
///
/// Layout (Cardinal's `init` template, docs/topics/settings.md):
///
/// ```ini
/// currency = USD                                   ; main currency of price indicators
/// no_price_comparison_procurement_methods = …      ; procurementMethodDetails without price comparison
/// price_comparison_procurement_methods = …         ; … or the only ones with it
/// [output]      info_currency_mismatches
/// [defaults]    currency, item_classification_scheme, bid_status, award_status, party_roles,
///               cardinal_compat (Sunlight)
/// [redactions]  amount, organization_id
/// [corrections] award_status_by_contract_status
/// [modifications] move_auctions, prefix_buyer_or_procuring_entity_id,
///               prefix_tenderer_or_supplier_id, split_procurement_method_details
/// [codelists.bid_status] / [codelists.award_status]   code = replacement
/// [exclusions]  procurement_method_details
/// [R003] threshold, procurement_methods     [R003.procurement_method_details] details = days
/// [R018] procurement_methods   [R024] threshold   [R025] percentile, threshold
/// [R028] [R030] [R035] threshold [R036]
/// [R038] threshold, minimum_submitted_bids, minimum_contracting_processes
/// [R048] digits, threshold, minimum_contracting_processes   [R058] threshold
/// ```
///
/// As in Cardinal, a section's *presence* enables its indicator (an empty `[R028]` runs R028),
/// unknown sections or keys are errors, and pipe-separated lists split like Rust's
/// `split_terminator('|')`. Unlike Cardinal, which runs no indicator without a settings file,
/// Sunlight's default (`CardinalSettings()`) runs all eleven with their defaults.
///
/// Cardinal applies `[defaults]`, `[redactions]`, `[corrections]`, `[modifications]` and
/// `[codelists.*]` in its separate `prepare` command; Sunlight reads raw data in one step, so it
/// applies them while reading (see `Preparation`) — the same result as `prepare` followed by
/// `indicators` with one settings file, Cardinal's documented workflow.
public struct CardinalSettings: Sendable, Equatable {
    // MARK: Top level

    /// Main currency for the price indicators (R024, R036, R058). Cardinal: if unset, the first
    /// currency seen. Sunlight: if unset, `[defaults] currency`, else the only currency in the
    /// data; several currencies and no setting is an error.
    public var currency: String?
    /// `/tender/procurementMethodDetails` values for which bid prices are not compared.
    public var noPriceComparisonProcurementMethods: String?
    /// If set, bid prices are compared only for these `procurementMethodDetails` values.
    public var priceComparisonProcurementMethods: String?

    // MARK: Sections

    /// `[output] info_currency_mismatches` (Cardinal: log level of currency mismatches).
    public var infoCurrencyMismatches: Bool?
    public var defaults: Defaults?
    public var redactions: Redactions?
    public var corrections: Corrections?
    public var modifications: Modifications?
    /// `[codelists.bid_status]`: bid status → replacement.
    public var bidStatusCodelist: [String: String]?
    /// `[codelists.award_status]`: award status → replacement.
    public var awardStatusCodelist: [String: String]?
    /// `[exclusions] procurement_method_details`: processes excluded from every indicator.
    public var excludedProcurementMethodDetails: String?

    // MARK: Indicators (nil = disabled)

    public var r003: R003?
    public var r018: R018?
    public var r024: FloatThreshold?
    public var r025: R025?
    public var r028: Bool
    public var r030: Bool
    public var r035: IntegerThreshold?
    public var r036: Bool
    public var r038: R038?
    public var r048: R048?
    public var r058: FloatThreshold?

    public struct Defaults: Sendable, Equatable {
        public var currency: String?
        public var itemClassificationScheme: String?
        public var bidStatus: String?
        public var awardStatus: String?
        public var partyRoles: Bool?
        /// Sunlight only: reproduce Cardinal 0.0.8 exactly, including its known defects
        /// (`Differences.all`). Default false: Sunlight's corrected behaviour.
        public var cardinalCompat: Bool?
        public init() {}
    }

    public struct Redactions: Sendable, Equatable {
        /// Pipe-separated amounts to treat as missing (placeholder values such as 0).
        public var amount: String?
        /// Pipe-separated organisation ids to treat as missing.
        public var organizationID: String?
        public init() {}
    }

    public struct Corrections: Sendable, Equatable {
        public var awardStatusByContractStatus: Bool?
        public init() {}
    }

    public struct Modifications: Sendable, Equatable {
        public var moveAuctions: Bool?
        public var prefixBuyerOrProcuringEntityID: String?
        public var prefixTendererOrSupplierID: String?
        public var splitProcurementMethodDetails: String?
        public init() {}
    }

    public struct R003: Sendable, Equatable {
        /// Days; default 15.
        public var threshold: Int?
        /// Pipe-separated `procurementMethod` values; default: all.
        public var procurementMethods: String?
        /// `[R003.procurement_method_details]`: per-`procurementMethodDetails` thresholds.
        public var procurementMethodDetails: [String: Int]?
        public init(threshold: Int? = nil, procurementMethods: String? = nil, procurementMethodDetails: [String: Int]? = nil) {
            self.threshold = threshold
            self.procurementMethods = procurementMethods
            self.procurementMethodDetails = procurementMethodDetails
        }
    }

    public struct R018: Sendable, Equatable {
        /// Default `open|selective`.
        public var procurementMethods: String?
        public init(procurementMethods: String? = nil) { self.procurementMethods = procurementMethods }
    }

    public struct FloatThreshold: Sendable, Equatable {
        /// A fixed fence instead of the quartile-based one.
        public var threshold: Double?
        public init(threshold: Double? = nil) { self.threshold = threshold }
    }

    public struct IntegerThreshold: Sendable, Equatable {
        public var threshold: Int?
        public init(threshold: Int? = nil) { self.threshold = threshold }
    }

    public struct R025: Sendable, Equatable {
        /// Percentile of valid-bid counts a tenderer must reach; default 75.
        public var percentile: Int?
        /// A fixed lower fence for the win ratio.
        public var threshold: Double?
        public init(percentile: Int? = nil, threshold: Double? = nil) {
            self.percentile = percentile
            self.threshold = threshold
        }
    }

    public struct R038: Sendable, Equatable {
        public var threshold: Double?
        /// Tenderers with fewer submitted bids are excluded; default 2.
        public var minimumSubmittedBids: Int?
        /// Buyers and procuring entities with fewer contracting processes are excluded; default 2.
        public var minimumContractingProcesses: Int?
        public init(threshold: Double? = nil, minimumSubmittedBids: Int? = nil, minimumContractingProcesses: Int? = nil) {
            self.threshold = threshold
            self.minimumSubmittedBids = minimumSubmittedBids
            self.minimumContractingProcesses = minimumContractingProcesses
        }
    }

    public struct R048: Sendable, Equatable {
        /// Leading characters of a classification code that make a category; default 2.
        public var digits: Int?
        public var threshold: Int?
        /// Suppliers awarded in fewer processes are excluded from the fence; default 20.
        public var minimumContractingProcesses: Int?
        public init(digits: Int? = nil, threshold: Int? = nil, minimumContractingProcesses: Int? = nil) {
            self.digits = digits
            self.threshold = threshold
            self.minimumContractingProcesses = minimumContractingProcesses
        }
    }

    /// Every indicator enabled with its defaults (what Sunlight runs without a settings file).
    public init() {
        r003 = R003()
        r018 = R018()
        r024 = FloatThreshold()
        r025 = R025()
        r028 = true
        r030 = true
        r035 = IntegerThreshold()
        r036 = true
        r038 = R038()
        r048 = R048()
        r058 = FloatThreshold()
    }

    /// No indicator enabled, nothing set (what an empty settings file means).
    public static var empty: CardinalSettings {
        var s = CardinalSettings()
        s.r003 = nil
        s.r018 = nil
        s.r024 = nil
        s.r025 = nil
        s.r028 = false
        s.r030 = false
        s.r035 = nil
        s.r036 = false
        s.r038 = nil
        s.r048 = nil
        s.r058 = nil
        return s
    }

    /// Whether `[defaults] cardinal_compat = true`.
    public var cardinalCompat: Bool {
        get { defaults?.cardinalCompat ?? false }
        set {
            if defaults == nil { defaults = Defaults() }
            defaults!.cardinalCompat = newValue
        }
    }

    /// The indicators enabled, in code order.
    public var enabledIndicators: [IndicatorCode] {
        IndicatorCode.allCases.filter(isEnabled)
    }

    public func isEnabled(_ code: IndicatorCode) -> Bool {
        switch code {
        case .r003: return r003 != nil
        case .r018: return r018 != nil
        case .r024: return r024 != nil
        case .r025: return r025 != nil
        case .r028: return r028
        case .r030: return r030
        case .r035: return r035 != nil
        case .r036: return r036
        case .r038: return r038 != nil
        case .r048: return r048 != nil
        case .r058: return r058 != nil
        }
    }

    /// Reads a settings file.
    public static func load(contentsOf url: URL) throws(SettingsError) -> CardinalSettings {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw SettingsError(code: "settings.io", line: nil,
                                messageZh: "无法读取设置文件 \(url.path)：\(error.localizedDescription)",
                                messageEn: "cannot read the settings file \(url.path): \(error.localizedDescription)")
        }
        return try parse(text)
    }
}

/// Rust's `str::split_terminator('|')` into a set: `"a|b|"` → {a, b}, `""` → {}, `"|"` → {""}.
func pipeSeparated(_ value: String?) -> Set<String> {
    guard let value else { return [] }
    var parts = value.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
    if parts.last == "" { parts.removeLast() }
    return Set(parts)
}
