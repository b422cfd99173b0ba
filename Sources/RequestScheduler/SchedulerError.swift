/// Why the scheduler did not return an operation's result.
public enum SchedulerError: Error, Sendable, CustomStringConvertible {
    /// A non-idempotent operation failed in a way that means the server may already have applied it;
    /// it was not sent again. The caller must reconcile (look the records up) before retrying.
    case outcomeUnknown(underlying: any Error)
    /// The org's API usage reached the configured limit; no new work was started.
    case apiUsageLimitReached(used: Int, max: Int)
    /// Every attempt allowed by the retry policy failed; `underlying` is the last failure.
    case retriesExhausted(underlying: any Error)

    public var description: String {
        switch self {
        case .outcomeUnknown(let underlying):
            return "outcome unknown: the request may have been applied by the server before it failed "
                + "(\(underlying)); it was not sent again because it is not idempotent; check the affected "
                + "records before retrying"
        case .apiUsageLimitReached(let used, let max):
            let percent = max > 0 ? Int((Double(used) * 100 / Double(max)).rounded(.down)) : 100
            return "API usage is at \(used) of \(max) daily calls (\(percent)%), past the --max-api-usage limit; "
                + "no new requests were started; wait for calls to free up in the 24-hour window or raise "
                + "--max-api-usage"
        case .retriesExhausted(let underlying):
            return "gave up after retrying: \(underlying)"
        }
    }

    /// The failure underneath, when there is one.
    public var underlying: (any Error)? {
        switch self {
        case .outcomeUnknown(let error), .retriesExhausted(let error): return error
        case .apiUsageLimitReached: return nil
        }
    }
}
