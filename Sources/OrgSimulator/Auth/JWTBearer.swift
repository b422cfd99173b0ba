import Foundation
import RSASigning

/// The JWT bearer grant: a compact RS256 JWS whose `iss` is a connected app's client id, `sub` a
/// username, `aud` a login URL (or this server), `exp` in the future (number or string), verified
/// against the app's certificate.
enum JWTBearer {
    static func grant(_ org: Org, assertion: String, ttl: Int) -> SimResponse {
        let parts = assertion.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let headerBytes = Base64URL.decode(parts[0]), let claimBytes = Base64URL.decode(parts[1]),
            let signature = Base64URL.decode(parts[2]), let header = try? JSONNode.parse(headerBytes),
            let claims = try? JSONNode.parse(claimBytes)
        else {
            org.stats.loginFailed()
            return OAuthToken.error("invalid_grant", "invalid assertion")
        }
        guard header["alg"]?.stringValue == "RS256" else {
            org.stats.loginFailed()
            return OAuthToken.error("invalid_grant", "invalid assertion: algorithm must be RS256")
        }
        guard let issuer = claims["iss"]?.stringValue, let app = org.configuration.apps.first(where: { $0.clientID == issuer })
        else {
            org.stats.loginFailed()
            return OAuthToken.error("invalid_client_id", "client identifier invalid")
        }
        guard let pem = app.certificatePEM, let key = try? RSAPublicKey(pem: pem) else {
            org.stats.loginFailed()
            return OAuthToken.error("invalid_grant", "user hasn't approved this consumer")
        }
        let signed = Array(assertion.utf8.prefix(parts[0].utf8.count + 1 + parts[1].utf8.count))
        guard key.verify(signature: signature, message: signed) else {
            org.stats.loginFailed()
            return OAuthToken.error("invalid_grant", "invalid assertion: signature verification failed")
        }
        let audiences: [String]
        switch claims["aud"] {
        case let .string(s)?: audiences = [s]
        case let .array(list)?: audiences = list.compactMap(\.stringValue)
        default: audiences = []
        }
        let accepted = ["https://login.salesforce.com", "https://test.salesforce.com", org.instanceURL]
        guard audiences.contains(where: { aud in accepted.contains { $0 == aud.trimmingCharacters(in: CharacterSet(charactersIn: "/")) } }) else {
            org.stats.loginFailed()
            return OAuthToken.error("invalid_grant", "Audience validation failed")
        }
        let exp: Double?
        switch claims["exp"] {
        case let .number(n)?: exp = Double(n)
        case let .string(s)?: exp = Double(s)
        default: exp = nil
        }
        guard let exp, exp > Date().timeIntervalSince1970 else {
            org.stats.loginFailed()
            return OAuthToken.error("invalid_grant", "expired authorization code")
        }
        guard let username = claims["sub"]?.stringValue, let (user, slot) = org.user(named: username), user.active else {
            org.stats.loginFailed()
            return OAuthToken.error("invalid_grant", "user hasn't approved this consumer")
        }
        let session = org.sessions.open(userSlot: slot, username: user.username, method: .jwt, ttl: ttl)
        org.stats.login(.jwt)
        return OAuthToken.tokenResponse(org, session: session, slot: slot, refreshToken: nil, scope: "api")
    }
}
