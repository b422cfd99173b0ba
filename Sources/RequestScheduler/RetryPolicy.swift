/// Exponential backoff with full jitter, within a budget of attempts and of elapsed time.
///
/// Attempt n (n = 1 for the first retry) waits a uniformly random time in
/// `0 ... min(maxDelay, baseDelay * 2^(n-1))` ("full jitter"), so many clients that failed together do
/// not come back together. A server's Retry-After replaces the jittered delay.
public struct RetryPolicy: Sendable, Equatable {
    /// Attempts in all, the first included; 1 disables retries.
    public var maxAttempts = 5
    /// The backoff ceiling of the first retry.
    public var baseDelay: Duration = .milliseconds(500)
    /// No single wait is longer than this (Retry-After excepted, which is capped by `maxElapsed`).
    public var maxDelay: Duration = .seconds(30)
    /// No retry starts once this much time has passed since the first attempt, and no wait would end
    /// past it.
    public var maxElapsed: Duration = .seconds(300)

    public init() {}

    public init(maxAttempts: Int, baseDelay: Duration, maxDelay: Duration, maxElapsed: Duration) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxElapsed = maxElapsed
    }

    /// No retries at all.
    public static let none = RetryPolicy(maxAttempts: 1, baseDelay: .zero, maxDelay: .zero, maxElapsed: .zero)

    /// The backoff ceiling before retry number `retry` (1-based).
    public func ceiling(beforeRetry retry: Int) -> Duration {
        let exponent = min(max(retry - 1, 0), 30)
        let scaled = baseDelay * (1 << exponent)
        return min(scaled, maxDelay)
    }

    /// The wait before retry number `retry`, given a uniform random fraction in 0...1.
    public func delay(beforeRetry retry: Int, fraction: Double) -> Duration {
        ceiling(beforeRetry: retry) * min(max(fraction, 0), 1)
    }
}
