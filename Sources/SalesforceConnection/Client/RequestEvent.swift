import Foundation

/// One completed HTTP exchange, redacted, for `--verbose` logs and run summaries.
public struct RequestEvent: Sendable {
    /// `GET`, `POST`, ...
    public var method: String
    /// Path and query with secrets masked (`/services/data/v62.0/query?q=SELECT...`).
    public var path: String
    /// HTTP status; `nil` when the request failed before a response.
    public var status: Int?
    /// Bytes sent in the request body.
    public var bytesSent: Int
    /// Bytes received in the response body (after decompression).
    public var bytesReceived: Int
    /// Time from sending to the complete response.
    public var duration: Duration
    /// Transport error summary when `status` is `nil`.
    public var failure: String?

    public init(method: String, path: String, status: Int?, bytesSent: Int, bytesReceived: Int, duration: Duration,
                failure: String? = nil) {
        self.method = method
        self.path = path
        self.status = status
        self.bytesSent = bytesSent
        self.bytesReceived = bytesReceived
        self.duration = duration
        self.failure = failure
    }

    /// `GET /services/data/v62.0/limits 200 1234B 56ms`.
    public var logLine: String {
        let ms = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        let statusText = status.map(String.init) ?? "ERR"
        var line = "\(method) \(path) \(statusText) \(bytesReceived)B \(ms)ms"
        if bytesSent > 0 { line += " sent=\(bytesSent)B" }
        if let failure { line += " (\(failure))" }
        return line
    }
}
