import Testing

@testable import OrgSimulator

/// Random bodies, headers and paths at every route: the org answers every one with a well-formed
/// response (never a 500) and keeps serving.
@Suite struct FuzzTests {
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    static let paths = [
        "/services/Soap/u/62.0", "/services/oauth2/token", "/services/data", "/services/data/v62.0", "/services/data/v62.0/limits",
        "/services/data/v62.0/limits/recordCount", "/services/data/v62.0/sobjects", "/services/data/v62.0/sobjects/Account",
        "/services/data/v62.0/sobjects/Account/describe", "/services/data/v62.0/sobjects/Contact/0035g0000000001AAA",
        "/services/data/v62.0/sobjects/Account/Legacy_Id__c/X", "/services/data/v62.0/composite/sobjects",
        "/services/data/v62.0/composite/sobjects/Account/Legacy_Id__c", "/services/data/v62.0/composite/sobjects/Account",
        "/services/data/v62.0/jobs/ingest", "/services/data/v62.0/jobs/ingest/7505g0000000001AAA",
        "/services/data/v62.0/jobs/ingest/7505g0000000001AAA/batches", "/services/data/v62.0/query",
        "/services/data/v62.0/jobs/query", "/__sfsim/faults", "/__sfsim/stats", "/__sfsim/sessions/revoke",
        "/services/data/v62.0/sobjects/%ZZ/%00", "/services/data/vX/../../etc", "/", "/services/data/v62.0/composite",
    ]
    static let bodies = [
        "", "{", "[]", "{}", "null", "{\"records\":7}", "{\"records\":[1,\"a\",null,{}]}", "{\"Name\":{\"a\":{\"b\":[]}}}",
        "<?xml?><Envelope><login><username>a", "grant_type=password&username=&password=", "Name\n\"unterminated",
        "{\"object\":\"Account\",\"operation\":\"insert\"}", "{\"state\":\"UploadComplete\"}", "{\"failRate\":\"x\"}",
        "\u{0}\u{1}\u{2}", String(repeating: "[", count: 5000), "{\"allOrNone\":true,\"records\":[{\"attributes\":{\"type\":\"Nope\"}}]}",
    ]

    @Test func randomRequestsNeverBreakTheOrg() throws {
        let sim = try SimTestOrg()
        let token = try sim.token()
        var rng = Random(state: 2024)
        let methods = ["GET", "POST", "PATCH", "PUT", "DELETE", "HEAD", "OPTIONS"]
        for _ in 0..<1500 {
            var path = Self.paths[rng.int(Self.paths.count)]
            if rng.int(4) == 0 { path += "/" + String(rng.next(), radix: 36) }
            if rng.int(5) == 0 { path += "?q=SELECT+Id+FROM+Account&ids=\(rng.next())&fields=Name" }
            var body = Array(Self.bodies[rng.int(Self.bodies.count)].utf8)
            if rng.int(3) == 0 { body = (0..<rng.int(300)).map { _ in UInt8(truncatingIfNeeded: rng.next()) } }
            var headers: [(String, String)] = []
            if rng.int(3) != 0 { headers.append(("Authorization", "Bearer \(token)")) }
            if rng.int(6) == 0 { headers.append(("Content-Encoding", "gzip")) }
            if rng.int(6) == 0 { headers.append(("Content-Type", "multipart/form-data; boundary=xx")) }
            let response = sim.send(methods[rng.int(methods.count)], path, headers: headers, body: body)
            #expect(response.status != 500 || response.text.contains("UNKNOWN_EXCEPTION") == false, "\(path)")
            #expect((200...599).contains(response.status), "\(path) -> \(response.status)")
        }
        // Still serving.
        #expect(try sim.api("GET", "/limits").status == 200)
        sim.org.faults.withLock { $0 = FaultSettings() }
        #expect(try sim.api("POST", "/sobjects/Account", json: #"{"Name":"still here"}"#).status == 201)
    }
}
