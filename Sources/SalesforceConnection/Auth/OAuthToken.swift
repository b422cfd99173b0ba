import Foundation

/// The OAuth 2.0 token endpoint (`/services/oauth2/token`): request bodies and response parsing for the client
/// credentials and JWT bearer grants.
enum OAuthToken {
    static let path = "/services/oauth2/token"

    /// `grant_type=client_credentials&client_id=...&client_secret=...` (form fields, which every org accepts).
    static func clientCredentialsForm(clientID: String, clientSecret: Secret) -> [UInt8] {
        URLBuilder.form([
            ("grant_type", "client_credentials"), ("client_id", clientID), ("client_secret", clientSecret.revealed),
        ])
    }

    /// `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=<JWT>`.
    static func jwtBearerForm(assertion: String) -> [UInt8] {
        URLBuilder.form([("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"), ("assertion", assertion)])
    }

    private struct Response: Decodable {
        var access_token: String?
        var instance_url: String?
        var id: String?
        var issued_at: String?
        var error: String?
        var error_description: String?
    }

    /// Reads a token response: a session on 200, a typed authentication error otherwise.
    static func parse(status: Int, body: [UInt8], method: String, username: String?) throws -> Session {
        let response = try? JSONDecoder().decode(Response.self, from: Data(body))
        if let error = response?.error {
            throw failure(code: error, description: response?.error_description ?? "", status: status)
        }
        guard (200..<300).contains(status) else {
            if status == 404 {
                throw SalesforceError.authentication(
                    code: "TOKEN_ENDPOINT_NOT_FOUND", message: "the OAuth token endpoint answered HTTP 404",
                    status: status, hint: "check --instance-url / --login-url: it must be the org's base URL")
            }
            throw SalesforceError.fromResponse(status: status, body: body)
        }
        guard let token = response?.access_token, let instance = response?.instance_url else {
            throw SalesforceError.unexpectedResponse(
                "the token response has no access_token/instance_url", status: status)
        }
        let ids = Session.identityIDs(from: response?.id)
        var issued = Date()
        if let millis = response?.issued_at.flatMap(Double.init) { issued = Date(timeIntervalSince1970: millis / 1000) }
        return Session(
            accessToken: Secret(token), instanceURL: instance, userID: ids.userID, organizationID: ids.organizationID,
            username: username, issuedAt: issued, method: method)
    }

    /// An OAuth error body as an authentication error that says what to do.
    static func failure(code: String, description: String, status: Int) -> SalesforceError {
        let lower = description.lowercased()
        let hint: String
        switch code {
        case "invalid_client_id":
            hint = "the client id (consumer key) is not known to this org; check --client-id"
        case "invalid_client":
            hint = "the client secret does not match the client id; check SF_CLIENT_SECRET or --client-secret-file"
        case "invalid_grant" where lower.contains("not supported on this domain"):
            hint = "the client credentials flow must be sent to the org's My Domain URL: "
                + "--instance-url https://<domain>.my.salesforce.com"
        case "invalid_grant" where lower.contains("no client credentials user"):
            hint = "set a Run As user in the connected app's OAuth policies (Client Credentials Flow)"
        case "invalid_grant" where lower.contains("audience"):
            hint = "the JWT audience does not match: use --login-url https://test.salesforce.com for sandboxes, "
                + "https://login.salesforce.com for production"
        case "invalid_grant" where lower.contains("approved") || lower.contains("consumer"):
            hint = "pre-authorize the user for the connected app (admin approved users, via profile or "
                + "permission set)"
        case "invalid_grant" where lower.contains("expired"):
            hint = "the token or assertion expired; check the machine clock and log in again"
        case "invalid_grant" where lower.contains("ip"):
            hint = "the login is refused from this IP address; relax the connected app's IP restrictions"
        case "invalid_grant":
            hint = "check the client id, client secret or key, and the user (--username)"
        case "unsupported_grant_type":
            hint = "enable this OAuth flow in the connected app"
        case "inactive_user":
            hint = "the user is inactive; activate it or pick another user"
        case "inactive_org":
            hint = "the org is locked, expired or deleted"
        case "rate_limit_exceeded":
            hint = "too many logins; wait a few minutes (the session cache avoids repeated logins)"
        default:
            hint = "check the connected app settings and the credentials"
        }
        return SalesforceError.authentication(code: code, message: description, status: status, hint: hint)
    }
}
