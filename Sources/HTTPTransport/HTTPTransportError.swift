/// A request that produced no HTTP response: the network, TLS, a proxy or a timeout got in the way.
///
/// HTTP error statuses are not transport errors; they arrive as responses. `mayHaveReachedServer`
/// tells a retry policy whether the server could have acted on the request: a refused connection or
/// a failed handshake could not, a connection cut while waiting for the answer could.
public struct HTTPTransportError: Error, Sendable, CustomStringConvertible {
    /// The class of failure.
    public enum Kind: Sendable, Equatable {
        /// The URL or request could not be used (unsupported scheme, malformed URL, unreadable body file).
        case invalidRequest
        /// The host name did not resolve.
        case dnsFailure
        /// The proxy could not be resolved, reached or refused the tunnel.
        case proxyFailure
        /// The TCP connection was refused or the host was unreachable.
        case connectFailed
        /// The TLS handshake or certificate verification failed.
        case tlsFailure
        /// A connect, low-speed or total time limit expired.
        case timeout
        /// Sending the request failed.
        case sendFailed
        /// Receiving the response failed or the server closed the connection early.
        case recvFailed
        /// The server broke the HTTP protocol (malformed response, bad content encoding, HTTP/2 error).
        case protocolError
        /// The client was shut down while the request was in flight.
        case shutDown
        /// Any other libcurl failure.
        case other
    }

    /// What went wrong.
    public let kind: Kind
    /// The host the request was for (never the full URL, which may carry secrets).
    public let host: String
    /// libcurl's explanation, when it gave one.
    public let detail: String
    /// libcurl's `CURLcode`, when the error came from libcurl.
    public let curlCode: Int?
    /// Whether the server might have received and acted on the request.
    public let mayHaveReachedServer: Bool
    /// Whether the request went through a proxy (explicit, or from the environment for this URL); messages
    /// mention a proxy only then.
    public let viaProxy: Bool

    public init(
        kind: Kind, host: String, detail: String = "", curlCode: Int? = nil, mayHaveReachedServer: Bool,
        viaProxy: Bool = false
    ) {
        self.kind = kind
        self.host = host
        self.detail = detail
        self.curlCode = curlCode
        self.mayHaveReachedServer = mayHaveReachedServer
        self.viaProxy = viaProxy
    }

    /// Connection-level failures are worth retrying; a malformed request or a shut-down client is not.
    public var isTransient: Bool {
        switch kind {
        case .invalidRequest, .shutDown, .tlsFailure: return false
        default: return true
        }
    }

    public var description: String {
        let why = detail.isEmpty ? "" : " (\(detail))"
        switch kind {
        case .invalidRequest:
            return "the request to '\(host)' could not be made\(why); check the URL and any body file"
        case .dnsFailure:
            return viaProxy
                ? "could not resolve host '\(host)' through the proxy\(why); check the instance or login URL and "
                    + "the proxy settings (HTTPS_PROXY, --proxy, NO_PROXY)"
                : "could not resolve host '\(host)'\(why); check the instance or login URL, your network and DNS"
        case .proxyFailure:
            return "the proxy failed for '\(host)'\(why); check HTTPS_PROXY / --proxy and NO_PROXY"
        case .connectFailed:
            return viaProxy
                ? "could not connect to '\(host)' through the proxy\(why); check that the proxy is up and "
                    + "the proxy settings (HTTPS_PROXY, --proxy, NO_PROXY)"
                : "could not connect to '\(host)'\(why): the host refused the connection or is unreachable; "
                    + "check the URL and port, that the server is up and that no firewall blocks it"
        case .tlsFailure:
            return "TLS verification of '\(host)' failed\(why); if the server uses a private or corporate CA "
                + "(for example a TLS-inspecting proxy), pass its certificate with --cacert FILE"
        case .timeout:
            return "the request to '\(host)' timed out\(why); the server or network is slow or unreachable; "
                + "retry later or raise the timeout"
        case .sendFailed:
            return "sending the request to '\(host)' failed\(why); the connection broke, retry the run"
        case .recvFailed:
            return "the connection to '\(host)' broke while receiving the response\(why); retry the run"
        case .protocolError:
            return "'\(host)' sent a malformed HTTP response\(why); retry, or check for an interfering proxy"
        case .shutDown:
            return "the HTTP client was shut down before the request to '\(host)' finished"
        case .other:
            return "the request to '\(host)' failed\(why)"
        }
    }
}
