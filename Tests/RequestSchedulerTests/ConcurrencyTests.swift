import Synchronization
import Testing

@testable import RequestScheduler

@Suite struct ConcurrencyTests {
    @Test(arguments: [1, 4, 7])
    func inFlightNeverExceedsTheLimitUnder100Tasks(limit: Int) async throws {
        let scheduler = RequestScheduler(configuration: SchedulerConfiguration(maxConcurrent: limit))
        let probe = InFlightProbe()
        let completed = CallCounter()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<100 {
                group.addTask {
                    try await scheduler.run(idempotent: true) {
                        probe.enter()
                        // Hold the slot across a suspension so operations really overlap.
                        try await Task.sleep(for: .milliseconds(2))
                        probe.leave()
                        completed.increment()
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(completed.value == 100)
        #expect(probe.peak <= limit)
        #expect(probe.peak == limit)
        let counters = await scheduler.counters
        #expect(counters.peakInFlight == limit)
        #expect(counters.requests == 100)
        #expect(counters.operations == 100)
        #expect(await scheduler.inFlightCount == 0)
    }

    @Test func waitersAreServedFirstComeFirstServed() async throws {
        let scheduler = RequestScheduler(configuration: SchedulerConfiguration(maxConcurrent: 1))
        let gate = Gate()
        let order = SharedList<Int>()
        let blocker = Task { try await scheduler.run(idempotent: true) { await gate.wait() } }
        while await scheduler.inFlightCount == 0 { await Task.yield() }

        var tasks: [Task<Void, any Error>] = []
        for index in 0..<10 {
            tasks.append(Task { try await scheduler.run(idempotent: true) { order.append(index) } })
            // Enqueue strictly in order: wait until this one is queued before starting the next.
            while await scheduler.waitingCount < index + 1 { await Task.yield() }
        }
        gate.open()
        try await blocker.value
        for task in tasks { try await task.value }
        #expect(order.values == Array(0..<10))
    }

    @Test func cancelledWaiterLeavesTheQueueAndFreesNothingItDidNotHold() async throws {
        let scheduler = RequestScheduler(configuration: SchedulerConfiguration(maxConcurrent: 1))
        let gate = Gate()
        let blocker = Task { try await scheduler.run(idempotent: true) { await gate.wait() } }
        while await scheduler.inFlightCount == 0 { await Task.yield() }
        let ran = CallCounter()
        let waiting = Task { try await scheduler.run(idempotent: true) { ran.increment() } }
        while await scheduler.waitingCount == 0 { await Task.yield() }
        waiting.cancel()
        await #expect(throws: CancellationError.self) { try await waiting.value }
        #expect(await scheduler.waitingCount == 0)
        gate.open()
        try await blocker.value
        // The slot still works and the limit still holds.
        try await scheduler.run(idempotent: true) { ran.increment() }
        #expect(ran.value == 1)
        #expect(await scheduler.inFlightCount == 0)
    }

    @Test(arguments: [(0, 1), (1, 1), (4, 4), (25, 25), (26, 25), (1000, 25), (-3, 1)])
    func concurrencyIsClamped(requested: Int, effective: Int) {
        #expect(SchedulerConfiguration(maxConcurrent: requested).maxConcurrent == effective)
    }

    @Test func defaultsMatchTheDocumentation() {
        let configuration = SchedulerConfiguration()
        #expect(configuration.maxConcurrent == 4)
        #expect(configuration.maxAPIUsagePercent == 90)
        #expect(configuration.retry.maxAttempts == 5)
    }
}
