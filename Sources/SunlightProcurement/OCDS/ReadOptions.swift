import Foundation

/// How to read an OCDS file.
public struct ReadOptions: Sendable {
    /// Skip lines that are not valid JSON or not OCDS (Cardinal's behaviour) instead of stopping
    /// at the first one. Skipped lines are still counted and listed in `ReadSummary`.
    public var skipInvalid: Bool
    /// Parallelism for JSON Lines and large packages: 1 reads on the calling thread; more splits
    /// each batch into `threads × 4` parts read concurrently on all cores. Defaults to the active
    /// processor count. Results are identical whatever the value.
    public var threads: Int
    /// Bytes of JSON Lines read per batch. Memory use is about this much plus the compact
    /// processes extracted from it, whatever the file size.
    public var batchBytes: Int
    /// Cardinal's `[modifications] move_auctions` (take bids from `/auctions[]/stages[]/bids[]`
    /// when `/bids` is absent). Usually set from the settings file.
    public var moveAuctions: Bool
    /// Count field paths for the coverage report while reading (costs a second walk of each
    /// process's JSON).
    public var collectCoverage: Bool

    public init(skipInvalid: Bool = false, threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                batchBytes: Int = 32 << 20, moveAuctions: Bool = false, collectCoverage: Bool = false) {
        self.skipInvalid = skipInvalid
        self.threads = max(1, threads)
        self.batchBytes = max(1 << 16, batchBytes)
        self.moveAuctions = moveAuctions
        self.collectCoverage = collectCoverage
    }
}

/// What reading a file found.
public struct ReadSummary: Sendable {
    /// How the file was laid out.
    public enum Layout: String, Sendable {
        /// One JSON value per line (compiled releases, releases, records or packages).
        case jsonLines
        /// One JSON document (a package, a record or a release), possibly pretty-printed.
        case document
        /// Nothing but whitespace.
        case empty
    }

    public var layout: Layout = .empty
    public var bytes: Int = 0
    /// Lines in the file (JSON Lines) or of the document.
    public var lines: Int = 0
    /// Contracting processes produced.
    public var processes: Int = 0
    /// Processes compiled from several releases (records without `compiledRelease`, or one
    /// `ocid` released several times in a release package).
    public var compiledFromReleases: Int = 0
    /// Lines or elements skipped under `skipInvalid`.
    public var skippedCount: Int = 0
    /// The first skipped problems (at most `skippedLimit`).
    public var skipped: [ReadError] = []
    /// Field-path counts, when `ReadOptions.collectCoverage` was set.
    public var coverage: CoverageReport?

    public static let skippedLimit = 1000
}
