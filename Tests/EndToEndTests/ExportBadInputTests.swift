import Foundation
import Testing

/// sfexport against bad queries, credentials and connections: a clear message naming the problem,
/// the documented exit code, no crash, and never a file under the output name.
@Suite("sfexport bad input")
struct ExportBadInputTests {
    struct QueryCase: CustomTestStringConvertible, Sendable {
        let name: String
        let arguments: [String]
        let mentions: [String]
        var exit: Int32 = DocumentedExit.salesforceError
        var testDescription: String { name }
    }

    static let queryCases: [QueryCase] = [
        // Caught by the local SOQL parser before anything is sent: a bad option value.
        QueryCase(
            name: "malformed SOQL", arguments: ["--query", "SELEC Id FROM Account"], mentions: ["SELEC"],
            exit: DocumentedExit.usage),
        QueryCase(name: "unknown field", arguments: ["--query", "SELECT Id, Nmae FROM Account"], mentions: ["Nmae"]),
        QueryCase(name: "unknown object in SOQL", arguments: ["--query", "SELECT Id FROM Acount"], mentions: ["Acount"]),
        QueryCase(name: "unknown object", arguments: ["--object", "Acount"], mentions: ["Acount"]),
        QueryCase(
            name: "unknown field in --fields", arguments: ["--object", "Account", "--fields", "Id,Nmae"],
            mentions: ["Nmae"]),
    ]

    @Test("a query the org rejects", arguments: queryCases)
    func rejectedQuery(_ testCase: QueryCase) throws {
        let workspace = try Workspace()
        let output = workspace.path("accounts.csv")
        let result = try workspace.sfexport(testCase.arguments + ["-o", output.path] + workspace.connection())
        #expect(result.failedCleanly, "\(result)")
        #expect(result.status == testCase.exit, "\(result)")
        #expect(result.stderrMentions(testCase.mentions), "\(result)")
        #expect(!FileManager.default.fileExists(atPath: output.path), "a failed export left \(output.lastPathComponent)")
    }

    @Test("a wrong client secret is refused at login and names the client")
    func wrongSecret() throws {
        let workspace = try Workspace()
        let secret = try workspace.secret("not-the-secret\n", named: "wrong-secret")
        let output = workspace.path("accounts.csv")
        let result = try workspace.sfexport(
            ["--query", "SELECT Id FROM Account", "-o", output.path] + workspace.connection(secretFile: secret))
        #expect(result.failedCleanly, "\(result)")
        #expect(result.status == DocumentedExit.authenticationFailed, "\(result)")
        #expect(result.stderrMentions(["sfsim-client"]) || result.stderrMentions(["invalid_client"]), "\(result)")
        #expect(!result.stderr.contains("not-the-secret"), "the secret was printed")
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test("an expired (revoked) access token is refused and never printed")
    func expiredAccessToken() throws {
        let workspace = try Workspace()
        let simulator = try #require(workspace.simulator)
        let token = try OrgQuery.accessToken(simulator)
        _ = try simulator.admin("sessions/revoke", method: "POST")
        let output = workspace.path("accounts.csv")
        let result = try workspace.sfexport(
            ["--query", "SELECT Id FROM Account", "-o", output.path, "--auth", "token", "--instance-url",
             try workspace.instanceURL()],
            environment: ["SF_ACCESS_TOKEN": token])
        #expect(result.failedCleanly, "\(result)")
        #expect(result.status == DocumentedExit.authenticationFailed, "\(result)")
        #expect(result.stderrMentions(["session"]), "\(result)")
        #expect(!result.stderr.contains(token), "the access token was printed")
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test("a wrong password (SOAP login) is refused and names the user")
    func wrongPassword() throws {
        let workspace = try Workspace()
        let password = try workspace.secret("wrong-password\n", named: "password")
        let output = workspace.path("accounts.csv")
        let result = try workspace.sfexport(
            ["--query", "SELECT Id FROM Account", "-o", output.path, "--auth", "soap",
             "--login-url", try workspace.instanceURL(), "--username", "admin@sfsim.test",
             "--password-file", password.path])
        #expect(result.failedCleanly, "\(result)")
        #expect(result.status == DocumentedExit.authenticationFailed, "\(result)")
        #expect(result.stderrMentions(["admin@sfsim.test"]) || result.stderrMentions(["INVALID_LOGIN"]), "\(result)")
        #expect(!result.stderr.contains("wrong-password"), "the password was printed")
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test("a client secret file that does not exist is named")
    func missingSecretFile() throws {
        let workspace = try Workspace()
        let missing = workspace.path("no-such-secret")
        let output = workspace.path("accounts.csv")
        let result = try workspace.sfexport(
            ["--query", "SELECT Id FROM Account", "-o", output.path] + workspace.connection(secretFile: missing))
        #expect(result.failedCleanly, "\(result)")
        #expect(result.stderrMentions(["no-such-secret"]), "\(result)")
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test("an unreachable host (a closed loopback port) fails fast and names the address")
    func unreachableHost() throws {
        let workspace = try Workspace(withSimulator: false)
        let port = try Workspace.closedLoopbackPort()
        let output = workspace.path("accounts.csv")
        let result = try workspace.sfexport(
            ["--query", "SELECT Id FROM Account", "-o", output.path]
                + workspace.connection(instanceURL: "http://127.0.0.1:\(port)"),
            timeout: 120)
        #expect(result.failedCleanly, "\(result)")
        #expect(result.status == DocumentedExit.networkFailure, "\(result)")
        #expect(result.stderrMentions(["127.0.0.1"]), "\(result)")
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test("a TLS certificate the client does not trust is refused (no --cacert)")
    func untrustedCertificate() throws {
        let workspace = try Workspace(tls: true)
        let output = workspace.path("accounts.csv")
        let result = try workspace.sfexport(
            ["--query", "SELECT Id FROM Account", "-o", output.path] + workspace.connection())
        #expect(result.failedCleanly, "\(result)")
        #expect(result.status == DocumentedExit.networkFailure, "\(result)")
        #expect(result.stderrMentions(["certificate"]) || result.stderrMentions(["TLS"]), "\(result)")
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test("an output folder that does not exist is named before anything is fetched")
    func outputFolderMissing() throws {
        let workspace = try Workspace()
        let output = workspace.path("no-such-folder/accounts.csv")
        let result = try workspace.sfexport(["--query", "SELECT Id FROM Account", "-o", output.path] + workspace.connection())
        #expect(result.failedCleanly, "\(result)")
        #expect(result.stderrMentions(["no-such-folder"]), "\(result)")
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }
}
