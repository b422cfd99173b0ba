import Foundation

@testable import OrgSimulator

/// An in-process org (sample schema, default users) driven through the same request processor the
/// server uses, so authentication, limits, faults and error rendering are exercised without a socket.
final class SimTestOrg: @unchecked Sendable {
    // Safety: used by one test at a time; the org and processor are thread-safe.
    let org: Org
    let processor: RequestProcessor

    init(configuration: OrgConfiguration = OrgConfiguration(), faults: FaultSettings = FaultSettings(), seed: Bool = false) throws {
        let catalog = try SchemaCatalog.load(directory: QueryTestOrg.schemaDirectory)
        org = Org(catalog: catalog, configuration: configuration, faults: faults)
        org.provisionUsers()
        if seed {
            var url = URL(fileURLWithPath: QueryTestOrg.schemaDirectory)
            url.deleteLastPathComponent()
            try SeedLoader.load(directory: url.appendingPathComponent("data").path, into: org)
        }
        var router = Router()
        CoreRoutes.install(into: &router)
        QueryRoutes.install(into: &router)
        let routes = router
        org.routerBox.withLock { $0 = routes }
        processor = RequestProcessor(org: org, router: router, accessLog: nil)
    }

    /// Sends a request; `.drop` outcomes come back as status 0.
    func send(_ method: String, _ uri: String, headers: [(String, String)] = [], body: [UInt8] = []) -> SimResponse {
        org.stats.requestStarted()
        defer { org.stats.requestEnded() }
        switch processor.process(SimRequest(method: method, uri: uri, headers: headers, body: body), remote: "test") {
        case let .respond(response, _): return response
        case .drop: return SimResponse(status: 0)
        }
    }

    func send(_ method: String, _ uri: String, headers: [(String, String)] = [], json: String) -> SimResponse {
        send(method, uri, headers: [("Content-Type", "application/json")] + headers, body: Array(json.utf8))
    }

    /// A client-credentials access token.
    func token() throws -> String {
        let response = send(
            "POST", "/services/oauth2/token", headers: [("Content-Type", "application/x-www-form-urlencoded")],
            body: Array("grant_type=client_credentials&client_id=sfsim-client&client_secret=sfsim-secret".utf8))
        guard let token = response.json?["access_token"]?.stringValue else {
            throw TestFailure("no token: \(response.status) \(response.text)")
        }
        return token
    }

    /// Sends an authenticated REST request under `/services/data/v62.0`.
    func api(_ method: String, _ path: String, json: String? = nil, headers: [(String, String)] = []) throws -> SimResponse {
        let auth = [("Authorization", "Bearer \(try token())")]
        if let json { return send(method, "/services/data/v62.0\(path)", headers: auth + headers, json: json) }
        return send(method, "/services/data/v62.0\(path)", headers: auth + headers)
    }

    /// Waits (bounded) until the ingest job leaves the processing states.
    func waitForJob(_ id: String, token: String) async throws -> JSONNode {
        for _ in 0..<500 {
            let r = send("GET", "/services/data/v62.0/jobs/ingest/\(id)", headers: [("Authorization", "Bearer \(token)")])
            if let state = r.json?["state"]?.stringValue, ["JobComplete", "Failed", "Aborted"].contains(state) {
                return r.json ?? .null
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw TestFailure("job \(id) did not finish within 5 s")
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension JSONNode {
    /// Element `i` of an array.
    subscript(index i: Int) -> JSONNode? {
        guard case let .array(items) = self, i < items.count else { return nil }
        return items[i]
    }
}
