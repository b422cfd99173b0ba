/// How much work runs at once, how failures are retried, and when API usage stops new work.
public struct SchedulerConfiguration: Sendable, Equatable {
    /// The most Salesforce allows of long-running concurrent requests per org is 25.
    public static let concurrencyLimit = 25

    /// Operations in flight at once (`--concurrency`), clamped to 1...25.
    public var maxConcurrent: Int {
        get { storedMaxConcurrent }
        set { storedMaxConcurrent = min(max(newValue, 1), Self.concurrencyLimit) }
    }
    private var storedMaxConcurrent = 4
    /// Retry policy for failures that allow it.
    public var retry = RetryPolicy()
    /// No new work starts once the org's daily API usage reaches this percentage (`--max-api-usage`).
    public var maxAPIUsagePercent = 90

    public init() {}

    public init(maxConcurrent: Int, retry: RetryPolicy = RetryPolicy(), maxAPIUsagePercent: Int = 90) {
        self.maxConcurrent = maxConcurrent
        self.retry = retry
        self.maxAPIUsagePercent = maxAPIUsagePercent
    }
}
