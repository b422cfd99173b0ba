/// A REST error, rendered as Salesforce's JSON array `[{"message":…,"errorCode":…,"fields":[…]}]`.
public struct APIError: Error, Sendable, CustomStringConvertible {
    public let status: Int
    public let errorCode: String
    public let message: String
    public let fields: [String]?

    public init(status: Int, _ errorCode: String, _ message: String, fields: [String]? = nil) {
        self.status = status
        self.errorCode = errorCode
        self.message = message
        self.fields = fields
    }

    public var description: String { "\(errorCode): \(message)" }

    /// The response carrying this error.
    public var response: SimResponse {
        SimResponse.json(status) { w in
            w.raw("[{")
            w.key("message")
            w.string(message)
            w.raw(",")
            w.key("errorCode")
            w.string(errorCode)
            if let fields {
                w.raw(",")
                w.key("fields")
                w.raw("[")
                var first = true
                for f in fields {
                    w.comma(&first)
                    w.string(f)
                }
                w.raw("]")
            }
            w.raw("}]")
        }
    }

    public static let invalidSession = APIError(status: 401, "INVALID_SESSION_ID", "Session expired or invalid")
    public static let notFound = APIError(status: 404, "NOT_FOUND", "The requested resource does not exist")
    public static func malformedJSON(_ detail: String) -> APIError {
        APIError(status: 400, "JSON_PARSER_ERROR", detail)
    }
    public static func notFoundObject(_ name: String) -> APIError {
        APIError(status: 404, "NOT_FOUND", "The requested resource does not exist")
    }
}
