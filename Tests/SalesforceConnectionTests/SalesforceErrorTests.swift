import Testing
import HTTPTransport

@testable import SalesforceConnection

@Suite struct SalesforceErrorTests {
    @Test func invalidFieldPrintsTheSentenceThatMatters() throws {
        let error = SalesforceError.fromResponse(status: 400, body: try FixtureFile.bytes("error-invalid-field.json"))
        #expect(error.status == 400)
        #expect(error.errorCode == "INVALID_FIELD")
        #expect(error.category == .api)
        #expect(error.message.contains("ERROR at Row:1:Column:12"))
        #expect(error.description == "INVALID_FIELD: No such column 'Nme' on entity 'Account'")
    }

    @Test func requiredFieldKeepsFields() throws {
        let error = SalesforceError.fromResponse(status: 400, body: try FixtureFile.bytes("error-required-field.json"))
        #expect(error.errorCode == "REQUIRED_FIELD_MISSING")
        #expect(error.fields == ["LastName"])
        #expect(error.description == "REQUIRED_FIELD_MISSING: Required fields are missing: [LastName]")
    }

    @Test func severalErrorsAreAllPrinted() {
        let body = Array(
            #"[{"message":"a","errorCode":"X"},{"message":"b","errorCode":"UNABLE_TO_LOCK_ROW"}]"#.utf8)
        let error = SalesforceError.fromResponse(status: 400, body: body)
        #expect(error.description == "X: a; UNABLE_TO_LOCK_ROW: b")
        #expect(error.isRowLock)
    }

    @Test func dailyLimitIsALimitWithAHint() {
        let body = Array(#"[{"message":"TotalRequests Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}]"#.utf8)
        let error = SalesforceError.fromResponse(status: 403, body: body)
        #expect(error.category == .limit)
        #expect(error.description.contains("daily API allocation"))
    }

    @Test func nonJSONBodiesNameTheStatus() {
        let error = SalesforceError.fromResponse(status: 502, body: Array("<html>Bad gateway</html>".utf8))
        #expect(error.errorCode == "HTTP_502")
        #expect(error.message.contains("Bad gateway"))
    }

    @Test func refusedConnectionWithoutAProxyDoesNotBlameOne() {
        let transport = HTTPTransportError(
            kind: .connectFailed, host: "127.0.0.1", detail: "Failed to connect to 127.0.0.1 port 1: Connection refused",
            mayHaveReachedServer: false)
        let error = SalesforceError.network(transport, url: "http://127.0.0.1:1/services/oauth2/token")
        #expect(!error.description.lowercased().contains("proxy"))
        #expect(error.hint?.contains("refused the connection or is unreachable") == true)
        let proxied = HTTPTransportError(
            kind: .connectFailed, host: "127.0.0.1", mayHaveReachedServer: false, viaProxy: true)
        #expect(SalesforceError.network(proxied, url: "http://127.0.0.1:1/").hint?.contains("proxy") == true)
    }

    @Test func networkErrorsDropQueryStringsAndTokens() {
        let error = SalesforceError.network(
            "connection reset", url: "https://x.my.salesforce.com/services/oauth2/token?access_token=00D5g000004XyZa!AQ0secret")
        #expect(!error.description.contains("AQ0secret"))
        #expect(error.category == .network)
    }
}
