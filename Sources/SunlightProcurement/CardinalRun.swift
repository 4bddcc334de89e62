import Foundation

/// One call from a file to Cardinal's results: read (streaming, all cores) and run the enabled
/// indicators.
public enum CardinalRun {
    /// - Parameters:
    ///   - settings: Cardinal's settings (`CardinalSettings()` = all indicators, Sunlight mode).
    ///   - readOptions: `moveAuctions` is taken from the settings.
    /// - Throws: `ReadError` (input), `IndicatorError` (e.g. several currencies in Sunlight mode).
    public static func run(file url: URL, settings: CardinalSettings = CardinalSettings(),
                           readOptions: ReadOptions = ReadOptions(),
                           collectMaps: Bool = false) throws -> (results: IndicatorResults, read: ReadSummary) {
        var engine = IndicatorEngine(settings: settings, collectMaps: collectMaps)
        var options = readOptions
        options.moveAuctions = settings.modifications?.moveAuctions ?? options.moveAuctions
        let summary = try OCDSReader(options: options).read(file: url) { engine.add($0) }
        return (try engine.finish(), summary)
    }
}
