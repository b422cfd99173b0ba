import Testing

@testable import RequestScheduler

@Suite struct RetryTests {
    func scheduler(_ clock: VirtualClock, attempts: Int = 5, maxElapsed: Duration = .seconds(300)) -> RequestScheduler {
        var configuration = SchedulerConfiguration(maxConcurrent: 2)
        configuration.retry = RetryPolicy(
            maxAttempts: attempts, baseDelay: .milliseconds(500), maxDelay: .seconds(30), maxElapsed: maxElapsed)
        return RequestScheduler(configuration: configuration, clock: clock.schedulerClock)
    }

    @Test func retryableFailuresBackOffExponentiallyThenSucceed() async throws {
        let clock = VirtualClock(fraction: 1.0)
        let scheduler = scheduler(clock)
        let calls = CallCounter()
        let result = try await scheduler.run(idempotent: false) { () -> String in
            if calls.increment() <= 3 { throw TestFailure(retryDecision: .retry(after: nil)) }
            return "done"
        }
        #expect(result == "done")
        #expect(calls.value == 4)
        #expect(clock.sleeps == [.milliseconds(500), .seconds(1), .seconds(2)])
        let counters = await scheduler.counters
        #expect(counters.requests == 4)
        #expect(counters.retries == 3)
        #expect(counters.failures == 0)
    }

    @Test func fullJitterScalesTheCeiling() async throws {
        let clock = VirtualClock(fraction: 0.25)
        let scheduler = scheduler(clock)
        let calls = CallCounter()
        _ = try await scheduler.run(idempotent: true) {
            if calls.increment() <= 2 { throw TestFailure(retryDecision: .retry(after: nil)) }
        }
        #expect(clock.sleeps == [.milliseconds(125), .milliseconds(250)])
    }

    @Test func backoffIsCappedByMaxDelay() {
        let policy = RetryPolicy(
            maxAttempts: 20, baseDelay: .seconds(1), maxDelay: .seconds(10), maxElapsed: .seconds(999))
        #expect(policy.ceiling(beforeRetry: 1) == .seconds(1))
        #expect(policy.ceiling(beforeRetry: 4) == .seconds(8))
        #expect(policy.ceiling(beforeRetry: 5) == .seconds(10))
        #expect(policy.ceiling(beforeRetry: 60) == .seconds(10))
        #expect(policy.delay(beforeRetry: 3, fraction: 0.5) == .seconds(2))
    }

    @Test func retryAfterIsHonoured() async throws {
        let clock = VirtualClock(fraction: 0)
        let scheduler = scheduler(clock)
        let calls = CallCounter()
        _ = try await scheduler.run(idempotent: true) {
            if calls.increment() == 1 { throw TestFailure(retryDecision: .retry(after: .seconds(7))) }
        }
        #expect(clock.sleeps == [.seconds(7)])
    }

    @Test func attemptsAreBounded() async throws {
        let clock = VirtualClock()
        let scheduler = scheduler(clock, attempts: 3)
        let calls = CallCounter()
        let error = await #expect(throws: SchedulerError.self) {
            try await scheduler.run(idempotent: true) {
                calls.increment()
                throw TestFailure(retryDecision: .retry(after: nil), label: "503")
            }
        }
        #expect(calls.value == 3)
        guard case .retriesExhausted(let underlying)? = error else {
            Issue.record("expected retriesExhausted, got \(String(describing: error))")
            return
        }
        #expect((underlying as? TestFailure)?.label == "503")
        #expect(error?.description.contains("gave up after retrying") == true)
        #expect(await scheduler.counters.failures == 1)
    }

    @Test func elapsedTimeIsBounded() async throws {
        let clock = VirtualClock(fraction: 1.0)
        // Waits of 0.5 s, 1 s, 2 s fit in 4 s; the next (4 s) would end past it.
        let scheduler = scheduler(clock, attempts: 50, maxElapsed: .seconds(4))
        let calls = CallCounter()
        await #expect(throws: SchedulerError.self) {
            try await scheduler.run(idempotent: true) {
                calls.increment()
                throw TestFailure(retryDecision: .retry(after: nil))
            }
        }
        #expect(calls.value == 4)
        #expect(clock.sleeps == [.milliseconds(500), .seconds(1), .seconds(2)])
    }

    @Test func retryAfterPastTheBudgetGivesUpAtOnce() async throws {
        let clock = VirtualClock()
        let scheduler = scheduler(clock, maxElapsed: .seconds(60))
        let calls = CallCounter()
        await #expect(throws: TestFailure.self) {
            try await scheduler.run(idempotent: true) {
                calls.increment()
                throw TestFailure(retryDecision: .retry(after: .seconds(3600)))
            }
        }
        #expect(calls.value == 1)
        #expect(clock.sleeps.isEmpty)
    }

    @Test func nonIdempotentOperationThatMayHaveReachedTheServerIsNotResent() async throws {
        let clock = VirtualClock()
        let scheduler = scheduler(clock)
        let calls = CallCounter()
        let error = await #expect(throws: SchedulerError.self) {
            try await scheduler.run(idempotent: false) {
                calls.increment()
                throw TestFailure(retryDecision: .retryIfIdempotent, label: "connection reset")
            }
        }
        #expect(calls.value == 1)
        guard case .outcomeUnknown(let underlying)? = error else {
            Issue.record("expected outcomeUnknown, got \(String(describing: error))")
            return
        }
        #expect((underlying as? TestFailure)?.label == "connection reset")
        #expect(error?.description.contains("not idempotent") == true)
        #expect(await scheduler.counters.outcomeUnknown == 1)
    }

    @Test func idempotentOperationThatMayHaveReachedTheServerIsRetried() async throws {
        let clock = VirtualClock()
        let scheduler = scheduler(clock)
        let calls = CallCounter()
        let value = try await scheduler.run(idempotent: true) { () -> Int in
            if calls.increment() == 1 { throw TestFailure(retryDecision: .retryIfIdempotent) }
            return 42
        }
        #expect(value == 42)
        #expect(calls.value == 2)
    }

    @Test func nonRetryableErrorsSurfaceUnchangedAfterOneAttempt() async throws {
        struct Plain: Error {}
        let scheduler = scheduler(VirtualClock())
        let calls = CallCounter()
        await #expect(throws: TestFailure(retryDecision: .fail, label: "INVALID_FIELD")) {
            try await scheduler.run(idempotent: true) {
                calls.increment()
                throw TestFailure(retryDecision: .fail, label: "INVALID_FIELD")
            }
        }
        await #expect(throws: Plain.self) {
            try await scheduler.run(idempotent: true) {
                calls.increment()
                throw Plain()
            }
        }
        #expect(calls.value == 2)
    }

    @Test func noRetryPolicySurfacesTheOriginalError() async throws {
        let scheduler = RequestScheduler(
            configuration: SchedulerConfiguration(maxConcurrent: 1, retry: .none), clock: VirtualClock().schedulerClock)
        await #expect(throws: TestFailure.self) {
            try await scheduler.run(idempotent: true) { throw TestFailure(retryDecision: .retry(after: nil)) }
        }
    }
}
