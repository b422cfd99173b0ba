import Foundation
import SalesforceConnection
import SimulatorFixture
import Synchronization
import Testing

@testable import CommandSupport

/// `--verbose` output, notices, the audit log and error messages never contain a secret, for every login method.
@Suite struct SecretLeakTests {
    @Test func verboseOutputAndAuditLogHoldNoSecret() async throws {
        let sim = try SimulatorProcess(arguments: ["--seed-data", "none"])
        let url = sim.baseURL.absoluteString
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("leak-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: work) }
        let audit = work + "/audit.jsonl"
        let lines = Mutex<[String]>([])
        let log: @Sendable (String) -> Void = { line in lines.withLock { $0.append(line) } }
        let environment = [
            "SF_CLIENT_SECRET": SimulatorProcess.Defaults.clientSecret, "SF_PASSWORD": SimulatorProcess.Defaults.password,
            "SF_SECURITY_TOKEN": SimulatorProcess.Defaults.securityToken, "XDG_CACHE_HOME": work + "/cache",
        ]
        var tokens: [String] = []
        for arguments in [
            ["--auth", "client-credentials", "--client-id", SimulatorProcess.Defaults.clientID],
            ["--auth", "soap", "--username", SimulatorProcess.Defaults.username, "--login-url", url],
        ] {
            let options = try ConnectionOptions.parse(
                arguments + ["--instance-url", url, "--verbose", "--audit-log", audit])
            let resolved = try options.resolve(environment: environment, log: log)
            let client = try options.makeClient(resolved)
            _ = try await client.describe("Account")
            var rows = 0
            for try await page in client.query("SELECT Id, Name FROM Account WHERE Name = 'x'") { rows += page.records.count }
            try resolved.audit("query", object: "Account", records: rows, outcome: "success")
            tokens.append(try await client.session().accessToken.revealed)
            // Force a renewal so the login exchange shows in the log too.
            _ = try sim.admin("sessions/revoke", method: "POST")
            _ = try await client.limits()
            tokens.append(try await client.session().accessToken.revealed)
            let failure = await #expect(throws: SalesforceError.self) {
                _ = try await client.count("SELECT Nmae FROM Account")
            }
            try resolved.audit("query", object: "Account", records: 0, outcome: "failed", detail: failure.map { "\($0)" })
        }
        let verbose = lines.withLock { $0.joined() }
        let auditText = try String(contentsOfFile: audit, encoding: .utf8)
        #expect(verbose.contains("GET /services/data/v"))
        #expect(verbose.contains("POST /services/oauth2/token 200"))
        #expect(verbose.contains("POST /services/Soap/u/64.0 200"))
        #expect(auditText.split(separator: "\n").count == 4)
        let secrets = [
            SimulatorProcess.Defaults.clientSecret, SimulatorProcess.Defaults.password,
            SimulatorProcess.Defaults.securityToken,
        ] + tokens + tokens.map { String($0.split(separator: "!").last ?? "") }
        for secret in secrets where !secret.isEmpty {
            #expect(!verbose.contains(secret), "verbose output leaks a secret")
            #expect(!auditText.contains(secret), "the audit log leaks a secret")
        }
    }

    @Test func doctorPassesAndNamesTheFailingCheck() async throws {
        let sim = try SimulatorProcess(arguments: ["--seed-data", "none"])
        let url = sim.baseURL.absoluteString
        let good = try ConnectionOptions.parse(["--instance-url", url, "--client-id", SimulatorProcess.Defaults.clientID])
        let results = await ConnectionDoctor(options: good, environment: ["SF_CLIENT_SECRET": SimulatorProcess.Defaults.clientSecret]).run()
        #expect(results.map(\.name) == ["configuration", "name resolution", "proxy", "TLS", "login", "API usage"])
        #expect(results.allSatisfy { $0.status == .passed }, "\(results.map(\.line))")
        #expect(ConnectionDoctor.exitStatus(of: results) == .success)

        let bad = await ConnectionDoctor(options: good, environment: ["SF_CLIENT_SECRET": "wrong"]).run()
        let login = try #require(bad.first { $0.name == "login" })
        #expect(login.status == .failed)
        #expect(login.advice != nil)
        #expect(!login.line.contains("wrong"))
        #expect(ConnectionDoctor.exitStatus(of: bad) == .authenticationFailed)

        let nowhere = try ConnectionOptions.parse([
            "--instance-url", "https://no-such-host.invalid", "--client-id", "c",
        ])
        let unresolved = await ConnectionDoctor(options: nowhere, environment: ["SF_CLIENT_SECRET": "s"]).run()
        #expect(unresolved.last?.name == "name resolution" && unresolved.last?.status == .failed)
        #expect(ConnectionDoctor.exitStatus(of: unresolved) == .networkFailure)
    }
}
