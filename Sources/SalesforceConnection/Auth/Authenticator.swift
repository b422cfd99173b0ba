import Foundation
import HTTPTransport

/// Obtains a session for one set of credentials: the single abstraction over the four login methods.
///
/// The HTTP exchange is injected (`LoginExchange`) so that login requests go through the same scheduler, retry
/// policy and request log as data calls.
struct Authenticator: Sendable {
    /// Sends one login request and returns the response (status and body, whatever the status).
    typealias LoginExchange = @Sendable (_ request: HTTPRequest) async throws -> HTTPResponse

    let credentials: Credentials
    let settings: ConnectionSettings

    /// The cache identity of this login, or `nil` when sessions are not worth caching (a plain access token).
    var cacheKey: SessionCache.Key? {
        switch credentials {
        case .clientCredentials:
            return SessionCache.Key(method: credentials.methodName, url: tokenBaseURL, principal: credentials.principal)
        case .soap, .jwt:
            return SessionCache.Key(method: credentials.methodName, url: settings.loginURL, principal: credentials.principal)
        case .accessToken:
            return nil
        }
    }

    /// Where the client credentials token request goes: the My Domain URL.
    private var tokenBaseURL: String { settings.instanceURL ?? settings.loginURL }

    /// Checks that the settings hold what this method needs, before anything is sent.
    func validate() throws {
        switch credentials {
        case .clientCredentials(let clientID, let secret):
            if clientID.isEmpty { throw SalesforceError.configuration("client credentials need --client-id") }
            if secret.isEmpty {
                throw SalesforceError.configuration(
                    "client credentials need a client secret: set SF_CLIENT_SECRET or --client-secret-file")
            }
            if settings.instanceURL == nil && Self.isGenericLoginHost(settings.loginURL) {
                throw SalesforceError.configuration(
                    "the client credentials flow needs the org's My Domain URL: "
                        + "--instance-url https://<domain>.my.salesforce.com")
            }
        case .soap(let username, let password, _):
            if username.isEmpty { throw SalesforceError.configuration("SOAP login needs --username") }
            if password.isEmpty {
                throw SalesforceError.configuration("SOAP login needs a password: set SF_PASSWORD or --password-file")
            }
        case .jwt(let clientID, let username, let key, _):
            if clientID.isEmpty || username.isEmpty {
                throw SalesforceError.configuration("JWT login needs --client-id and --username")
            }
            if key.isEmpty { throw SalesforceError.configuration("JWT login needs --jwt-key-file") }
        case .accessToken(let token):
            if token.isEmpty { throw SalesforceError.configuration("token login needs SF_ACCESS_TOKEN") }
            if settings.instanceURL == nil {
                throw SalesforceError.configuration("an access token needs --instance-url (the org's My Domain URL)")
            }
        }
    }

    /// Logs in and returns a new session.
    func login(_ exchange: LoginExchange) async throws -> Session {
        try validate()
        switch credentials {
        case .clientCredentials(let clientID, let secret):
            let response = try await exchange(
                formRequest(base: tokenBaseURL, body: OAuthToken.clientCredentialsForm(clientID: clientID, clientSecret: secret)))
            return try OAuthToken.parse(
                status: response.status, body: response.body, method: credentials.methodName, username: nil)

        case .soap(let username, let password, let token):
            settings.noticeHandler?(SOAPLogin.retirementNotice)
            let request = HTTPRequest(
                method: "POST",
                url: settings.loginURL + SOAPLogin.path(version: ConnectionSettings.soapLoginAPIVersion),
                headers: [("Content-Type", "text/xml; charset=UTF-8"), ("SOAPAction", "login")],
                body: .bytes(SOAPLogin.envelope(username: username, password: password, securityToken: token)))
            let response = try await exchange(request)
            return try SOAPLogin.parse(status: response.status, body: response.body, username: username)

        case .jwt(let clientID, let username, let key, let audience):
            let assertion = try JWTAssertion.make(
                clientID: clientID, username: username, audience: audience ?? Self.audience(for: settings.loginURL),
                privateKeyPEM: key)
            let response = try await exchange(
                formRequest(base: settings.loginURL, body: OAuthToken.jwtBearerForm(assertion: assertion)))
            return try OAuthToken.parse(
                status: response.status, body: response.body, method: credentials.methodName, username: username)

        case .accessToken(let token):
            guard let instance = settings.instanceURL else {
                throw SalesforceError.configuration("an access token needs --instance-url (the org's My Domain URL)")
            }
            return Session(accessToken: token, instanceURL: instance, method: credentials.methodName)
        }
    }

    private func formRequest(base: String, body: [UInt8]) -> HTTPRequest {
        HTTPRequest(
            method: "POST", url: base + OAuthToken.path,
            headers: [("Content-Type", "application/x-www-form-urlencoded"), ("Accept", "application/json")],
            body: .bytes(body))
    }

    /// The JWT `aud` claim for a login URL: production or sandbox login host for Salesforce domains (sandbox My
    /// Domains contain `.sandbox.`), else the URL itself (Experience Cloud sites, the local simulator).
    static func audience(for loginURL: String) -> String {
        let lower = loginURL.lowercased()
        if lower.contains("test.salesforce.com") || lower.contains(".sandbox.my.salesforce.com") {
            return ConnectionSettings.sandboxLoginURL
        }
        if lower.contains("salesforce.com") { return ConnectionSettings.productionLoginURL }
        return URLBuilder.origin(of: loginURL)
    }

    /// `login.salesforce.com` and `test.salesforce.com` refuse the client credentials grant.
    static func isGenericLoginHost(_ url: String) -> Bool {
        let origin = URLBuilder.origin(of: url).lowercased()
        return origin.hasSuffix("://login.salesforce.com") || origin.hasSuffix("://test.salesforce.com")
    }
}
