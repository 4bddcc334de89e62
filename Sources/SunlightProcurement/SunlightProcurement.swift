/// # SunlightProcurement
///
/// Procurement red flags for Sunlight: reads OCDS data and computes the eleven red-flag
/// indicators of the Open Contracting Partnership's Cardinal 0.0.8 (R003 … R058) with the same
/// definitions, settings, quartile method and output — and, by default, with Cardinal's known
/// defects corrected (`Differences.all`; `[defaults] cardinal_compat = true` restores Cardinal
/// exactly).
///
/// ## Pieces
///
/// - Reading: `OCDSReader` (streaming, parallel; JSON Lines or one document; releases, records,
///   packages) → `ContractingProcess` (a compact model of what the indicators, the coverage
///   report and the Chinese `bid.*` signals need, including the `bids.details[].sunlight`
///   evidence extension). Problems: `ReadError` (line, column, Chinese and English).
/// - Settings: `CardinalSettings.parse(_:)` / `load(contentsOf:)` — Cardinal's INI file, key for
///   key. Problems: `SettingsError`.
/// - Indicators: `IndicatorEngine` (fold processes, then `finish()`) or `CardinalRun.run(file:)`
///   → `IndicatorResults` (`cardinalJSON()` prints Cardinal's output; `summaries` say, per
///   indicator, flagged / clear / not computable and why). Problems: `IndicatorError`.
/// - Coverage: `Coverage.jsonLines(_:)` (Cardinal's `coverage` command) and
///   `Coverage.processes(file:)` → `CoverageReport` with `indicatorSupport`.
/// - Measuring: `ProcurementBench.run(file:)` → `BenchFigures`.
///
/// ## Why these choices
///
/// The indicators are only worth showing to an auditor if they are reproducible: the same
/// input gives the same flags, whatever the thread count (results are folded in input order), and
/// the same flags as Cardinal when asked (`cardinal_compat`), down to the quartile arithmetic.
/// Inputs are national procurement dumps of several gigabytes, so reading never holds more than
/// a batch, skips what it does not need without building it, and uses every core.
public enum SunlightProcurementModule {
    /// The Cardinal version whose behaviour `cardinal_compat = true` reproduces.
    public static let cardinalVersion = "0.0.8"
}
