/// One HTTP request.
public struct HTTPRequest: Sendable {
    /// `GET`, `POST`, `PUT`, `PATCH`, `DELETE`, `HEAD`, ...
    public var method: String
    /// Absolute `http` or `https` URL.
    public var url: String
    /// Request header fields, sent in order. `User-Agent` defaults to the configuration's;
    /// `Accept-Encoding` is managed by the transport when `decompressResponse` is true.
    public var headers: [(String, String)]
    /// The body.
    public var body: HTTPBody
    /// Send the body gzip-compressed with `Content-Encoding: gzip` (Bulk API 2.0 uploads accept it).
    /// The transport compresses with GzipStreams on a thread of its own before sending; a body that
    /// already starts with the gzip magic bytes is sent as it is.
    public var compressBody: Bool
    /// Ask for gzip (`Accept-Encoding: gzip`) and hand the caller decompressed bytes. Set false to
    /// receive the body exactly as sent (then choose `Accept-Encoding` yourself).
    public var decompressResponse: Bool
    /// Total time limit for this request, or nil for none (the configuration's connect and
    /// low-speed limits still apply).
    public var timeout: Duration?

    public init(
        method: String, url: String, headers: [(String, String)] = [], body: HTTPBody = .none,
        compressBody: Bool = false, decompressResponse: Bool = true, timeout: Duration? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.compressBody = compressBody
        self.decompressResponse = decompressResponse
        self.timeout = timeout
    }

    /// The host named by `url`, without user info or port, for messages.
    public var host: String { URLParts.host(of: url) }
}
