import RequestScheduler

/// Maps the scheduler's own errors to `SalesforceError`s that say what to do.
enum SchedulerErrorMapping {
    static func map(_ error: SchedulerError, url: String) -> SalesforceError {
        let path = Redaction.redactURL(URLBuilder.pathAndQuery(of: url))
        switch error {
        case .outcomeUnknown(let underlying):
            return SalesforceError(
                category: .outcomeUnknown, errorCode: "OUTCOME_UNKNOWN",
                message: "the request \(path) may or may not have been applied (\(describe(underlying)))",
                hint: "it was not re-sent because repeating it could duplicate records; check the org before "
                    + "running it again")
        case .apiUsageLimitReached(let used, let max):
            return SalesforceError(
                category: .limit, errorCode: "API_USAGE_LIMIT",
                message: "the org has used \(used) of \(max) daily API requests",
                hint: "no new work was started past --max-api-usage; raise it or wait for the 24-hour window")
        case .retriesExhausted(let underlying):
            let inner = unwrap(underlying)
            return SalesforceError(
                category: inner.category, status: inner.status, errorCode: inner.errorCode,
                message: inner.message, fields: inner.fields,
                hint: "gave up after repeated retries; " + (inner.hint ?? "try again later"))
        }
    }

    private static func unwrap(_ error: any Error) -> SalesforceError {
        switch error {
        case let failure as RetryableFailure: return failure.error
        case let salesforce as SalesforceError: return salesforce
        default:
            return SalesforceError(category: .network, errorCode: "REQUEST_FAILED", message: "\(error)")
        }
    }

    private static func describe(_ error: any Error) -> String { unwrap(error).description }
}
