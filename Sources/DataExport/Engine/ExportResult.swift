/// What one export did, for the summary line, `--json` and the manifest.
public struct ExportResult: Sendable, Codable, Equatable {
    /// The object in the outer FROM.
    public var object: String
    public var query: String
    /// Rows written.
    public var rows: Int
    /// Rows the server returned but an incremental filter skipped as already exported.
    public var skippedRows: Int
    /// Bytes of the output file (after compression).
    public var bytes: Int
    /// "rest" or "bulk".
    public var api: String
    /// The output path ("-" for standard output).
    public var file: String
    public var sha256: String?
    /// ISO 8601 start and end times (UTC).
    public var start: String
    public var end: String
    public var seconds: Double
    /// Bulk job id, when the Bulk API was used.
    public var jobID: String?
    /// The newest SystemModstamp seen and the ids at it (incremental exports).
    public var newestModstamp: String?
    public var idsAtNewestModstamp: [String]?
    /// Whether the export continued from a run journal.
    public var resumed: Bool
}
