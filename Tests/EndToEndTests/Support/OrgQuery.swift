import Foundation
import SimulatorFixture

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Asks the simulator's REST API directly (not through our executables) what the org holds, so a
/// test can prove that a refused load sent nothing.
enum OrgQuery {
    /// `SELECT COUNT() <fromWhere>` as the org answers it.
    static func count(_ simulator: SimulatorProcess, _ fromWhere: String) throws -> Int {
        let token = try accessToken(simulator)
        var components = URLComponents(
            url: simulator.baseURL.appendingPathComponent("services/data/v62.0/query"), resolvingAgainstBaseURL: false)
        components?.queryItems = [URLQueryItem(name: "q", value: "SELECT COUNT() \(fromWhere)")]
        guard let url = components?.url else { throw FixtureError("cannot build the query URL") }
        var request = URLRequest(url: url)
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        let body = try send(request)
        guard let object = try JSONSerialization.jsonObject(with: body) as? [String: Any],
            let total = object["totalSize"] as? Int
        else { throw FixtureError("unexpected query answer: \(String(decoding: body, as: UTF8.self))") }
        return total
    }

    /// A fresh client-credentials access token for the default connected app.
    static func accessToken(_ simulator: SimulatorProcess) throws -> String {
        var request = URLRequest(url: simulator.baseURL.appendingPathComponent("services/oauth2/token"))
        request.httpMethod = "POST"
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        let form =
            "grant_type=client_credentials&client_id=\(SimulatorProcess.Defaults.clientID)"
            + "&client_secret=\(SimulatorProcess.Defaults.clientSecret)"
        request.httpBody = Data(form.utf8)
        let body = try send(request)
        guard let object = try JSONSerialization.jsonObject(with: body) as? [String: Any],
            let token = object["access_token"] as? String
        else { throw FixtureError("unexpected token answer: \(String(decoding: body, as: UTF8.self))") }
        return token
    }

    private static func send(_ request: URLRequest) throws -> Data {
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: request) { data, _, error in
            box.set(data, error)
            done.signal()
        }.resume()
        guard done.wait(timeout: .now() + 30) == .success else { throw FixtureError("sfsim did not answer in 30 s") }
        return try box.get()
    }

    private final class Box: @unchecked Sendable {
        // Safety: written once by the URLSession callback before the semaphore is signalled, read after.
        private var data: Data?
        private var error: Error?
        func set(_ data: Data?, _ error: Error?) {
            self.data = data
            self.error = error
        }
        func get() throws -> Data {
            if let error { throw error }
            return data ?? Data()
        }
    }
}
