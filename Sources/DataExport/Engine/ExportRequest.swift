/// Which API an export uses.
public enum APIChoice: String, Sendable, CaseIterable, Codable {
    /// Bulk API 2.0 when the query can run there and `COUNT()` is above the threshold, REST otherwise.
    case auto
    case rest
    case bulk
}

/// One export: a SOQL statement into one output.
public struct ExportRequest: Sendable {
    /// The statement to run.
    public var soql: String
    /// Output path; "-" for standard output.
    public var output: String
    public var selection: OutputSelection
    public var csv = CSVFormatOptions()
    /// gzip level 1...9.
    public var compressionLevel = 1
    /// gzip threads (1 = on the output thread alone).
    public var compressionThreads = 1
    /// JSON Lines: keep each record's `attributes`.
    public var keepAttributes = false
    /// JSON Lines: dotted keys instead of nested parents.
    public var flatten = false
    /// CSV: write each subquery's child records as JSON in one cell instead of refusing.
    public var subqueryAsJSON = false
    public var api: APIChoice = .auto
    /// `--api auto` uses Bulk above this many rows.
    public var bulkThreshold = 50_000
    /// Use queryAll (deleted and archived rows too).
    public var includeDeleted = false
    /// REST `batchSize` hint (200...2000).
    public var batchSize: Int?
    /// Bulk `maxRecords` per results page.
    public var maxRecords: Int?
    /// Continue an interrupted Bulk export from its run journal.
    public var resume = false
    /// Compute the output's SHA-256 (for manifests).
    public var digest = false
    /// Rows to keep or skip for an incremental export.
    public var incremental: IncrementalFilter?
    /// Record the newest SystemModstamp and its ids (for an incremental state file).
    public var trackModstamp = false
    /// JSON type per column for JSON Lines written from Bulk CSV; filled from describe when known.
    public var valueKinds: [ValueKind] = []
    /// Test hook: stop (as an interruption would) after this many Bulk pages were committed.
    public var stopAfterPages: Int?

    public init(soql: String, output: String, selection: OutputSelection) {
        self.soql = soql
        self.output = output
        self.selection = selection
    }
}

/// The client-side half of an incremental export: the query already asks for
/// `SystemModstamp >= <watermark, whole seconds>`; rows older than the exact watermark, or at it and
/// already exported by the previous run, are skipped here.
public struct IncrementalFilter: Sendable, Equatable {
    /// `yyyy-MM-ddTHH:mm:ss.SSS` of the previous run's newest row (UTC).
    public var watermark: String
    /// Ids exported by the previous run whose SystemModstamp equals the watermark.
    public var idsAtWatermark: Set<String>

    public init(watermark: String, idsAtWatermark: Set<String> = []) {
        self.watermark = watermark
        self.idsAtWatermark = idsAtWatermark
    }
}

/// How far an export has got, for progress display.
public struct ExportProgress: Sendable {
    public var rows: Int
    /// Rows expected, when the server said (totalSize, job record count).
    public var expectedRows: Int?
    /// Bytes handed to the output (before compression).
    public var bytes: Int
    public var seconds: Double
}
