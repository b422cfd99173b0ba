/// How the HTTP client connects: timeouts, TLS trust, proxy, identification.
///
/// Only executables read flags and environment; they fill this in. Defaults are safe for production:
/// TLS verified, proxy taken from `HTTPS_PROXY` / `NO_PROXY` as libcurl does.
public struct TransportConfiguration: Sendable {
    /// The product version sent in the default User-Agent.
    public static let sfbatchVersion = "0.1.0"

    /// Time allowed to resolve, connect and finish the TLS handshake.
    public var connectTimeout: Duration = .seconds(30)
    /// A transfer slower than `lowSpeedLimit` bytes per second for `lowSpeedTime` is aborted as a
    /// timeout. Salesforce may think for minutes before the first byte of a large query, so the window
    /// is generous.
    public var lowSpeedLimit: Int = 1
    /// See `lowSpeedLimit`.
    public var lowSpeedTime: Duration = .seconds(300)
    /// A PEM file of CA certificates to trust instead of the system store (`--cacert`).
    public var caBundlePath: String?
    /// An explicit proxy URL (`--proxy http://proxy.example:3128`). Nil uses the environment
    /// (`HTTPS_PROXY`, `https_proxy`, `http_proxy`, `ALL_PROXY`, with `NO_PROXY`); an empty string
    /// disables proxies even when the environment names one.
    public var proxy: String?
    /// Comma-separated hosts that bypass the proxy; nil uses `NO_PROXY` from the environment.
    public var noProxy: String?
    /// Verify the server's certificate and host name. Turn off only for diagnostics.
    public var verifyTLS = true
    /// Sent as `User-Agent` unless a request sets its own.
    public var userAgent = "sfbatch/\(TransportConfiguration.sfbatchVersion)"
    /// Negotiate HTTP/2 over TLS when the server offers it (ALPN); HTTP/1.1 otherwise.
    public var allowHTTP2 = true
    /// Most connections to one host at once; 0 leaves it to libcurl (HTTP/2 multiplexes anyway).
    public var maxConnectionsPerHost = 0
    /// A streamed response buffers at most about this many bytes before the transfer is paused until
    /// the consumer catches up.
    public var streamBufferBytes = 4 * 1024 * 1024

    public init() {}
}
