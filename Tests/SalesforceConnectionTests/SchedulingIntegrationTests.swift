import Foundation
import RequestScheduler
import SalesforceConnection
import SimulatorFixture
import Testing

/// Concurrency limits, retries of injected faults, and clean stops at API limits.
@Suite struct SchedulingIntegrationTests {
    @Test func thirtyTwoCallsAtConcurrencyFourNeverExceedFourInFlight() async throws {
        let sim = try Sim.start(["--latency", "100"])
        let client = try SalesforceClient(settings: Sim.settings(sim, concurrency: 4), credentials: Sim.clientCredentials)
        _ = try await client.session()
        _ = try sim.admin("stats/reset", method: "POST")
        let clock = ContinuousClock()
        let started = clock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<32 { group.addTask { _ = try await client.limits() } }
            try await group.waitForAll()
        }
        let elapsed = clock.now - started
        let stats = try sim.stats()
        // sfsim counts a request as in flight while its handler runs (its latency is added afterwards), so its
        // peak bounds concurrency from above; the admin stats call itself may add one.
        let peak = stats["maxConcurrentRequests"] as? Int ?? -1
        #expect(peak >= 1 && peak <= 4 + 1, "peak in flight at the server: \(peak)")
        let routes = stats["requestsByRoute"] as? [String: Int] ?? [:]
        #expect(routes.filter { $0.key.contains("limits") }.values.reduce(0, +) == 32)
        // Each response is held 100 ms by the server: 32 calls, at most 4 at a time, need at least 8 rounds.
        #expect(elapsed >= .milliseconds(800), "32 calls took \(elapsed)")
        let counters = await client.scheduler.counters
        #expect(counters.peakInFlight >= 2 && counters.peakInFlight <= 4)
    }

    @Test func injected503sAreRetriedAndResultsAreExact() async throws {
        let sim = try Sim.start(["--generate", "Account=700"])
        // 12 attempts: at a 30% fault rate a request fails for good once in two million.
        let retry = RetryPolicy(
            maxAttempts: 12, baseDelay: .milliseconds(5), maxDelay: .milliseconds(50), maxElapsed: .seconds(60))
        let client = try SalesforceClient(settings: Sim.settings(sim, retry: retry), credentials: Sim.clientCredentials)
        _ = try await client.session()
        _ = try sim.admin("faults", method: "POST", body: ["failRate": 0.3])
        var ids = Set<String>()
        var total = 0
        for try await page in client.query("SELECT Id FROM Account", batchSize: 200) {
            total += page.records.count
            for record in page.records { if let id = record["Id"]?.stringValue { ids.insert(id) } }
        }
        #expect(total == 700 && ids.count == 700)
        // Enough requests that some certainly meet a fault (0.7^35 is about 4 in a million).
        let counts = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<30 { group.addTask { try await client.count("SELECT COUNT() FROM Account") } }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(counts == [Int](repeating: 700, count: 30))
        let faults = try sim.stats()["faultsInjected"] as? [String: Int]
        #expect((faults?["fail"] ?? 0) > 0)
        #expect(await client.scheduler.counters.retries > 0)
    }

    @Test func requestLimitExceededStopsCleanly() async throws {
        let sim = try Sim.start(["--api-limit", "5"])
        let client = try SalesforceClient(settings: Sim.settings(sim), credentials: Sim.clientCredentials)
        var failure: SalesforceError?
        for _ in 0..<20 {
            do {
                _ = try await client.limits()
            } catch let error as SalesforceError {
                failure = error
                break
            }
        }
        let error = try #require(failure)
        #expect(error.category == .limit)
        #expect(error.errorCode == "REQUEST_LIMIT_EXCEEDED" || error.errorCode == "API_USAGE_LIMIT")
    }

    @Test func maxAPIUsageStopsNewWorkBeforeTheOrgLimit() async throws {
        let sim = try Sim.start(["--api-limit", "10"])
        var settings = Sim.settings(sim)
        settings.scheduler.maxAPIUsagePercent = 50
        let client = try SalesforceClient(settings: settings, credentials: Sim.clientCredentials)
        var calls = 0
        var failure: SalesforceError?
        while calls < 20 {
            do {
                _ = try await client.limits()
                calls += 1
            } catch let error as SalesforceError {
                failure = error
                break
            }
        }
        #expect(failure?.errorCode == "API_USAGE_LIMIT")
        #expect(calls < 10)
        let usage = try sim.stats()["apiUsage"] as? [String: Int]
        #expect((usage?["used"] ?? 99) < 10)
    }
}

/// Dropped connections: idempotent calls are retried; inserts are never sent twice and report "outcome unknown".
@Suite struct DroppedConnectionTests {
    @Test func insertsReportOutcomeUnknownAndReadsRetry() async throws {
        let sim = try Sim.start()
        let retry = RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(5), maxDelay: .milliseconds(20), maxElapsed: .seconds(10))
        let client = try SalesforceClient(settings: Sim.settings(sim, retry: retry), credentials: Sim.clientCredentials)
        _ = try await client.session()
        _ = try sim.admin("faults", method: "POST", body: ["dropRate": 1.0])
        let insert = try await #require(throws: SalesforceError.self) {
            try await client.collectionCreate("Contact", records: [["LastName": "Once"]])
        }
        #expect(insert.category == .outcomeUnknown)
        #expect(insert.description.contains("composite/sobjects"))
        let requestsAfterInsert = try sim.stats()["requests"] as? Int ?? 0

        let read = try await #require(throws: SalesforceError.self) { try await client.limits() }
        #expect(read.category == .network)
        let requestsAfterRead = try sim.stats()["requests"] as? Int ?? 0
        // The read was tried three times (plus the stats call in between).
        #expect(requestsAfterRead - requestsAfterInsert == 3 + 1)
        _ = try sim.admin("faults", method: "POST", body: ["dropRate": 0.0])
        #expect(try await client.count("SELECT COUNT() FROM Contact") <= 1)
    }
}
