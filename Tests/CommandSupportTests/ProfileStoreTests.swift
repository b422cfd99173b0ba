import Foundation
import SalesforceConnection
import Testing

@testable import CommandSupport

@Suite struct ProfileStoreTests {
    private func write(_ yaml: String, mode: Int) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("profiles-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/orgs.yaml"
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, mode_t(mode))
        return path
    }

    @Test func envNamedSecretsAndAllowedOperations() throws {
        let path = try write(
            """
            orgs:
              prod:
                instanceUrl: https://acme.my.salesforce.com
                clientId: cid
                clientSecretEnv: ACME_SECRET
                concurrency: 8
                allowedOperations: [query, insert, update, upsert]
            """, mode: 0o644)
        let options = try ConnectionOptions.parse(["--org", "prod"])
        let resolved = try options.resolve(environment: ["SFBATCH_CONFIG": path, "ACME_SECRET": "from-env"])
        #expect(resolved.credentials == .clientCredentials(clientID: "cid", clientSecret: Secret("from-env")))
        #expect(resolved.settings.instanceURL == "https://acme.my.salesforce.com")
        #expect(resolved.settings.scheduler.maxConcurrent == 8)
        #expect(resolved.orgLabel == "prod")
        try options.checkAllowed("upsert", resolved: resolved)
        let refused = try #require(throws: CommandError.self) { try options.checkAllowed("delete", resolved: resolved) }
        #expect(refused.message.contains("does not allow delete"))
        // The secret variable must be set.
        #expect(throws: CommandError.self) { try options.resolve(environment: ["SFBATCH_CONFIG": path]) }
    }

    @Test func plaintextSecretInASharedFileIsRefused() throws {
        let yaml = """
            orgs:
              dev:
                instanceUrl: https://dev.my.salesforce.com
                clientId: cid
                clientSecret: plain-text-secret
            """
        let shared = try write(yaml, mode: 0o644)
        let options = try ConnectionOptions.parse(["--org", "dev"])
        let error = try #require(throws: CommandError.self) { try options.resolve(environment: ["SFBATCH_CONFIG": shared]) }
        #expect(error.message.contains("chmod 600"))
        #expect(!error.message.contains("plain-text-secret"))

        let owned = try write(yaml, mode: 0o600)
        let resolved = try options.resolve(environment: ["SFBATCH_CONFIG": owned])
        #expect(resolved.credentials == .clientCredentials(clientID: "cid", clientSecret: Secret("plain-text-secret")))
    }

    @Test func unknownOrgsAndKeysAreNamed() throws {
        let path = try write("orgs:\n  a:\n    instanceUrl: https://a.my.salesforce.com\n    colour: blue\n", mode: 0o600)
        let error = try #require(throws: CommandError.self) { try ProfileStore(path: path) }
        #expect(error.message.contains("colour"))
        let good = try write("orgs:\n  a:\n    instanceUrl: https://a.my.salesforce.com\n", mode: 0o600)
        let missing = try #require(throws: CommandError.self) { try ProfileStore(path: good).profile(named: "b") }
        #expect(missing.message.contains("known: a"))
    }

    @Test func defaultPathHonoursOverrides() {
        #expect(ProfileStore.defaultPath(environment: ["SFBATCH_CONFIG": "/x/o.yaml"]) == "/x/o.yaml")
        #expect(ProfileStore.defaultPath(environment: ["XDG_CONFIG_HOME": "/c", "HOME": "/h"]) == "/c/sfbatch/orgs.yaml")
        #expect(ProfileStore.defaultPath(environment: ["HOME": "/h"]) == "/h/.config/sfbatch/orgs.yaml")
    }
}
