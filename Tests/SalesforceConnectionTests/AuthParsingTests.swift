import Foundation
import RSASigning
import Testing

@testable import SalesforceConnection

@Suite struct AuthParsingTests {
    @Test func soapLoginResponseGivesASession() throws {
        let session = try SOAPLogin.parse(
            status: 200, body: try FixtureFile.bytes("login-response.xml"), username: "integration@acme.example")
        #expect(session.accessToken.revealed == "00D5g000004XyZa!AQ0AQFakeSessionTokenForSimulator.Xyz123")
        #expect(session.instanceURL == "https://acme-dev-ed.my.salesforce.com")
        #expect(session.userID == "0055g00000AbCdEAAV")
        #expect(session.organizationID == "00D5g000004XyZaEAK")
        #expect(session.method == "soap")
    }

    @Test func soapFaultIsATypedAuthenticationError() throws {
        do {
            _ = try SOAPLogin.parse(status: 500, body: try FixtureFile.bytes("login-fault.xml"), username: "u")
            Issue.record("a fault must throw")
        } catch let error as SalesforceError {
            #expect(error.category == .authentication)
            #expect(error.errorCode == "INVALID_LOGIN")
            #expect(error.description.contains("SF_SECURITY_TOKEN"))
        }
    }

    @Test func disabledSOAPLoginSaysWhatToDo() {
        let error = SOAPLogin.fault(
            code: "INVALID_OPERATION", message: "SOAP API login() is disabled by default in this org.", status: 500)
        #expect(error.errorCode == "SOAP_LOGIN_DISABLED")
        #expect(error.description.contains("client-credentials"))
    }

    @Test func soapEnvelopeEscapesAndConcatenates() {
        let bytes = SOAPLogin.envelope(username: "a&b@x.test", password: Secret("p<w"), securityToken: Secret("TOK"))
        let xml = String(decoding: bytes, as: UTF8.self)
        #expect(xml.contains("<n1:username>a&amp;b@x.test</n1:username>"))
        #expect(xml.contains("<n1:password>p&lt;wTOK</n1:password>"))
        #expect(XMLText.firstElement("password", in: xml) == "p<wTOK")
    }

    @Test func tokenResponseGivesASession() throws {
        let session = try OAuthToken.parse(
            status: 200, body: try FixtureFile.bytes("token-response.json"), method: "client-credentials", username: nil)
        #expect(session.instanceURL == "https://acme-dev-ed.my.salesforce.com")
        #expect(session.organizationID == "00D5g000004XyZaEAK")
        #expect(session.userID == "0055g00000AbCdEAAV")
        #expect(session.issuedAt == Date(timeIntervalSince1970: 1_718_035_200.123))
    }

    @Test(arguments: [
        ("invalid_client_id", "client identifier invalid", "--client-id"),
        ("invalid_client", "invalid client credentials", "SF_CLIENT_SECRET"),
        ("invalid_grant", "request not supported on this domain", "My Domain"),
        ("invalid_grant", "no client credentials user enabled", "Run As"),
        ("invalid_grant", "Audience validation failed", "test.salesforce.com"),
    ])
    func tokenErrorsSayWhatToDo(code: String, description: String, advice: String) throws {
        let body = Array("{\"error\":\"\(code)\",\"error_description\":\"\(description)\"}".utf8)
        do {
            _ = try OAuthToken.parse(status: 400, body: body, method: "client-credentials", username: nil)
            Issue.record("an OAuth error must throw")
        } catch let error as SalesforceError {
            #expect(error.category == .authentication)
            #expect(error.errorCode == code)
            #expect(error.description.contains(advice))
        }
    }

    @Test func jwtAssertionVerifiesWithThePublicKey() throws {
        let key = try RSAPrivateKey.generate(bits: 2048)
        let pem = try key.pemRepresentation()
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        let jwt = try JWTAssertion.make(
            clientID: "client", username: "user@x.test", audience: "https://login.salesforce.com",
            privateKeyPEM: Secret(pem), now: now)
        let parts = jwt.split(separator: ".")
        #expect(parts.count == 3)
        let header = Base64URL.decode(parts[0]).map { String(decoding: $0, as: UTF8.self) }
        #expect(header == "{\"alg\":\"RS256\"}")
        let claims = try #require(Base64URL.decode(parts[1])).map { $0 }
        let object = try JSONSerialization.jsonObject(with: Data(claims)) as? [String: Any]
        #expect(object?["iss"] as? String == "client")
        #expect(object?["sub"] as? String == "user@x.test")
        #expect(object?["aud"] as? String == "https://login.salesforce.com")
        #expect(object?["exp"] as? Int == 1_700_000_180)
        let signature = try #require(Base64URL.decode(parts[2]))
        let verified = try key.publicKey().verify(signature: signature, message: Array("\(parts[0]).\(parts[1])".utf8))
        #expect(verified)
    }

    @Test func jwtAudienceFollowsTheLoginHost() {
        #expect(Authenticator.audience(for: "https://login.salesforce.com") == "https://login.salesforce.com")
        #expect(Authenticator.audience(for: "https://test.salesforce.com/") == "https://test.salesforce.com")
        #expect(Authenticator.audience(for: "https://acme--uat.sandbox.my.salesforce.com") == "https://test.salesforce.com")
        #expect(Authenticator.audience(for: "http://127.0.0.1:8080") == "http://127.0.0.1:8080")
    }

    @Test func clientCredentialsRefuseGenericLoginHosts() {
        let settings = ConnectionSettings(loginURL: "https://login.salesforce.com")
        let authenticator = Authenticator(
            credentials: .clientCredentials(clientID: "id", clientSecret: Secret("s")), settings: settings)
        #expect(throws: SalesforceError.self) { try authenticator.validate() }
    }
}
