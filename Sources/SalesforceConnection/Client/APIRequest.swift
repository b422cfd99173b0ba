import HTTPTransport

/// One REST or Bulk call, before the session and instance URL are applied.
struct APIRequest: Sendable {
    var method: String
    /// Root-relative path (`/services/data/v62.0/limits`) or a path relative to the versioned base
    /// (`limits`, resolved by `SalesforceClient.url(for:)`).
    var path: String
    /// Query parameters, percent-encoded when the URL is built.
    var query: [(String, String)] = []
    var headers: [(String, String)] = []
    var body: HTTPBody = .none
    /// Whether the scheduler may re-send the call after it may have reached the server.
    var idempotent: Bool
    /// Gzip the request body (large uploads).
    var compressBody = false
    /// Statuses that are not errors for this call (default 2xx); e.g. 300 for upsert.
    var acceptedStatuses: Set<Int> = []
    /// Send without a session (`GET /services/data/`).
    var anonymous = false

    init(
        _ method: String, _ path: String, query: [(String, String)] = [], headers: [(String, String)] = [],
        body: HTTPBody = .none, idempotent: Bool
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.idempotent = idempotent
    }

    /// A JSON body request.
    static func json(_ method: String, _ path: String, body: [UInt8], idempotent: Bool) -> APIRequest {
        APIRequest(
            method, path, headers: [("Content-Type", "application/json")], body: .bytes(body), idempotent: idempotent)
    }

    func accepts(_ status: Int) -> Bool { (200..<300).contains(status) || acceptedStatuses.contains(status) }
}
