import Foundation
import SunlightDomain

/// How much data to generate.
public enum DemoSize: String, CaseIterable, Sendable {
    /// One county of 3 townships × 5 villages (~3k residents): for tests, under 2 s.
    case small
    /// One county of ~150k residents, ~300k benefit rows, ~100k payments.
    case county
    /// Twelve counties: ~1M residents, ~3M benefit rows, ~1M payments (streamed, constant memory).
    case province
}

/// A county of the demo data set (imaginary names and GB/T 2260-style codes).
public struct DemoCounty: Sendable, Equatable {
    public let name: String
    public let regionCode: String
    public let townships: Int
    public let villages: Int
    public let officials: Int
}

/// What `DemoGenerator.generate` wrote.
public struct DemoSummary: Sendable {
    public let size: DemoSize
    public let seed: UInt64
    /// The as-of date the truth file is valid for (`--as-of`).
    public let asOf: LocalDate
    /// Data rows (header excluded) per file name (`units.csv` …).
    public let rowCounts: [String: Int]
    public let counties: [DemoCounty]
    /// Planted cases in `truth.jsonl`: must fire / must not fire.
    public let plantedFlags: Int
    public let plantedClears: Int
    /// Files written, in order: the 16 CSVs, `truth.jsonl`, `README.txt`.
    public let files: [String]
}

/// Generates a deterministic demo data set for Sunlight: one UTF-8 CSV per contract dataset with
/// canonical headers, a `truth.jsonl` of planted findings and near-misses, and a `README.txt`.
public enum DemoGenerator {
    /// The fixed as-of date of every demo data set (inside the shipped holiday calendar).
    public static let asOf = LocalDate(year: 2026, month: 3, day: 31)!

    /// Writes the data set into `directory` (created if needed; files are overwritten).
    /// The same size and seed always produce byte-identical files.
    @discardableResult
    public static func generate(size: DemoSize, seed: UInt64, to directory: URL,
                                progress: ((String) -> Void)? = nil) throws -> DemoSummary {
        let profile = SizeProfile.of(size)
        let say: (String) -> Void = progress ?? { _ in }
        let output = try DemoOutput(directory: directory)
        let truth = TruthLog()
        try ProgramsWriter.write(output)
        var counties: [DemoCounty] = []
        for c in 0..<profile.counties {
            let county = CountyBuild(index: c, profile: profile, asOf: asOf, seed: seed, output: output, truth: truth)
            say("\(county.name): skeleton")
            county.buildSkeleton()
            county.buildCompanies()
            say("\(county.name): planting")
            county.plantEarly()
            try county.writeRegistry()
            say("\(county.name): households")
            try county.streamVillages(progress: say)
            say("\(county.name): benefits")
            try county.writeBenefits()
            say("\(county.name): projects and tenders")
            try county.buildProcurement()
            say("\(county.name): payments and budgets")
            try county.writePayments(progress: say)
            try county.writeServiceCases()
            counties.append(DemoCounty(name: county.name, regionCode: county.region, townships: county.townshipCodes.count,
                                       villages: county.villages.count, officials: county.officials.count))
        }
        try output.close()
        say("OCDS")
        try OCDSExport.write(from: directory)
        try truth.write(to: directory.appendingPathComponent("truth.jsonl"), asOf: asOf.iso, seed: seed, size: size.rawValue)
        var counts: [String: Int] = [:]
        for ds in DemoDataset.allCases { counts[ds.fileName] = output.counts[ds] ?? 0 }
        let summary = DemoSummary(size: size, seed: seed, asOf: asOf, rowCounts: counts, counties: counties,
                                  plantedFlags: truth.cases.filter(\.flag).count, plantedClears: truth.cases.filter { !$0.flag }.count,
                                  files: DemoDataset.allCases.map(\.fileName) + ["ocds.jsonl", "truth.jsonl", "README.txt"])
        try Readme.write(summary, truth: truth, to: directory.appendingPathComponent("README.txt"))
        say("done")
        return summary
    }
}
