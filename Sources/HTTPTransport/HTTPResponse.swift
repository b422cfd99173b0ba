/// A complete response with its body in memory; use `HTTPClient.stream` or `start` for large bodies.
public struct HTTPResponse: Sendable {
    /// The status code, e.g. 200.
    public var status: Int
    /// Header fields as received (case-insensitive lookup).
    public var headers: HTTPHeaders
    /// The body, decompressed when the request asked for it.
    public var body: [UInt8]
    /// `HTTP/1.1` or `HTTP/2`.
    public var httpVersion: String

    public init(status: Int, headers: HTTPHeaders, body: [UInt8], httpVersion: String = "HTTP/1.1") {
        self.status = status
        self.headers = headers
        self.body = body
        self.httpVersion = httpVersion
    }

    init(head: HTTPResponseHead, body: [UInt8]) {
        self.init(status: head.status, headers: head.headers, body: body, httpVersion: head.httpVersion)
    }

    /// The status line and headers.
    public var head: HTTPResponseHead { HTTPResponseHead(status: status, headers: headers, httpVersion: httpVersion) }

    /// The body decoded as UTF-8 (invalid sequences replaced).
    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}
