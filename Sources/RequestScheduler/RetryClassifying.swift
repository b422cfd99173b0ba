/// What the scheduler may do after an operation failed.
public enum RetryDecision: Sendable, Equatable {
    /// The server did not act on the request (connection refused, 429, 503, a row lock it rolled back):
    /// try again, after `after` when the server said how long (Retry-After), else after backoff.
    case retry(after: Duration?)
    /// The server may have acted on the request before the failure (a connection cut while waiting for
    /// the answer): try again only if the operation is idempotent; otherwise the outcome is unknown.
    case retryIfIdempotent
    /// Trying again cannot help (bad request, bad credentials, a validation error).
    case fail
}

/// An error that says whether the operation that threw it may be retried.
///
/// Errors that do not conform are never retried.
public protocol RetryClassifying: Error {
    /// The retry decision for this error.
    var retryDecision: RetryDecision { get }
}
