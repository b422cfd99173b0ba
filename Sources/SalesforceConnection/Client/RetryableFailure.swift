import Foundation
import HTTPTransport
import RequestScheduler

/// A failed attempt, thrown inside a scheduler operation so the scheduler can decide on a retry.
///
/// Statuses that say the server did nothing (503, 429, a concurrent-request limit) retry for any call; errors
/// after which the server may have applied the request (500, 502, 504, a dropped connection after sending) retry
/// only idempotent calls, and others get "outcome unknown".
struct RetryableFailure: Error, RetryClassifying {
    let error: SalesforceError
    let decision: RetryDecision

    var retryDecision: RetryDecision { decision }

    /// The decision for a complete response, or `nil` when the response is final (success or a real error).
    static func decision(status: Int, headers: HTTPHeaders, body: [UInt8]) -> RetryDecision? {
        switch status {
        case 429, 503:
            return .retry(after: retryAfter(headers))
        case 500 where isDefinitiveFault(body):
            return nil
        case 500, 502, 504:
            return .retryIfIdempotent
        case 403:
            // Concurrent long-running request limit: back off and retry. The daily allocation: stop.
            let text = String(decoding: body.prefix(2000), as: UTF8.self)
            if text.contains("REQUEST_LIMIT_EXCEEDED") && text.contains("ConcurrentRequests") {
                return .retry(after: retryAfter(headers))
            }
            return nil
        default:
            return nil
        }
    }

    /// A SOAP fault (login) or a Salesforce error array other than `UNKNOWN_EXCEPTION` is the server's final
    /// answer, not a transient failure.
    static func isDefinitiveFault(_ body: [UInt8]) -> Bool {
        let text = String(decoding: body.prefix(4000), as: UTF8.self)
        if text.contains("faultcode>") { return true }
        let entries = ErrorArrayParser.parse(body)
        return !entries.isEmpty && !entries.contains { $0.code == "UNKNOWN_EXCEPTION" }
    }

    /// The decision for a transport failure: TLS and malformed requests never get better; anything else is
    /// retried, blindly only when the request cannot have reached the server.
    static func decision(for error: HTTPTransportError) -> RetryDecision {
        guard error.isTransient else { return .fail }
        return error.mayHaveReachedServer ? .retryIfIdempotent : .retry(after: nil)
    }

    /// `Retry-After` in seconds (HTTP dates are not used by Salesforce).
    static func retryAfter(_ headers: HTTPHeaders) -> Duration? {
        guard let value = headers["Retry-After"], let seconds = Int(value.trimmingCharacters(in: .whitespaces)),
            seconds >= 0
        else { return nil }
        return .seconds(min(seconds, 300))
    }
}
