import Foundation
import Testing

@testable import OrgSimulator

@Suite struct AccessLogTests {
    @Test func oneLinePerRequestAndNoSecrets() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sfsim-access-\(UUID().uuidString).log").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let sim = try SimTestOrg()
        let log = try AccessLog(path: path)
        var router = Router()
        CoreRoutes.install(into: &router)
        let processor = RequestProcessor(org: sim.org, router: router, accessLog: log)
        func send(_ method: String, _ uri: String, _ headers: [(String, String)] = [], _ body: String = "") -> SimResponse {
            guard case let .respond(r, _) = processor.process(SimRequest(method: method, uri: uri, headers: headers, body: Array(body.utf8)), remote: "127.0.0.1") else {
                return SimResponse(status: 0)
            }
            return r
        }
        let token = send("POST", "/services/oauth2/token", [], "grant_type=password&client_id=sfsim-client&client_secret=sfsim-secret&username=admin%40sfsim.test&password=sfsim-passwordSFSIMTOKEN").json?["access_token"]?.stringValue ?? ""
        #expect(!token.isEmpty)
        _ = send("GET", "/services/data/v62.0/limits?secret=sfsim-secret", [("Authorization", "Bearer \(token)")])
        _ = send("POST", "/services/Soap/u/62.0", [], "<Envelope><login><username>admin@sfsim.test</username><password>sfsim-passwordSFSIMTOKEN</password></login></Envelope>")
        // The log is written on its own queue; wait (bounded) for the three lines.
        var text = ""
        for _ in 0..<200 {
            text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
            if text.split(separator: "\n").count >= 3 { break }
            Thread.sleep(forTimeInterval: 0.01)
        }
        let lines = text.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[1].contains("\"GET /services/data/v62.0/limits\" 200"))
        #expect(lines[1].contains("user=admin@sfsim.test"))
        for secret in ["sfsim-password", "SFSIMTOKEN", "sfsim-secret", token] {
            #expect(!text.contains(secret), "the log leaks a secret")
        }
    }
}
