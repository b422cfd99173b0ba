/// What the scheduler did, for run summaries (`--verbose`, the audit log, the final report).
public struct SchedulerCounters: Sendable, Equatable {
    /// Operations submitted to `run`.
    public var operations = 0
    /// Attempts started (first attempts plus retries): the requests sent.
    public var requests = 0
    /// Attempts that were retries.
    public var retries = 0
    /// Operations that failed for good (including outcome-unknown and exhausted retries).
    public var failures = 0
    /// Non-idempotent operations whose outcome is unknown.
    public var outcomeUnknown = 0
    /// The most operations seen in flight at once.
    public var peakInFlight = 0
    /// The org's API calls used in the 24-hour window, as last reported (Sforce-Limit-Info), or nil.
    public var apiUsed: Int?
    /// The org's API call limit, as last reported, or nil.
    public var apiMax: Int?
    /// API calls used during this run: the last reported usage minus the first one seen, plus the call
    /// that carried the first report.
    public var apiCallsThisRun = 0
    /// Request body bytes sent, as reported by `recordBytes`.
    public var bytesSent: Int64 = 0
    /// Response body bytes received, as reported by `recordBytes`.
    public var bytesReceived: Int64 = 0

    public init() {}

    /// Reported API usage as a percentage of the limit, or nil before any report.
    public var apiUsagePercent: Double? {
        guard let apiUsed, let apiMax, apiMax > 0 else { return nil }
        return Double(apiUsed) * 100 / Double(apiMax)
    }
}
