import Foundation
import RSASigning
import RecordFiles

/// The JWT bearer assertion: `{"alg":"RS256"}` header, `iss`/`sub`/`aud`/`exp` claims, RS256 signature.
enum JWTAssertion {
    /// How far ahead `exp` lies; Salesforce accepts up to a few minutes.
    static let lifetime: TimeInterval = 180

    /// The claims JSON, keys in a fixed order.
    static func claims(clientID: String, username: String, audience: String, now: Date) -> [UInt8] {
        let exp = Int(now.timeIntervalSince1970 + lifetime)
        let json = "{\"iss\":\(jsonString(clientID)),\"sub\":\(jsonString(username)),"
            + "\"aud\":\(jsonString(audience)),\"exp\":\(exp)}"
        return Array(json.utf8)
    }

    /// The compact JWS `header.claims.signature`.
    static func make(clientID: String, username: String, audience: String, privateKeyPEM: Secret, now: Date = Date())
        throws -> String
    {
        let key: RSAPrivateKey
        do {
            key = try RSAPrivateKey(pem: privateKeyPEM.revealed)
        } catch {
            throw SalesforceError.authentication(
                code: "INVALID_JWT_KEY", message: "the JWT private key could not be read",
                hint: "--jwt-key-file must be the connected app's RSA private key in PEM form")
        }
        let signingInput =
            Base64URL.encode(Array("{\"alg\":\"RS256\"}".utf8)) + "."
            + Base64URL.encode(claims(clientID: clientID, username: username, audience: audience, now: now))
        let signature: [UInt8]
        do {
            signature = try key.sign(Array(signingInput.utf8))
        } catch {
            throw SalesforceError.authentication(
                code: "JWT_SIGNING_FAILED", message: "signing the JWT assertion failed",
                hint: "--jwt-key-file must be an RSA private key (PEM)")
        }
        return signingInput + "." + Base64URL.encode(signature)
    }

    /// A JSON string literal (RecordFiles' serializer does the escaping).
    static func jsonString(_ text: String) -> String {
        String(decoding: JSONValue.string(text).serialized(), as: UTF8.self)
    }
}
