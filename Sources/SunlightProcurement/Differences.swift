/// Where Sunlight departs from Cardinal 0.0.8, as data the UI and reports can show.
///
/// rules.md: "Where Cardinal is wrong, do better and document it." Each entry says what Cardinal
/// does, what Sunlight does instead, and whether `cardinal_compat = true` restores Cardinal's
/// behaviour (`scope == .sunlightModeOnly`) or the difference is a reading feature that never
/// changes Cardinal's answer on data Cardinal accepts (`scope == .always`).
///
/// | id | indicators | Cardinal 0.0.8 | Sunlight |
/// |---|---|---|---|
/// | `r030-instants` | R030 | compares bid date and deadline as strings | compares instants |
/// | `currency-fixed` | R024 R036 R058 | main currency = first seen; others dropped | setting, or the only one; several → error |
/// | `r038-minimum-processes` | R038 | buyer/procuring-entity minimum counted in bids | counted in processes, as documented |
/// | `r048-degenerate-fence` | R048 | no guard: IQR = 0 flags ≥ 25 % of suppliers | not computable |
/// | `tri-state` | all | silence for "no data" and "no flag" alike | flagged / clear / not computable + reasons |
/// | `r003-dates` | R003 | strict RFC 3339 only; others silently skipped | ISO dates without offset or time read (UTC+8) |
/// | `r018-number` | R018 | only the literal `1` | the value 1 (`1.0` too) |
/// | `exact-amounts` | R024 R028 R036 R058 | `f64` comparisons | exact decimal comparisons |
/// | `zero-winning-bid` | R024 R058 | 0 winning bid → ∞/NaN ratio in the quartiles | skipped and counted |
/// | `invalid-lines` | — | invalid lines logged and skipped | error with line number (or skipped and listed) |
/// | `not-ocds` | — | lines without `ocid` silently ignored | error |
/// | `packaging` | — | compiled releases only | releases, records, packages; compiled |
/// | `prepare-in-one-step` | — | `prepare` is a separate command | its corrections applied while reading |
/// | `default-settings` | — | no settings file → no indicator | no settings file → all eleven |
public struct CardinalDifference: Sendable, Identifiable, Equatable {
    public enum Scope: String, Sendable {
        /// Sunlight's default; `cardinal_compat = true` restores Cardinal's behaviour.
        case sunlightModeOnly
        /// Both modes: it adds to what Cardinal does without changing Cardinal's results.
        case always
    }

    public let id: String
    public let indicators: [IndicatorCode]
    public let scope: Scope
    public let titleZh: String
    public let titleEn: String
    /// What Cardinal 0.0.8 does.
    public let cardinalZh: String
    public let cardinalEn: String
    /// What Sunlight does instead (by default).
    public let sunlightZh: String
    public let sunlightEn: String
}

