import ArgumentParser
import Foundation
import SalesforceConnection
import Testing

@testable import CommandSupport

@Suite struct ConnectionOptionsTests {
    private func options(_ arguments: [String]) throws -> ConnectionOptions {
        try ConnectionOptions.parse(arguments)
    }

    @Test func clientCredentialsAreInferredFromIDAndSecret() throws {
        let resolved = try options(["--instance-url", "https://acme.my.salesforce.com", "--client-id", "cid"])
            .resolve(environment: ["SF_CLIENT_SECRET": "s3cret", "HOME": "/nonexistent"])
        #expect(resolved.credentials == .clientCredentials(clientID: "cid", clientSecret: Secret("s3cret")))
        #expect(resolved.settings.scheduler.maxConcurrent == 4)
        #expect(resolved.settings.scheduler.maxAPIUsagePercent == 90)
        #expect(resolved.settings.sessionCache.enabled)
        #expect(resolved.settings.apiVersion == ConnectionSettings.defaultAPIVersion)
    }

    @Test func soapTokenAndJWTAreInferred() throws {
        let soap = try options(["--username", "u@x.test"])
            .resolve(environment: ["SF_PASSWORD": "pw", "SF_SECURITY_TOKEN": "tok"])
        #expect(soap.credentials == .soap(username: "u@x.test", password: Secret("pw"), securityToken: Secret("tok")))
        let token = try options(["--instance-url", "https://acme.my.salesforce.com"])
            .resolve(environment: ["SF_ACCESS_TOKEN": "00Dx!y"])
        #expect(token.credentials.methodName == "token")
        let keyFile = FileManager.default.temporaryDirectory.appendingPathComponent("key-\(UUID().uuidString).pem").path
        try "-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----\n".write(toFile: keyFile, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: keyFile) }
        let jwt = try options(["--client-id", "c", "--username", "u", "--jwt-key-file", keyFile]).resolve(environment: [:])
        #expect(jwt.credentials.methodName == "jwt")
    }

    @Test func missingCredentialsSayWhatToSet() throws {
        let error = try #require(throws: CommandError.self) { try options([]).resolve(environment: [:]) }
        #expect(error.status == .authenticationFailed)
        #expect(error.message.contains("SF_CLIENT_SECRET"))
        let noURL = try #require(throws: CommandError.self) {
            try options(["--auth", "client-credentials", "--client-id", "c"]).resolve(environment: ["SF_CLIENT_SECRET": "s"])
        }
        #expect(noURL.message.contains("--instance-url"))
    }

    @Test func secretFilesAreRead() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("secret-\(UUID().uuidString)").path
        try "from-file\n".write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let resolved = try options([
            "--instance-url", "https://acme.my.salesforce.com", "--client-id", "c", "--client-secret-file", file,
        ]).resolve(environment: ["SF_CLIENT_SECRET": "from-env"])
        #expect(resolved.credentials == .clientCredentials(clientID: "c", clientSecret: Secret("from-file")))
    }

    @Test func limitsAreValidated() {
        #expect(throws: (any Error).self) { try options(["--concurrency", "26"]) }
        #expect(throws: (any Error).self) { try options(["--concurrency", "0"]) }
        #expect(throws: (any Error).self) { try options(["--max-api-usage", "101"]) }
        #expect(throws: (any Error).self) { try options(["--instance-url", "acme.my.salesforce.com"]) }
        #expect(throws: (any Error).self) { try options(["--client-secret", "x"]) }
        #expect(throws: (any Error).self) { try options(["--password", "x"]) }
    }

    @Test func exitStatusesFollowTheErrorClass() {
        #expect(CommandError.status(for: SalesforceError.authentication(code: "X", message: "m", hint: nil)) == .authenticationFailed)
        #expect(CommandError.status(for: SalesforceError.network("down", url: "https://h/")) == .networkFailure)
        #expect(CommandError.status(for: SalesforceError.fromResponse(status: 400, body: [])) == .salesforceError)
        #expect(CommandError.status(for: SalesforceError.io("x")) == .fileError)
        #expect(CommandError.status(for: CancellationError()) == .interrupted)
        #expect(CommandError.status(for: SalesforceError.configuration("x")) == .usage)
        #expect(ExitStatus.usage.rawValue == 64 && ExitStatus.rowsRejected.rawValue == 1)
        #expect(Set(ExitStatus.allCases.map(\.rawValue)).count == ExitStatus.allCases.count)
    }

    @Test func messagesMaskSessionIDs() {
        let message = CommandError.message(for: CommandError("bad 00D5g00000SfSim!abcdef token", status: .usage))
        #expect(!message.contains("abcdef"))
    }
}
