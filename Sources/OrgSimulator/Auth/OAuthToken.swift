import Foundation

/// The OAuth 2.0 token endpoint `/services/oauth2/token` (reference §2), plus revoke.
enum OAuthToken {
    static func install(into router: inout Router) {
        router.add("POST", .root, ["services", "oauth2", "token"], authenticated: false) { try token($0) }
        router.add("POST", .root, ["services", "oauth2", "revoke"], authenticated: false) { context in
            let form = SimRequest.formFields(context.request.body)
            let token = form.first { $0.0 == "token" }?.1 ?? context.request.queryValue("token") ?? ""
            context.org.sessions.revoke(token: token)
            return SimResponse(status: 200)
        }
    }

    static func error(_ code: String, _ description: String, status: Int = 400) -> SimResponse {
        .json(status) { w in
            w.raw("{")
            w.key("error")
            w.string(code)
            w.raw(",")
            w.key("error_description")
            w.string(description)
            w.raw("}")
        }
    }

    static func token(_ context: RouteContext) throws -> SimResponse {
        let org = context.org
        var form = SimRequest.formFields(context.request.body)
        form += context.request.query
        func field(_ name: String) -> String? { form.first { $0.0 == name }?.1 }
        var clientID = field("client_id")
        var clientSecret = field("client_secret")
        if let auth = context.request.header("Authorization"), auth.lowercased().hasPrefix("basic "),
            let decoded = Data(base64Encoded: String(auth.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
            let pair = String(data: decoded, encoding: .utf8), let colon = pair.firstIndex(of: ":")
        {
            clientID = SimRequest.percentDecode(String(pair[..<colon]), plusIsSpace: true)
            clientSecret = SimRequest.percentDecode(String(pair[pair.index(after: colon)...]), plusIsSpace: true)
        }
        guard let grant = field("grant_type") else {
            return error("unsupported_grant_type", "grant type not supported")
        }
        let app = clientID.flatMap { id in org.configuration.apps.first { $0.clientID == id } }
        let ttl = org.settings.snapshot.sessionTTL
        switch grant {
        case "client_credentials":
            guard let app else { return error("invalid_client_id", "client identifier invalid") }
            guard clientSecret == app.clientSecret else { return error("invalid_client", "invalid client credentials") }
            guard let runAs = app.runAsUser, let (user, slot) = org.user(named: runAs), user.active else {
                return error("invalid_grant", "no client credentials user enabled")
            }
            let session = org.sessions.open(userSlot: slot, username: user.username, method: .clientCredentials, ttl: ttl)
            org.stats.login(.clientCredentials)
            return tokenResponse(org, session: session, slot: slot, refreshToken: nil, scope: "api")
        case "password":
            guard let app else { return error("invalid_client_id", "client identifier invalid") }
            guard clientSecret == nil || clientSecret == app.clientSecret else {
                return error("invalid_client", "invalid client credentials")
            }
            let username = field("username") ?? ""
            let password = field("password") ?? ""
            guard let (user, slot) = org.user(named: username), user.active,
                password == user.password + user.securityToken || (user.securityToken.isEmpty && password == user.password)
            else {
                org.stats.loginFailed()
                return error("invalid_grant", "authentication failure")
            }
            let session = org.sessions.open(userSlot: slot, username: user.username, method: .password, ttl: ttl)
            org.stats.login(.password)
            let refresh = org.sessions.issueRefreshToken(userSlot: slot, username: user.username, clientID: app.clientID)
            return tokenResponse(org, session: session, slot: slot, refreshToken: refresh, scope: nil)
        case "refresh_token":
            guard let app else { return error("invalid_client_id", "client identifier invalid") }
            guard clientSecret == nil || clientSecret == app.clientSecret else {
                return error("invalid_client", "invalid client credentials")
            }
            guard let token = field("refresh_token"), let grant = org.sessions.redeemRefreshToken(token),
                grant.clientID == app.clientID
            else {
                org.stats.loginFailed()
                return error("invalid_grant", "expired access/refresh token")
            }
            let session = org.sessions.open(userSlot: grant.userSlot, username: grant.username, method: .refreshToken, ttl: ttl)
            org.stats.login(.refreshToken)
            return tokenResponse(org, session: session, slot: grant.userSlot, refreshToken: nil, scope: nil)
        case "urn:ietf:params:oauth:grant-type:jwt-bearer":
            return JWTBearer.grant(org, assertion: field("assertion") ?? "", ttl: ttl)
        default:
            return error("unsupported_grant_type", "grant type not supported")
        }
    }

    /// The token response, keys in Salesforce's order.
    static func tokenResponse(_ org: Org, session: Session, slot: Int, refreshToken: String?, scope: String?) -> SimResponse {
        let userID = org.userID(slot: slot)
        let issued = String(Int64(session.issuedAt * 1000))
        let instance = org.instanceURL
        let idURL = "\(instance)/id/\(org.organizationID)/\(userID)"
        let signature = Data(SessionStore.opaque(32).utf8).base64EncodedString()
        return .json(200) { w in
            w.raw("{")
            w.key("access_token")
            w.string(session.token)
            if let refreshToken {
                w.raw(",")
                w.key("refresh_token")
                w.string(refreshToken)
            }
            w.raw(",")
            w.key("signature")
            w.string(signature)
            if let scope {
                w.raw(",")
                w.key("scope")
                w.string(scope)
            }
            w.raw(",")
            w.key("instance_url")
            w.string(instance)
            w.raw(",")
            w.key("id")
            w.string(idURL)
            w.raw(",")
            w.key("token_type")
            w.string("Bearer")
            w.raw(",")
            w.key("issued_at")
            w.string(issued)
            w.raw("}")
        }
    }
}
