import Foundation
import SimulatorFixture
import Testing

@testable import OrgSimulator

/// `maxConcurrentRequests` counts a request from arrival until its response is written, injected latency included.
@Suite struct ConcurrencyStatsTests {
    @Test func overlappingRequestsUnderLatencyAreCountedTogether() throws {
        let sim = try SimulatorProcess(arguments: ["--seed-data", "none", "--latency", "200"])
        defer { sim.stop() }
        let port = try #require(sim.baseURL.port)
        let clients = 4
        let group = DispatchGroup()
        let replies = Locked<[String]>([])
        for _ in 0..<clients {
            group.enter()
            Thread.detachNewThread {
                let reply = ServerProcessTests.raw(
                    port, Array("GET /services/data/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".utf8), halfClose: false)
                replies.withLock { $0.append(String(decoding: reply, as: UTF8.self)) }
                group.leave()
            }
        }
        #expect(group.wait(timeout: .now() + 20) == .success)
        #expect(replies.snapshot.count == clients)
        #expect(replies.snapshot.allSatisfy { $0.hasPrefix("HTTP/1.1 200") })
        let stats = try sim.stats()
        let peak = stats["maxConcurrentRequests"] as? Int ?? 0
        // Each response waits 200 ms while the others arrive, so at least two overlap; never more than were sent.
        #expect(peak >= 2 && peak <= clients, "maxConcurrentRequests = \(peak)")
        #expect(stats["concurrentRequests"] as? Int == 1, "only the stats request itself is in flight")
    }
}
