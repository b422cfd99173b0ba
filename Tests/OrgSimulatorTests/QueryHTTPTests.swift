import Foundation
import SimulatorFixture
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// REST query paging and a Bulk query job against a real `sfsim` process over loopback HTTP.
@Suite("Query over HTTP", .serialized)
struct QueryHTTPTests {
    struct Reply {
        let status: Int
        let headers: [String: String]
        let body: Data
        var json: Any? { try? JSONSerialization.jsonObject(with: body) }
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    static func send(_ request: URLRequest) async throws -> Reply {
        try await withCheckedThrowingContinuation { continuation in
            URLSession.shared.dataTask(with: request) { data, response, error in
                if let error {
                    continuation.resume(throwing: error)
                    return
                }
                let http = response as? HTTPURLResponse
                var headers: [String: String] = [:]
                for (key, value) in http?.allHeaderFields ?? [:] {
                    headers[String(describing: key).lowercased()] = String(describing: value)
                }
                continuation.resume(returning: Reply(status: http?.statusCode ?? 0, headers: headers, body: data ?? Data()))
            }.resume()
        }
    }

    static func token(_ sim: SimulatorProcess) async throws -> String {
        var request = URLRequest(url: sim.baseURL.appendingPathComponent("services/oauth2/token"))
        request.httpMethod = "POST"
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(("grant_type=client_credentials&client_id=\(SimulatorProcess.Defaults.clientID)"
            + "&client_secret=\(SimulatorProcess.Defaults.clientSecret)").utf8)
        let reply = try await send(request)
        return ((reply.json as? [String: Any])?["access_token"] as? String) ?? ""
    }

    static func get(_ sim: SimulatorProcess, _ pathAndQuery: String, token: String, headers: [String: String] = [:])
        async throws -> Reply
    {
        guard let url = URL(string: sim.baseURL.absoluteString + pathAndQuery) else { throw FixtureError("bad URL") }
        var request = URLRequest(url: url)
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        for (key, value) in headers { request.setValue(value, forHTTPHeaderField: key) }
        return try await send(request)
    }

    @Test func restPagingAndBulkLocatorLoop() async throws {
        let sim = try SimulatorProcess(arguments: ["--seed-data", "none", "--generate", "Account=2345", "--seed", "7"])
        defer { sim.stop() }
        let token = try await Self.token(sim)
        #expect(!token.isEmpty)

        // REST: 2345 accounts in pages of 1000.
        let soql = "SELECT Id, Name, Owner.Name FROM Account ORDER BY Name"
        var next: String? = "/services/data/v62.0/query?q="
            + (soql.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
        var ids = Set<String>()
        var pages = 0
        while let path = next {
            let reply = try await Self.get(sim, path, token: token, headers: ["Sforce-Query-Options": "batchSize=1000"])
            #expect(reply.status == 200)
            #expect(reply.headers["content-type"] == "application/json;charset=UTF-8")
            let page = reply.json as? [String: Any]
            #expect(page?["totalSize"] as? Int == 2345)
            let records = page?["records"] as? [[String: Any]] ?? []
            ids.formUnion(records.compactMap { $0["Id"] as? String })
            next = page?["nextRecordsUrl"] as? String
            pages += 1
            if pages > 5 { break }
        }
        #expect(pages == 3)
        #expect(ids.count == 2345)

        // Bulk: create, wait, read every page until the locator is "null".
        var create = URLRequest(url: sim.baseURL.appendingPathComponent("services/data/v62.0/jobs/query"))
        create.httpMethod = "POST"
        create.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        create.setValue("application/json", forHTTPHeaderField: "Content-Type")
        create.httpBody = Data(#"{"operation":"query","query":"SELECT Id, Name FROM Account"}"#.utf8)
        let created = try await Self.send(create)
        #expect(created.status == 200)
        let jobID = (created.json as? [String: Any])?["id"] as? String ?? ""
        var state = ""
        for _ in 0..<500 {
            let status = try await Self.get(sim, "/services/data/v62.0/jobs/query/\(jobID)", token: token)
            state = (status.json as? [String: Any])?["state"] as? String ?? ""
            if state == "JobComplete" || state == "Failed" { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(state == "JobComplete")
        var locator = ""
        var rows = 0
        var requests = 0
        repeat {
            let query = locator.isEmpty ? "?maxRecords=1000" : "?maxRecords=1000&locator=\(locator)"
            let page = try await Self.get(sim, "/services/data/v62.0/jobs/query/\(jobID)/results\(query)", token: token)
            #expect(page.status == 200)
            #expect(page.text.hasPrefix("\"Id\",\"Name\"\n"))
            let count = Int(page.headers["sforce-numberofrecords"] ?? "") ?? -1
            #expect(page.text.split(separator: "\n").count == count + 1)
            rows += count
            locator = page.headers["sforce-locator"] ?? "null"
            requests += 1
        } while locator != "null" && requests < 10
        #expect(requests == 3)
        #expect(rows == 2345)
    }
}
