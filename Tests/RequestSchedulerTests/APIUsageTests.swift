import Testing

@testable import RequestScheduler

@Suite struct APIUsageTests {
    @Test func noNewWorkStartsPastTheUsageLimit() async throws {
        let scheduler = RequestScheduler(
            configuration: SchedulerConfiguration(maxConcurrent: 4, maxAPIUsagePercent: 90))
        let calls = CallCounter()
        await scheduler.recordAPIUsage(used: 89_999, max: 100_000)
        try await scheduler.run(idempotent: true) { calls.increment() }
        #expect(calls.value == 1)

        await scheduler.recordAPIUsage(used: 90_000, max: 100_000)
        let error = await #expect(throws: SchedulerError.self) {
            try await scheduler.run(idempotent: true) { calls.increment() }
        }
        #expect(calls.value == 1)
        guard case .apiUsageLimitReached(let used, let max)? = error else {
            Issue.record("expected apiUsageLimitReached, got \(String(describing: error))")
            return
        }
        #expect(used == 90_000 && max == 100_000)
        #expect(error?.description.contains("90000 of 100000") == true)
        #expect(error?.description.contains("--max-api-usage") == true)
    }

    @Test func usageReportedDuringAnOperationStopsItsRetries() async throws {
        let scheduler = RequestScheduler(
            configuration: SchedulerConfiguration(maxConcurrent: 1, maxAPIUsagePercent: 50),
            clock: VirtualClock().schedulerClock)
        let calls = CallCounter()
        await #expect(throws: SchedulerError.self) {
            try await scheduler.run(idempotent: true) {
                calls.increment()
                await scheduler.recordAPIUsage(used: 60, max: 100)
                throw TestFailure(retryDecision: .retry(after: nil))
            }
        }
        #expect(calls.value == 1)
    }

    @Test func countersTrackUsageAndBytes() async throws {
        let scheduler = RequestScheduler()
        await scheduler.recordAPIUsage(used: 1000, max: 15000)
        await scheduler.recordAPIUsage(used: 1010, max: 15000)
        await scheduler.recordBytes(sent: 100, received: 2000)
        await scheduler.recordBytes(received: 5)
        let counters = await scheduler.counters
        #expect(counters.apiUsed == 1010)
        #expect(counters.apiMax == 15000)
        #expect(counters.apiCallsThisRun == 11)
        #expect(counters.bytesSent == 100)
        #expect(counters.bytesReceived == 2005)
        #expect(abs((counters.apiUsagePercent ?? 0) - 6.7333) < 0.001)
    }
}
