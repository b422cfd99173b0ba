/// A complete response; the server adds `Sforce-Limit-Info`, compression and connection headers.
public struct SimResponse: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(String, String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A JSON response (`application/json;charset=UTF-8`).
    public static func json(_ status: Int = 200, _ body: [UInt8]) -> SimResponse {
        SimResponse(status: status, headers: [("Content-Type", "application/json;charset=UTF-8")], body: body)
    }

    /// A JSON response built with a writer.
    public static func json(_ status: Int = 200, _ build: (inout JSONWriter) -> Void) -> SimResponse {
        var w = JSONWriter()
        build(&w)
        return json(status, w.bytes)
    }

    /// A CSV response (`text/csv`), as Bulk API 2.0 returns results.
    public static func csv(_ body: [UInt8], headers: [(String, String)] = []) -> SimResponse {
        SimResponse(status: 200, headers: [("Content-Type", "text/csv")] + headers, body: body)
    }

    /// An XML response (`text/xml;charset=UTF-8`), for SOAP.
    public static func xml(_ status: Int, _ text: String) -> SimResponse {
        SimResponse(status: status, headers: [("Content-Type", "text/xml;charset=UTF-8")], body: Array(text.utf8))
    }

    /// 204 No Content.
    public static var noContent: SimResponse { SimResponse(status: 204) }
}