public enum Differences {
    public static let all: [CardinalDifference] = [
        CardinalDifference(
            id: "r030-instants", indicators: [.r030], scope: .sunlightModeOnly,
            titleZh: "逾期投标按时间点比较", titleEn: "Late bids compared as instants",
            cardinalZh: "把投标日期和截止日期当作字符串比较（date > end_date），不同格式或时区的日期会被误判。",
            cardinalEn: "Compares the bid date and the deadline as strings (date > end_date), misjudging dates written in different formats or offsets.",
            sunlightZh: "把两者解析为时间点后比较（无时区视为北京时间）；无法识别的日期计入“不可计算”。",
            sunlightEn: "Parses both into instants (no offset = China time) before comparing; unreadable dates are counted as not computable."),
        CardinalDifference(
            id: "currency-fixed", indicators: [.r024, .r036, .r058], scope: .sunlightModeOnly,
            titleZh: "主币种由设置决定", titleEn: "Main currency fixed by setting",
            cardinalZh: "未设置 currency 时，以最先遇到的币种为主币种（结果取决于文件顺序和线程调度），其他币种的投标被悄悄丢弃。",
            cardinalEn: "Without a currency setting, takes the first currency seen (results depend on file order and thread scheduling) and silently drops bids in other currencies.",
            sunlightZh: "使用 currency（或 [defaults] currency）设置；未设置时，数据中只有一种币种则用它，有多种则报错并列出币种；其他币种的投标计数报告。",
            sunlightEn: "Uses the currency (or [defaults] currency) setting; without one, the only currency in the data, or an error naming the currencies if there are several; bids in other currencies are counted and reported."),
        CardinalDifference(
            id: "r038-minimum-processes", indicators: [.r038], scope: .sunlightModeOnly,
            titleZh: "最低采购项目数按项目计", titleEn: "Minimum contracting processes counts processes",
            cardinalZh: "文档称采购人、采购代理机构须有至少 minimum_contracting_processes 个采购项目，代码却比较的是投标数。",
            cardinalEn: "Documents minimum_contracting_processes for buyers and procuring entities as a number of contracting processes, but compares it with their number of bids.",
            sunlightZh: "按采购项目数比较，与文档一致；投标人的 minimum_submitted_bids 仍按投标数。",
            sunlightEn: "Compares the number of contracting processes, as documented; a tenderer's minimum_submitted_bids still counts bids."),
        CardinalDifference(
            id: "r048-degenerate-fence", indicators: [.r048], scope: .sunlightModeOnly,
            titleZh: "R048 退化界限保护", titleEn: "Degenerate-fence guard for R048",
            cardinalZh: "没有保护：多数供应商品类数相同时（IQR = 0），界限等于 Q3，至少四分之一（常常是大多数）供应商被标记。",
            cardinalEn: "No guard: when most suppliers have the same variety (IQR = 0), the fence equals Q3 and at least a quarter of suppliers, often most, are flagged.",
            sunlightZh: "IQR = 0 时不标记任何供应商，并报告“界限退化，不可计算”；设置了 threshold 时照常使用。",
            sunlightEn: "With IQR = 0 no supplier is flagged and the indicator reports a degenerate fence (not computable); a configured threshold is used as given."),
        CardinalDifference(
            id: "tri-state", indicators: IndicatorCode.allCases, scope: .always,
            titleZh: "三态结果", titleEn: "Tri-state results",
            cardinalZh: "只输出被标记的对象；没有数据、无法计算和没有问题都表现为“没有输出”。",
            cardinalEn: "Outputs flagged subjects only: no data, not computable and no flag all look like silence.",
            sunlightZh: "每个指标另报告：标记数、未标记数、不可评估数及原因，以及整个指标是否可计算（Cardinal 格式输出不变）。",
            sunlightEn: "Each indicator also reports flagged, clear and not-evaluated counts with reasons, and whether it could be computed at all (Cardinal's output is unchanged)."),
        CardinalDifference(
            id: "r003-dates", indicators: [.r003], scope: .sunlightModeOnly,
            titleZh: "投标期日期格式更宽容", titleEn: "Tender period dates read leniently",
            cardinalZh: "只接受严格的 RFC 3339（必须有时间和时区）；“2024-03-01”或无时区的时间被悄悄跳过。",
            cardinalEn: "Accepts strict RFC 3339 only (time and offset required); \"2024-03-01\" or a time without offset is silently skipped.",
            sunlightZh: "接受 ISO 8601 日期、无时区时间（视为北京时间）及常见中文日期写法；仍无法识别的计入“不可计算”。",
            sunlightEn: "Accepts ISO 8601 dates, times without offset (China time) and common Chinese date forms; what remains unreadable is counted as not computable."),
        CardinalDifference(
            id: "r018-number", indicators: [.r018], scope: .sunlightModeOnly,
            titleZh: "投标人数按数值判断", titleEn: "Number of tenderers read as a number",
            cardinalZh: "numberOfTenderers 只有写作整数字面量 1 时才算一家（1.0 不算）。",
            cardinalEn: "numberOfTenderers counts as one only when written as the integer literal 1 (1.0 does not).",
            sunlightZh: "按数值判断，1 与 1.0 相同。",
            sunlightEn: "Compares the value: 1 and 1.0 are the same."),
        CardinalDifference(
            id: "exact-amounts", indicators: [.r024, .r028, .r036, .r058], scope: .sunlightModeOnly,
            titleZh: "金额精确比较", titleEn: "Amounts compared exactly",
            cardinalZh: "以双精度浮点数比较报价（最低价、是否相同），超过 15 位有效数字或二进制无法精确表示的金额可能误判。",
            cardinalEn: "Compares bid amounts as f64 (lowest, identical), which can misjudge amounts beyond 15 significant digits or not representable in binary.",
            sunlightZh: "按数据中写明的十进制数精确比较；只有 Cardinal 发布的比率按浮点数计算。",
            sunlightEn: "Compares the decimal numbers as written; only the ratios Cardinal publishes are computed in floating point."),
        CardinalDifference(
            id: "zero-winning-bid", indicators: [.r024, .r058], scope: .sunlightModeOnly,
            titleZh: "中标价为零不参与比率", titleEn: "Zero winning bids kept out of the ratios",
            cardinalZh: "中标报价为 0 时比率为无穷大或 NaN，并进入四分位数计算。",
            cardinalEn: "A winning bid of 0 yields an infinite or NaN ratio that enters the quartiles.",
            sunlightZh: "跳过该项目并计入“中标报价为零”。",
            sunlightEn: "Skips the process and counts it as \"winning bid amount is zero\"."),
        CardinalDifference(
            id: "invalid-lines", indicators: [], scope: .always,
            titleZh: "无效行报错", titleEn: "Invalid lines are errors",
            cardinalZh: "无效的 JSON 行仅记录警告后跳过。",
            cardinalEn: "Invalid JSON lines are logged as warnings and skipped.",
            sunlightZh: "默认以行号报错并停止（全有或全无）；选择 skipInvalid 时跳过并逐行列出。",
            sunlightEn: "By default an error with the line number stops the import (all or nothing); with skipInvalid they are skipped and listed."),
        CardinalDifference(
            id: "not-ocds", indicators: [], scope: .always,
            titleZh: "非 OCDS 数据报错", titleEn: "Non-OCDS input is an error",
            cardinalZh: "没有 ocid 的行被悄悄忽略；用错文件时输出为空。",
            cardinalEn: "Lines without an ocid are silently ignored; the wrong file gives an empty output.",
            sunlightZh: "报错说明不是 OCDS 数据（跳过模式下也要求至少有一个采购项目）。",
            sunlightEn: "Reports that the input is not OCDS (even when skipping, at least one contracting process is required)."),
        CardinalDifference(
            id: "packaging", indicators: [], scope: .always,
            titleZh: "支持发布包、记录包和记录", titleEn: "Packages and records accepted",
            cardinalZh: "只读取每行一个已编译发布（compiled release）的 JSON Lines。",
            cardinalEn: "Reads JSON Lines of compiled releases only.",
            sunlightZh: "也读取发布、记录、发布包、记录包（JSON Lines 或单个文档）；记录使用 compiledRelease，否则按 OCDS 合并规则编译其发布。",
            sunlightEn: "Also reads releases, records, release packages and record packages (JSON Lines or one document); records use compiledRelease or have their releases compiled by the OCDS merge rules."),
        CardinalDifference(
            id: "prepare-in-one-step", indicators: [], scope: .always,
            titleZh: "数据整理一步完成", titleEn: "Preparation in one step",
            cardinalZh: "[defaults]、[redactions]、[codelists.*] 等由单独的 prepare 命令处理。",
            cardinalEn: "[defaults], [redactions], [codelists.*] and the like are applied by a separate prepare command.",
            sunlightZh: "读取时直接应用这些设置，结果等同于先 prepare 再 indicators。",
            sunlightEn: "Applies them while reading, with the same result as prepare followed by indicators."),
        CardinalDifference(
            id: "default-settings", indicators: IndicatorCode.allCases, scope: .always,
            titleZh: "无设置文件时运行全部指标", titleEn: "All indicators without a settings file",
            cardinalZh: "没有设置文件时不运行任何指标。",
            cardinalEn: "Runs no indicator without a settings file.",
            sunlightZh: "没有设置文件时以默认参数运行全部十一个指标；有设置文件时与 Cardinal 相同，按设置节启用。",
            sunlightEn: "Runs all eleven indicators with their defaults; with a settings file, sections enable indicators as in Cardinal."),
    ]

    public static func difference(_ id: String) -> CardinalDifference? { all.first { $0.id == id } }

    /// The differences that concern one indicator.
    public static func affecting(_ code: IndicatorCode) -> [CardinalDifference] {
        all.filter { $0.indicators.contains(code) }
    }
}
