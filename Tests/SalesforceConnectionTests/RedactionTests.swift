import Testing

@testable import SalesforceConnection

@Suite struct RedactionTests {
    @Test func secretParametersLoseTheirValues() {
        let url = "/services/oauth2/token?grant_type=password&client_secret=abc&password=pw&q=SELECT+Id"
        let redacted = Redaction.redactURL(url)
        #expect(!redacted.contains("abc"))
        #expect(!redacted.contains("=pw"))
        #expect(redacted.contains("q=SELECT+Id"))
        #expect(redacted.contains("grant_type=password"))
    }

    @Test func sessionIDsAreMaskedAnywhere() {
        let text = "token 00D5g000004XyZa!AQ0AQFakeSessionTokenForSimulator.Xyz123 and 00D5g000004XyZaEAK!abc, done"
        let masked = Redaction.maskSessionIDs(text)
        #expect(!masked.contains("AQ0AQFake"))
        #expect(!masked.contains("!abc"))
        #expect(masked.hasSuffix(", done"))
        #expect(Redaction.maskSessionIDs("Hello! world") == "Hello! world")
    }

    @Test func authorizationHeaderIsMasked() {
        #expect(Redaction.redactHeader(name: "Authorization", value: "Bearer x") == Redaction.mask)
        #expect(Redaction.redactHeader(name: "Content-Type", value: "text/csv") == "text/csv")
    }

    @Test func secretNeverPrintsItself() {
        let secret = Secret("hunter2")
        #expect("\(secret)" == Redaction.mask)
        #expect(String(reflecting: secret) == Redaction.mask)
        #expect(!"\(Credentials.soap(username: "u", password: secret, securityToken: nil))".contains("hunter2"))
    }
}
