/// What a route handler gets: the org, the request, the captured path parameters and the session.
public struct RouteContext: Sendable {
    public let org: Org
    public let request: SimRequest
    /// Captured `:name` segments of the route pattern, and `*` for the remaining path.
    public let parameters: [String: String]
    /// The authenticated session; nil only for routes registered with `authenticated: false`.
    public let session: Session?
    /// API version of the request path (`62.0`), or the org default for non-versioned routes.
    public let apiVersion: String

    /// The session of an authenticated route (always set there).
    public var user: Session {
        session ?? Session(token: "", userSlot: 0, username: "", method: .soap, issuedAt: 0, expiresAt: 0)
    }

    /// A captured path parameter (empty when absent).
    public func parameter(_ name: String) -> String { parameters[name] ?? "" }

    /// The request body parsed as JSON; throws JSON_PARSER_ERROR with the position on bad input.
    func jsonBody() throws -> JSONNode {
        guard !request.body.isEmpty else {
            throw APIError.malformedJSON("No content to map due to end-of-input")
        }
        do { return try JSONNode.parse(request.body) } catch let error as JSONNodeError {
            throw APIError.malformedJSON(error.description)
        }
    }

    /// Root-relative base of versioned REST URLs: `/services/data/v62.0`.
    public var dataBase: String { "/services/data/v\(apiVersion)" }
}
