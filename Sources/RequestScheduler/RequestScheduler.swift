/// Runs operations with at most N in flight, first come first served, retrying failures that allow it.
///
/// Every Salesforce request goes through one scheduler per run. It knows nothing of HTTP: operations
/// say through `RetryClassifying` whether a failure may be retried, the caller feeds API usage from
/// `Sforce-Limit-Info` into `recordAPIUsage`, and the scheduler decides.
///
/// - A failure the server cannot have acted on is retried with exponential backoff and full jitter,
///   honouring Retry-After, within the policy's attempt and elapsed-time budget.
/// - A failure after which the server may have acted is retried only for idempotent operations; a
///   non-idempotent one (an insert) surfaces `SchedulerError.outcomeUnknown` instead of being re-sent.
/// - Once reported API usage reaches `maxAPIUsagePercent`, new operations and retries fail with
///   `SchedulerError.apiUsageLimitReached`; operations already in flight finish.
///
/// A waiting or backing-off operation holds no slot, and cancelling its task removes it from the queue.
public actor RequestScheduler {
    /// The configuration, with `maxConcurrent` clamped to 1...25.
    public let configuration: SchedulerConfiguration
    private let clock: SchedulerClock
    private var inFlight = 0
    private var waiters = WaiterQueue()
    private var nextWaiterID = 0
    private var stats = SchedulerCounters()
    private var firstAPIUsed: Int?

    /// - Parameters:
    ///   - configuration: limits and retry policy.
    ///   - clock: time source for backoff; tests inject one that does not wait.
    public init(configuration: SchedulerConfiguration = SchedulerConfiguration(), clock: SchedulerClock = .continuous) {
        self.configuration = configuration
        self.clock = clock
    }

    /// A snapshot of the counters.
    public var counters: SchedulerCounters { stats }

    /// Operations running now.
    public var inFlightCount: Int { inFlight }

    /// Operations waiting for a slot now.
    public var waitingCount: Int { waiters.count }

    /// Runs `op` when a slot is free, retrying as its errors allow.
    ///
    /// - Parameters:
    ///   - idempotent: whether running `op` twice has the same effect as once (a query, a describe, an
    ///     upsert by external ID, a delete); false for inserts and other creates.
    ///   - op: the operation; it may run several times.
    /// - Returns: the first successful result.
    /// - Throws: `SchedulerError` (`.outcomeUnknown`, `.apiUsageLimitReached`, `.retriesExhausted`),
    ///   `CancellationError`, or the operation's own error when it may not be retried.
    public func run<T: Sendable>(idempotent: Bool, _ op: @Sendable () async throws -> T) async throws -> T {
        stats.operations += 1
        let started = clock.now()
        let policy = configuration.retry
        var attempt = 0
        while true {
            attempt += 1
            if let limit = usageLimitError() { return try fail(limit) }
            do {
                try await acquireSlot()
            } catch {
                return try fail(error)
            }
            // Usage may have been reported while this operation waited for its slot.
            if let limit = usageLimitError() {
                releaseSlot()
                return try fail(limit)
            }
            stats.requests += 1
            if attempt > 1 { stats.retries += 1 }
            let outcome: Result<T, any Error>
            do {
                outcome = .success(try await op())
            } catch {
                outcome = .failure(error)
            }
            releaseSlot()

            let error: any Error
            switch outcome {
            case .success(let value): return value
            case .failure(let failure): error = failure
            }
            if error is CancellationError || Task.isCancelled { return try fail(error) }
            guard let classified = error as? any RetryClassifying else { return try fail(error) }
            var requestedDelay: Duration?
            switch classified.retryDecision {
            case .fail:
                return try fail(error)
            case .retryIfIdempotent:
                if !idempotent {
                    stats.outcomeUnknown += 1
                    return try fail(SchedulerError.outcomeUnknown(underlying: error))
                }
            case .retry(let after):
                requestedDelay = after
            }
            let exhausted = attempt > 1 ? SchedulerError.retriesExhausted(underlying: error) : error
            guard attempt < policy.maxAttempts else { return try fail(exhausted) }
            let delay = requestedDelay ?? policy.delay(beforeRetry: attempt, fraction: clock.random())
            guard clock.now() - started + delay <= policy.maxElapsed else { return try fail(exhausted) }
            do {
                try await clock.sleep(delay)
            } catch {
                return try fail(error)
            }
        }
    }

    /// Records the org's API usage, as `Sforce-Limit-Info: api-usage=USED/MAX` reports it.
    public func recordAPIUsage(used: Int, max: Int) {
        if firstAPIUsed == nil { firstAPIUsed = used }
        stats.apiUsed = used
        stats.apiMax = max
        stats.apiCallsThisRun = Swift.max(0, used - (firstAPIUsed ?? used) + 1)
    }

    /// Adds body bytes moved, for the counters.
    public func recordBytes(sent: Int64 = 0, received: Int64 = 0) {
        stats.bytesSent += sent
        stats.bytesReceived += received
    }

    // MARK: internals

    private func fail<T>(_ error: any Error) throws -> T {
        stats.failures += 1
        throw error
    }

    private func usageLimitError() -> SchedulerError? {
        guard let used = stats.apiUsed, let max = stats.apiMax, max > 0 else { return nil }
        guard used * 100 >= max * configuration.maxAPIUsagePercent else { return nil }
        return .apiUsageLimitReached(used: used, max: max)
    }

    private func acquireSlot() async throws {
        try Task.checkCancellation()
        if inFlight < configuration.maxConcurrent, waiters.isEmpty {
            inFlight += 1
            stats.peakInFlight = Swift.max(stats.peakInFlight, inFlight)
            return
        }
        let id = nextWaiterID
        nextWaiterID += 1
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                if Task.isCancelled {
                    continuation.resume(throwing: CancellationError())
                } else {
                    waiters.append(id: id, continuation)
                }
            }
        } onCancel: {
            Task { await self.cancelWaiter(id) }
        }
    }

    /// Frees a slot, handing it straight to the longest waiter if there is one.
    private func releaseSlot() {
        if let next = waiters.popFirst() {
            next.resume()  // the slot passes over; inFlight is unchanged
        } else {
            inFlight -= 1
        }
    }

    private func cancelWaiter(_ id: Int) {
        waiters.remove(id: id)?.resume(throwing: CancellationError())
    }
}
