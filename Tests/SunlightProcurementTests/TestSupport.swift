import Foundation
@testable import SunlightProcurement

/// Paths of the shared fixtures.
///
/// The test file sits at `<project>/Tests/SunlightProcurementTests/…`; the fixtures at
/// `<project>/../shared/fixtures/`. A scratch package may reach these tests through a
/// symbolic link, so `#filePath` is resolved first.
enum Fixtures {
    static let project: URL = {
        let file = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        return file.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }()

    static let shared = project.deletingLastPathComponent().appendingPathComponent("shared/fixtures")
    static let cardinal = shared.appendingPathComponent("cardinal")
    static let ocds = shared.appendingPathComponent("ocds")

    /// Fixture stems (`R003-threshold-10`, …), sorted.
    static var cardinalNames: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: cardinal.path)) ?? []
        return files.filter { $0.hasSuffix(".jsonl") }.map { String($0.dropLast(6)) }.sorted()
    }

    /// The settings Cardinal's test harness (build.rs) gives a fixture, as an INI file: the
    /// indicator from the name, with `field = value` (`+` means `|`) or, with more parts, a
    /// sub-table of key/value pairs; plus `no_price_comparison_procurement_methods = NPC` and
    /// `[exclusions] procurement_method_details = EXC`.
    static func settingsText(for name: String, compat: Bool) -> String {
        var parts = name.replacingOccurrences(of: "+", with: "|").split(separator: "-").map(String.init)
        let indicator = parts.removeFirst()
        var text = """
        no_price_comparison_procurement_methods = NPC
        [exclusions]
        procurement_method_details = EXC
        [defaults]
        cardinal_compat = \(compat)

        """
        if parts.count < 2 {
            text += "[\(indicator)]\n"
        } else if parts.count == 2 {
            text += "[\(indicator)]\n\(parts[0]) = \(parts[1])\n"
        } else {
            let field = parts.removeFirst()
            text += "[\(indicator).\(field)]\n"
            var i = 0
            while i + 1 < parts.count {
                text += "\(parts[i]) = \(parts[i + 1])\n"
                i += 2
            }
        }
        return text
    }

    static func jsonl(_ name: String) -> URL { cardinal.appendingPathComponent(name + ".jsonl") }
    static func expected(_ name: String) -> URL { cardinal.appendingPathComponent(name + ".expected") }
}

/// Cardinal's results as plain values: group → subject → code → value.
typealias ResultTable = [String: [String: [String: Double]]]

func resultTable(_ json: String) throws -> ResultTable {
    let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] ?? [:]
    var table: ResultTable = [:]
    for (group, value) in object where group != "Meta" && group != "Maps" {
        guard let subjects = value as? [String: Any] else { continue }
        var g: [String: [String: Double]] = [:]
        for (id, codes) in subjects {
            var c: [String: Double] = [:]
            for (code, v) in codes as? [String: Any] ?? [:] { c[code] = (v as? NSNumber)?.doubleValue ?? .nan }
            g[id] = c
        }
        table[group] = g
    }
    return table
}

/// Reads `data` and runs the indicators.
func runIndicators(_ data: Data, settings: CardinalSettings, readOptions: ReadOptions = ReadOptions(threads: 1),
                   collectMaps: Bool = false) throws -> IndicatorResults {
    var engine = IndicatorEngine(settings: settings, collectMaps: collectMaps)
    var options = readOptions
    options.moveAuctions = settings.modifications?.moveAuctions ?? false
    _ = try OCDSReader(options: options).read(data: data) { engine.add($0) }
    return try engine.finish()
}

func runIndicators(_ jsonl: String, settings: CardinalSettings) throws -> IndicatorResults {
    try runIndicators(Data(jsonl.utf8), settings: settings)
}
