/// How a load runs. Built by the executable from its flags.
public struct ImportOptions: Sendable {
    /// The input CSV (`-` for standard input; an error file from an earlier run for `--retry-failed`).
    public var inputPath: String
    /// The input the result files are named after when `inputPath` is a temporary copy (`-` for standard
    /// input: `stdin.success.csv`); nil names them after `inputPath`.
    public var resultsName: String?
    /// Where the result files go; nil puts them beside the input.
    public var resultsDirectory: String?
    /// Records per sObject Collections request (at most 200).
    public var batchSize = 200
    /// Requests in flight at once.
    public var concurrency = 4
    /// Convert and write local rejects, send nothing.
    public var dryRun = false
    /// Continue an interrupted run from its journal.
    public var resume = false
    /// Extra attempts for rows that failed with `UNABLE_TO_LOCK_ROW`.
    public var lockRetries = 3
    /// First delay before re-sending locked rows; doubles each attempt.
    public var lockRetryDelay: Duration = .milliseconds(250)
    /// Called after each batch with running totals.
    public var progress: (@Sendable (ImportProgress) -> Void)?

    public init(inputPath: String) {
        self.inputPath = inputPath
    }
}

/// Running totals for progress display.
public struct ImportProgress: Sendable {
    public var rowsRead: Int
    public var succeeded: Int
    public var failed: Int
}
