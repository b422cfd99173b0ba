import Synchronization
import Foundation
import RecordFiles
import SalesforceConnection
import SimulatorFixture
import Testing

/// Every login method against a real sfsim: success, and a clear error on bad credentials.
@Suite struct AuthenticationIntegrationTests {
    @Test func clientCredentialsLogInAndServeData() async throws {
        let sim = try Sim.start(["--generate", "Account=30"])
        let client = try SalesforceClient(settings: Sim.settings(sim), credentials: Sim.clientCredentials)
        let versions = try await client.versions()
        #expect(versions.contains { $0.version == ConnectionSettings.defaultAPIVersion })
        let limits = try await client.limits()
        #expect((limits.dailyAPIRequests?.max ?? 0) > 0)
        let global = try await client.describeGlobal()
        #expect(global.object(named: "Account") != nil)
        let account = try await client.describe("Account")
        #expect(account.field(named: "Name")?.type == .string)
        #expect(try await client.count("SELECT COUNT() FROM Account") == 30)
        #expect(try Sim.logins(sim, "client_credentials") == 1)
    }

    @Test func soapLoginWorksAndAnnouncesItsRetirement() async throws {
        let sim = try Sim.start()
        let notices = NoticeBox()
        var settings = Sim.settings(sim)
        settings.noticeHandler = { notices.add($0) }
        let client = try SalesforceClient(settings: settings, credentials: Sim.soap)
        let session = try await client.session()
        #expect(session.method == "soap")
        #expect(session.instanceURL == sim.baseURL.absoluteString.trimmingCharacters(in: CharacterSet(charactersIn: "/")))
        _ = try await client.limits()
        #expect(try Sim.logins(sim, "soap") == 1)
        #expect(notices.all.count == 1)
        #expect(notices.all.first?.contains("client-credentials") == true)
    }

    @Test func accessTokenIsUsedAsIs() async throws {
        let sim = try Sim.start()
        let first = try SalesforceClient(settings: Sim.settings(sim), credentials: Sim.clientCredentials)
        let token = try await first.session().accessToken
        let client = try SalesforceClient(settings: Sim.settings(sim), credentials: .accessToken(token))
        _ = try await client.limits()
        #expect(try Sim.totalLogins(sim) == 1)
    }

    @Test func wrongClientSecretFailsClearly() async throws {
        let sim = try Sim.start()
        let client = try SalesforceClient(
            settings: Sim.settings(sim),
            credentials: .clientCredentials(clientID: Sim.Defaults.clientID, clientSecret: Secret("wrong-secret")))
        let error = try await #require(throws: SalesforceError.self) { try await client.limits() }
        #expect(error.category == .authentication)
        #expect(!error.description.contains("wrong-secret"))
        #expect(error.hint != nil)
    }

    @Test func wrongPasswordFailsWithInvalidLogin() async throws {
        let sim = try Sim.start()
        let client = try SalesforceClient(
            settings: Sim.settings(sim),
            credentials: .soap(username: Sim.Defaults.username, password: Secret("nope"), securityToken: nil))
        let error = try await #require(throws: SalesforceError.self) { try await client.limits() }
        #expect(error.category == .authentication)
        #expect(error.errorCode == "INVALID_LOGIN")
        #expect(error.description.contains("SF_SECURITY_TOKEN"))
    }

    @Test func disabledSOAPLoginSaysToUseClientCredentials() async throws {
        let sim = try Sim.start(["--no-soap-login"])
        let client = try SalesforceClient(settings: Sim.settings(sim), credentials: Sim.soap)
        let error = try await #require(throws: SalesforceError.self) { try await client.limits() }
        #expect(error.category == .authentication)
        #expect(error.description.contains("client-credentials"))
    }

    @Test func rejectedAccessTokenFailsClearly() async throws {
        let sim = try Sim.start()
        let client = try SalesforceClient(
            settings: Sim.settings(sim), credentials: .accessToken(Secret("00D5g00000SfSim!not-a-session")))
        let error = try await #require(throws: SalesforceError.self) { try await client.limits() }
        #expect(error.category == .authentication)
        #expect(error.description.contains("SF_ACCESS_TOKEN"))
        #expect(!error.description.contains("not-a-session"))
    }

    @Test func jwtBearerOverVerifiedTLS() async throws {
        let tls = Sim.cacheDirectory()
        defer { try? FileManager.default.removeItem(atPath: tls) }
        let sim = try Sim.start(["--tls-self-signed", tls])
        #expect(sim.baseURL.scheme == "https")
        var settings = Sim.settings(sim)
        settings.transport.caBundlePath = tls + "/ca.pem"
        let key = try String(contentsOfFile: tls + "/jwt-private-key.pem", encoding: .utf8)
        let client = try SalesforceClient(
            settings: settings,
            credentials: .jwt(
                clientID: Sim.Defaults.clientID, username: Sim.Defaults.username, privateKeyPEM: Secret(key),
                audience: nil))
        _ = try await client.limits()
        // (The fixture's admin calls do not trust the generated CA, so the client's own count is checked.)
        #expect(await client.loginCount() == 1)
        #expect(try await client.session().method == "jwt")

        // A different key is refused.
        let otherKey = try RSAKeyFixture.pem()
        let stranger = try SalesforceClient(
            settings: settings,
            credentials: .jwt(
                clientID: Sim.Defaults.clientID, username: Sim.Defaults.username, privateKeyPEM: Secret(otherKey),
                audience: nil))
        let error = try await #require(throws: SalesforceError.self) { try await stranger.limits() }
        #expect(error.category == .authentication)
    }

    @Test func untrustedCertificateIsANetworkErrorThatNamesCacert() async throws {
        let tls = Sim.cacheDirectory()
        defer { try? FileManager.default.removeItem(atPath: tls) }
        let sim = try Sim.start(["--tls-self-signed", tls])
        let client = try SalesforceClient(settings: Sim.settings(sim), credentials: Sim.clientCredentials)
        let error = try await #require(throws: SalesforceError.self) { try await client.limits() }
        #expect(error.category == .network)
        #expect(error.description.contains("--cacert"))
    }
}

/// Collects notices from the client.
final class NoticeBox: Sendable {
    private let lines = Mutex<[String]>([])
    func add(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}
