/// Status line and header fields of a response, known before its body arrives.
public struct HTTPResponseHead: Sendable {
    /// The status code, e.g. 200.
    public var status: Int
    /// Header fields as received (case-insensitive lookup).
    public var headers: HTTPHeaders
    /// `HTTP/1.1` or `HTTP/2`, as the status line said.
    public var httpVersion: String

    public init(status: Int, headers: HTTPHeaders, httpVersion: String = "HTTP/1.1") {
        self.status = status
        self.headers = headers
        self.httpVersion = httpVersion
    }

    /// True for 2xx.
    public var isSuccess: Bool { (200..<300).contains(status) }
}
