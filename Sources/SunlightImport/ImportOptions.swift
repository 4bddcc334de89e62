/// How an import runs.
public struct ImportOptions: Sendable {
    /// Write the valid rows and keep the rejected ones in the import's record, instead of
    /// rejecting the whole file.
    public var skipInvalid: Bool
    /// Rows written per multi-row statement batch.
    public var batchSize: Int
    /// Batches parsed ahead of the writer: queued for it or being written. More than one lets
    /// the reader go on while a slow batch (a page split, a checkpoint) is written.
    public var writesAhead: Int
    /// Row problems kept in the report (all are counted).
    public var maxReportedErrors: Int
    /// Called every `progressEvery` rows with the number of rows read so far.
    public var progress: (@Sendable (Int) -> Void)?
    public var progressEvery: Int

    public init(skipInvalid: Bool = false, batchSize: Int = 1000, maxReportedErrors: Int = 1000,
                progress: (@Sendable (Int) -> Void)? = nil, progressEvery: Int = 10_000, writesAhead: Int = 2) {
        self.skipInvalid = skipInvalid
        self.batchSize = batchSize
        self.maxReportedErrors = maxReportedErrors
        self.progress = progress
        self.progressEvery = progressEvery
        self.writesAhead = writesAhead
    }
}
