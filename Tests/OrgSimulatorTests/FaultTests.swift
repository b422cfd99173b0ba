import GzipStreams
import Testing

@testable import OrgSimulator

@Suite struct FaultTests {
    @Test func failRateAnswers503() throws {
        let sim = try SimTestOrg(faults: FaultSettings(failRate: 1))
        let r = try sim.api("GET", "/limits")
        #expect(r.status == 503)
        #expect(r.json?[index: 0]?["errorCode"]?.stringValue == "SERVER_UNAVAILABLE")
        #expect(sim.send("GET", "/__sfsim/stats").status == 200, "the admin API is never faulted")
    }

    @Test func lockRateFailsRecords() throws {
        let sim = try SimTestOrg(faults: FaultSettings(lockRate: 1))
        let r = try sim.api("POST", "/composite/sobjects", json: #"{"records":[{"attributes":{"type":"Account"},"Name":"x"}]}"#)
        #expect(r.json?[index: 0]?["errors"]?[index: 0]?["statusCode"]?.stringValue == "UNABLE_TO_LOCK_ROW")
        #expect(sim.org.stats.values.snapshot.faultsInjected["lock"] == 1)
    }

    @Test func apiLimitAnswers403WhenSpent() throws {
        var config = OrgConfiguration()
        config.apiLimit = 3
        let sim = try SimTestOrg(configuration: config)
        let token = try sim.token()
        let auth = [("Authorization", "Bearer \(token)")]
        let statuses = (0..<4).map { _ in sim.send("GET", "/services/data/v62.0/limits", headers: auth).status }
        #expect(statuses == [200, 200, 200, 403])
        let last = sim.send("GET", "/services/data/v62.0/limits", headers: auth)
        #expect(last.json?[index: 0]?["errorCode"]?.stringValue == "REQUEST_LIMIT_EXCEEDED")
        #expect(last.header("Sforce-Limit-Info") == "api-usage=3/3")
    }

    @Test func dropRateDropsConnectionsAndAdminChangesFaults() throws {
        let sim = try SimTestOrg(faults: FaultSettings(dropRate: 1))
        #expect(sim.send("GET", "/services/data/").status == 0)
        let set = sim.send("POST", "/__sfsim/faults", json: #"{"dropRate":0,"latencyMS":25,"failRate":0.5}"#)
        #expect(set.status == 200)
        #expect(set.json?["latencyMS"]?.intValue == 25)
        #expect(sim.org.faults.snapshot.failRate == 0.5)
        #expect(sim.send("POST", "/__sfsim/faults", json: #"{"failRate":7}"#).status == 400)
        #expect(sim.send("POST", "/__sfsim/faults", json: "nope").status == 400)
        guard case let .respond(_, delay) = sim.processor.process(SimRequest(method: "GET", uri: "/services/data/", headers: [], body: []), remote: "t") else {
            Issue.record("expected a response")
            return
        }
        #expect(delay == 25)
    }

    @Test func statsCountLoginsRoutesAndCalls() throws {
        let sim = try SimTestOrg()
        _ = try sim.api("GET", "/limits")
        let stats = sim.send("GET", "/__sfsim/stats").json
        #expect(stats?["logins"]?["client_credentials"]?.intValue == 1)
        #expect(stats?["requestsByRoute"]?["GET /services/data/vXX.X/limits"]?.intValue == 1)
        #expect(stats?["apiCalls"]?.intValue == 1)
        #expect(stats?["maxConcurrentRequests"]?.intValue ?? 0 >= 1)
    }
}

@Suite struct CompressionTests {
    @Test func gzipRequestAndResponseBodies() throws {
        let sim = try SimTestOrg()
        let sink = MemorySink()
        let writer = try GzipWriter(sink: sink)
        try writer.write(Array(#"{"Name":"Zipped"}"#.utf8))
        try writer.finish()
        let token = try sim.token()
        let created = sim.send(
            "POST", "/services/data/v62.0/sobjects/Account",
            headers: [("Authorization", "Bearer \(token)"), ("Content-Encoding", "gzip"), ("Content-Type", "application/json")],
            body: sink.bytes)
        #expect(created.status == 201)
        let bad = sim.send(
            "POST", "/services/data/v62.0/sobjects/Account",
            headers: [("Authorization", "Bearer \(token)"), ("Content-Encoding", "gzip")], body: Array("not gzip".utf8))
        #expect(bad.status == 400)
        let describe = sim.send(
            "GET", "/services/data/v62.0/sobjects/Account/describe",
            headers: [("Authorization", "Bearer \(token)"), ("Accept-Encoding", "gzip, deflate")])
        #expect(describe.header("Content-Encoding") == "gzip")
        let inflated = try GzipReader(source: MemorySource(describe.body)).readAll()
        #expect(String(decoding: inflated, as: UTF8.self).contains("\"name\":\"Account\"") || String(decoding: inflated, as: UTF8.self).contains("\"name\": \"Account\""))
    }
}
