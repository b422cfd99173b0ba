/// How the server listens.
public struct ServerConfiguration: Sendable {
    public var host = "127.0.0.1"
    /// 0 picks a free port.
    public var port = 0
    /// PEM certificate chain and key for HTTPS; nil serves plain HTTP.
    public var tlsCertificatePath: String?
    public var tlsKeyPath: String?
    /// Access log file; "-" or nil with `accessLogToStderr` writes to stderr.
    public var accessLogPath: String?
    /// Largest accepted request body (Bulk uploads are limited to 150 MB).
    public var maxBodyBytes = 150 * 1024 * 1024
    /// Worker threads for request handling (off the event loops).
    public var workerThreads = 8
    public var eventLoopThreads = 2

    public init() {}
}
