/// A logged-in session: the bearer token and whose it is.
public struct Session: Sendable {
    /// How the session was obtained; also the key of the login counters in `/__sfsim/stats`.
    public enum Method: String, Sendable, CaseIterable {
        case soap
        case clientCredentials = "client_credentials"
        case password
        case refreshToken = "refresh_token"
        case jwt
    }

    public let token: String
    /// Slot of the user's record in the User table.
    public let userSlot: Int
    public let username: String
    public let method: Method
    /// Seconds since 1970.
    public let issuedAt: Double
    public let expiresAt: Double
}
