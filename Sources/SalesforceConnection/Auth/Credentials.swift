/// How to log in. Each case is one of Salesforce's API authentication methods.
public enum Credentials: Sendable, Equatable {
    /// OAuth 2.0 client credentials flow against the org's My Domain URL (`ConnectionSettings.instanceURL`): the
    /// recommended method for unattended runs. The connected app's Run As user owns the session.
    case clientCredentials(clientID: String, clientSecret: Secret)
    /// SOAP partner `login()` with username, password and security token, against `ConnectionSettings.loginURL`.
    /// Salesforce removed it from API 65.0 and retires it in Summer '27; the login call therefore uses API 64.0.
    case soap(username: String, password: Secret, securityToken: Secret?)
    /// OAuth 2.0 JWT bearer flow: an RS256 assertion signed with the connected app's private key (PEM).
    /// `audience` defaults to the login URL (`https://login.salesforce.com` or `https://test.salesforce.com`).
    case jwt(clientID: String, username: String, privateKeyPEM: Secret, audience: String?)
    /// An access token obtained elsewhere (`sf org display`), used as is with `ConnectionSettings.instanceURL`.
    /// It cannot be renewed: when it expires the run stops with an authentication error.
    case accessToken(Secret)

    /// Short name of the method, as `--auth` spells it and logs print it.
    public var methodName: String {
        switch self {
        case .clientCredentials: return "client-credentials"
        case .soap: return "soap"
        case .jwt: return "jwt"
        case .accessToken: return "token"
        }
    }

    /// The non-secret identity the session belongs to (client id, username), for cache keys and audit logs.
    public var principal: String {
        switch self {
        case .clientCredentials(let clientID, _): return clientID
        case .soap(let username, _, _): return username
        case .jwt(let clientID, let username, _, _): return "\(clientID) \(username)"
        case .accessToken: return "access-token"
        }
    }

    /// Whether a new session can be obtained without the user (all but a plain access token).
    public var canRenew: Bool {
        if case .accessToken = self { return false }
        return true
    }
}
