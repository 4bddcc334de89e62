import Foundation
import SunlightContract
import SunlightStorage

/// Imports a folder of dataset files named after their datasets (`units.csv`, `people.xlsx`…)
/// in the contract's order, so units come before the people who belong to them. Each file is
/// its own all-or-nothing import; the first rejected file stops the run.
public struct DirectoryImport: Sendable {
    public let importer: Importer

    public init(importer: Importer) { self.importer = importer }

    /// The dataset files found in `directory`, in import order.
    public static func files(in directory: URL) -> [(dataset: Dataset, file: URL)] {
        Contract.datasets.compactMap { dataset in
            for ext in ["csv", "xlsx"] {
                let url = directory.appendingPathComponent("\(dataset.name).\(ext)")
                if FileManager.default.fileExists(atPath: url.path) { return (dataset, url) }
            }
            return nil
        }
    }

    /// Imports every dataset file of `directory`; returns the reports in import order, ending
    /// at the first rejected file.
    public func run(_ directory: URL, options: ImportOptions = ImportOptions(), by principal: Principal,
                    onReport: (@Sendable (ImportReport, Duration) -> Void)? = nil) async throws -> [ImportReport] {
        var reports: [ImportReport] = []
        let clock = ContinuousClock()
        for (dataset, file) in Self.files(in: directory) {
            let start = clock.now
            let report = try await importer.run(dataset, file: file, options: options, by: principal)
            onReport?(report, clock.now - start)
            reports.append(report)
            if !report.isWritten { break }
        }
        return reports
    }
}
