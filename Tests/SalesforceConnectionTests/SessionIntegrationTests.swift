import Foundation
import RecordFiles
import SalesforceConnection
import SimulatorFixture
import Testing

/// Session reuse across clients and processes, and silent single-flight renewal.
@Suite struct SessionIntegrationTests {
    @Test func aSecondClientReusesTheCachedSession() async throws {
        let sim = try Sim.start()
        let cache = Sim.cacheDirectory()
        defer { try? FileManager.default.removeItem(atPath: cache) }
        let first = try SalesforceClient(settings: Sim.settings(sim, cache: cache), credentials: Sim.clientCredentials)
        _ = try await first.limits()
        #expect(try Sim.totalLogins(sim) == 1)

        // A new client (as a later run would build) reads the cache and does not log in.
        let second = try SalesforceClient(settings: Sim.settings(sim, cache: cache), credentials: Sim.clientCredentials)
        _ = try await second.limits()
        #expect(try Sim.totalLogins(sim) == 1)
        #expect(await second.loginCount() == 0)

        // Owner-only files in an owner-only folder, and the token appears in nothing but the session file.
        var info = stat()
        #expect(stat(cache, &info) == 0 && info.st_mode & 0o777 == 0o700)
        let files = try FileManager.default.contentsOfDirectory(atPath: cache)
        #expect(files.count == 1)
        for file in files {
            #expect(stat(cache + "/" + file, &info) == 0 && info.st_mode & 0o777 == 0o600)
        }
        // Another user's identity gets its own entry.
        let soap = try SalesforceClient(settings: Sim.settings(sim, cache: cache), credentials: Sim.soap)
        _ = try await soap.limits()
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache).count == 2)
    }

    @Test func aStaleCachedSessionCostsOneLogin() async throws {
        let sim = try Sim.start()
        let cache = Sim.cacheDirectory()
        defer { try? FileManager.default.removeItem(atPath: cache) }
        let first = try SalesforceClient(settings: Sim.settings(sim, cache: cache), credentials: Sim.soap)
        _ = try await first.limits()
        _ = try sim.admin("sessions/revoke", method: "POST")
        let second = try SalesforceClient(settings: Sim.settings(sim, cache: cache), credentials: Sim.soap)
        _ = try await second.limits()
        #expect(try Sim.logins(sim, "soap") == 2)
        // The renewed session was written back: a third client logs in no more.
        let third = try SalesforceClient(settings: Sim.settings(sim, cache: cache), credentials: Sim.soap)
        _ = try await third.limits()
        #expect(try Sim.logins(sim, "soap") == 2)
    }

    @Test func sessionExpiringMidStreamCostsExactlyOneLogin() async throws {
        let sim = try Sim.start(["--generate", "Account=1000"])
        let client = try SalesforceClient(settings: Sim.settings(sim), credentials: Sim.clientCredentials)
        var ids = Set<String>()
        var pages = 0
        for try await page in client.query("SELECT Id, Name FROM Account", batchSize: 200) {
            pages += 1
            for record in page.records { if let id = record["Id"]?.stringValue { ids.insert(id) } }
            if pages == 2 { _ = try sim.admin("sessions/revoke", method: "POST") }
        }
        #expect(pages == 5)
        #expect(ids.count == 1000)
        #expect(try Sim.logins(sim, "client_credentials") == 2)
        #expect(await client.loginCount() == 2)
    }

    @Test func pageBodiesFollowEveryPageAcrossARenewedSession() async throws {
        let sim = try Sim.start(["--generate", "Account=1000"])
        let client = try SalesforceClient(settings: Sim.settings(sim), credentials: Sim.clientCredentials)
        var ids = Set<String>()
        var pages = 0
        for try await page in client.queryPageBodies("SELECT Id, Name FROM Account", batchSize: 200) {
            pages += 1
            #expect(page.totalSize == 1000)
            #expect(page.done == (pages == 5))
            #expect((page.nextRecordsURL == nil) == page.done)
            let records = try JSONValue.parse(page.body)["records"]?.arrayValue ?? []
            for record in records { if let id = record["Id"]?.stringValue { ids.insert(id) } }
            if pages == 2 { _ = try sim.admin("sessions/revoke", method: "POST") }
        }
        #expect(pages == 5)
        #expect(ids.count == 1000)
        #expect(try Sim.logins(sim, "client_credentials") == 2)
    }

    @Test func manyRequestsMeetingA401TogetherLogInOnce() async throws {
        let sim = try Sim.start(["--latency", "20"])
        let client = try SalesforceClient(settings: Sim.settings(sim, concurrency: 8), credentials: Sim.soap)
        _ = try await client.limits()
        _ = try sim.admin("sessions/revoke", method: "POST")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<24 { group.addTask { _ = try await client.describe("Account") } }
            for _ in 0..<8 { group.addTask { _ = try await client.limits() } }
            try await group.waitForAll()
        }
        #expect(try Sim.logins(sim, "soap") == 2)
    }
}

/// Describes are memoised per client and, when configured, cached on disk for a time-to-live.
@Suite struct DescribeCacheIntegrationTests {
    private func describeRequests(_ sim: SimulatorProcess) throws -> Int {
        let routes = try sim.stats()["requestsByRoute"] as? [String: Int] ?? [:]
        return routes.filter { $0.key.contains("describe") }.values.reduce(0, +)
    }

    @Test func memoisedPerClientAndCachedOnDisk() async throws {
        let sim = try Sim.start()
        let directory = Sim.cacheDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var settings = Sim.settings(sim)
        settings.describeCache = DescribeCacheSettings(directory: directory, timeToLive: .seconds(600))
        let first = try SalesforceClient(settings: settings, credentials: Sim.clientCredentials)
        async let a = first.describe("Account")
        async let b = first.describe("account")
        let (left, right) = try await (a, b)
        #expect(left == right)
        #expect(try describeRequests(sim) == 1)

        let second = try SalesforceClient(settings: settings, credentials: Sim.clientCredentials)
        let cached = try await second.describe("Account")
        #expect(cached == left)
        #expect(try describeRequests(sim) == 1)

        settings.describeCache.timeToLive = .zero
        let third = try SalesforceClient(settings: settings, credentials: Sim.clientCredentials)
        _ = try await third.describe("Account")
        #expect(try describeRequests(sim) == 2)

        let missing = try await #require(throws: SalesforceError.self) { try await third.describe("Nope__c") }
        #expect(missing.errorCode == "NOT_FOUND")
        #expect(missing.description.contains("Nope__c"))
    }
}
