/// The most a spreadsheet file may ask of the reader, checked *while* reading so that a hostile
/// file is refused after costing at most one limit's worth of memory or disk, never its full
/// declared (or undeclared) size.
///
/// Why limits in the reader at all: every upload path (import page, API, `sunlight import`)
/// ends here, and an attack on the running server showed that without them a 40 MB line of
/// commas took 805 MB, a 1 MB XLSX bomb took 4.2 GB of memory and a 3 MB one wrote 3 GB to the
/// temporary folder. The data contract (`SunlightContract.Field.maxLength`) then applies the
/// much tighter per-field limits line by line; these are only the outer walls, sized so that no
/// legitimate county data set comes near them.
///
/// Every reader takes a `TabularLimits` (default `.standard`); tests and tools may pass others.
public struct TabularLimits: Sendable, Equatable {
    /// Bytes of UTF-8 in one field (a CSV field or an XLSX cell's text).
    ///
    /// 64 KiB: the longest field the contract allows is 2,000 characters of free text, at most
    /// 8 KB in UTF-8 even if every character were a four-byte emoji, so 64 KiB leaves eight
    /// times that as room for the contract to report `value.too_long` on the row rather than
    /// the reader refusing the whole file — while a hostile field costs at most 64 KiB.
    public var maxFieldBytes: Int

    /// Fields in one record (CSV) or cells with content in one row (XLSX).
    ///
    /// 4,096: the widest data set of the contract has a few dozen columns; 4,096 is a hundred
    /// times that and a quarter of Excel's own 16,384 columns. A line of nothing but commas
    /// is refused after 4,096 empty fields instead of materialising millions of them.
    public var maxFieldsPerRecord: Int

    /// Bytes of one record: all its fields together (CSV, including quoted line breaks) or one
    /// XLSX row's cell texts.
    ///
    /// 1 MiB: sixteen maximal fields, or 4,096 fields of 256 bytes; far beyond any real row
    /// (a typical row is under 1 KB), and small enough that one row never matters for memory.
    public var maxRecordBytes: Int

    /// Uncompressed bytes of one XLSX part (a worksheet or the shared-string table), declared
    /// *and* actually inflated.
    ///
    /// 1 GiB: Excel's maximum sheet (1,048,576 rows) of twenty short columns is roughly 700 MB
    /// of XML. The part is streamed to a temporary file while counted, so this is also the most
    /// one upload can write to the temporary folder per part.
    public var maxPartBytes: Int64

    /// Uncompressed bytes of the small XLSX parts read into memory (relationships, workbook).
    ///
    /// 16 MiB: these are a few kilobytes in real workbooks (the workbook part lists sheet
    /// names); 16 MiB is generous and bounds the memory of a bomb hidden there.
    public var maxMetadataPartBytes: Int64

    /// Uncompressed ÷ compressed size allowed for a part larger than `ratioGraceBytes`.
    ///
    /// 100: Apache POI's default (`ZipSecureFile.MIN_INFLATE_RATIO = 0.01`), used on untrusted
    /// workbooks for years. Real worksheets deflate 5–30×; a zip bomb of zeros deflates ~1,000×.
    /// Checked on the declared sizes before inflating and on the running count while inflating.
    public var maxCompressionRatio: Int64

    /// Parts up to this size may have any ratio (tiny, repetitive parts compress very well).
    ///
    /// 1 MiB: a bomb that stops below it is harmless by definition.
    public var ratioGraceBytes: Int64

    /// Entries in the XLSX shared-string table (held in memory, see `XLSXSharedStringsReader`).
    ///
    /// 2,097,152: two columns of all-distinct text over Excel's maximum number of rows. An
    /// empty `<si/>` costs 16 bytes in memory but 6 bytes of XML that deflate to almost
    /// nothing, so the count must be bounded on its own, not just through the part size.
    public var maxSharedStrings: Int

    /// Total UTF-8 bytes of all shared strings together.
    ///
    /// 128 MiB: two million strings of 64 bytes; bounds the table's memory whatever the count.
    public var maxSharedStringBytes: Int

    public init(
        maxFieldBytes: Int = 64 << 10,
        maxFieldsPerRecord: Int = 4_096,
        maxRecordBytes: Int = 1 << 20,
        maxPartBytes: Int64 = 1 << 30,
        maxMetadataPartBytes: Int64 = 16 << 20,
        maxCompressionRatio: Int64 = 100,
        ratioGraceBytes: Int64 = 1 << 20,
        maxSharedStrings: Int = 2_097_152,
        maxSharedStringBytes: Int = 128 << 20
    ) {
        self.maxFieldBytes = maxFieldBytes
        self.maxFieldsPerRecord = maxFieldsPerRecord
        self.maxRecordBytes = maxRecordBytes
        self.maxPartBytes = maxPartBytes
        self.maxMetadataPartBytes = maxMetadataPartBytes
        self.maxCompressionRatio = maxCompressionRatio
        self.ratioGraceBytes = ratioGraceBytes
        self.maxSharedStrings = maxSharedStrings
        self.maxSharedStringBytes = maxSharedStringBytes
    }

    /// The defaults documented on each property.
    public static let standard = TabularLimits()
}
