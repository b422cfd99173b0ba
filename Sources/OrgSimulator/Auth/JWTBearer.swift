/// The JWT bearer grant (RS256 assertions verified against the connected app's certificate).
enum JWTBearer {
    static func grant(_ org: Org, assertion: String, ttl: Int) -> SimResponse {
        OAuthToken.error("unsupported_grant_type", "grant type not supported")
    }
}
