import Foundation
import SimulatorFixture
import Testing

@testable import HTTPTransport

/// The transport against the real local org (sfsim, a SwiftNIO server), not only Python's.
@Suite struct SimulatorIntegrationTests {
    @Test func concurrentRequestsToTheSimulatorAllSucceed() async throws {
        let simulator = try SimulatorProcess()
        defer { simulator.stop() }
        let client = try loopbackClient()
        let url = simulator.baseURL.absoluteString + "/services/data"
        let statuses = try await withThrowingTaskGroup(of: (Int, Bool).self) { group in
            for _ in 0..<32 {
                group.addTask {
                    let response = try await client.send(HTTPRequest(method: "GET", url: url))
                    return (response.status, response.bodyText.contains("\"version\""))
                }
            }
            var collected: [(Int, Bool)] = []
            for try await result in group { collected.append(result) }
            return collected
        }
        #expect(statuses.count == 32)
        #expect(statuses.allSatisfy { $0.0 == 200 && $0.1 })
    }

    @Test func limitInfoHeaderIsReadable() async throws {
        let simulator = try SimulatorProcess()
        defer { simulator.stop() }
        let client = try loopbackClient()
        let response = try await client.send(
            HTTPRequest(method: "GET", url: simulator.baseURL.absoluteString + "/services/data"))
        #expect(response.headers["sforce-limit-info"]?.hasPrefix("api-usage=") == true)
    }
}
