import Foundation
import RSASigning
import Testing

@testable import HTTPTransport

@Suite struct HTTPTransportErrorTests {
    /// A loopback port with nothing listening: bind, read the port, close.
    static func closedPort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                bind(descriptor, raw, length) == 0 && getsockname(descriptor, raw, &length) == 0
            }
        }
        guard bound else { throw LoopbackServer.Failure(description: "could not bind a loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    @Test func connectionRefusedNamesTheHostAndDidNotReachTheServer() async throws {
        let port = try Self.closedPort()
        let client = try loopbackClient()
        let error = await #expect(throws: HTTPTransportError.self) {
            try await client.send(HTTPRequest(method: "POST", url: "http://127.0.0.1:\(port)/x", body: .bytes([1])))
        }
        #expect(error?.kind == .connectFailed)
        #expect(error?.mayHaveReachedServer == false)
        #expect(error?.host == "127.0.0.1")
        #expect(error?.description.contains("could not connect to '127.0.0.1'") == true)
    }

    @Test func connectionRefusedWithoutAProxyDoesNotMentionOne() async throws {
        let port = try Self.closedPort()
        let client = try loopbackClient()
        let error = await #expect(throws: HTTPTransportError.self) {
            try await client.send(HTTPRequest(method: "GET", url: "http://127.0.0.1:\(port)/x"))
        }
        #expect(error?.kind == .connectFailed)
        #expect(error?.viaProxy == false)
        #expect(error?.description.lowercased().contains("proxy") == false)
        #expect(error?.description.contains("refused the connection or is unreachable") == true)
    }

    @Test func unreachableProxyIsNamedAsTheProxy() async throws {
        let port = try Self.closedPort()
        let client = try loopbackClient { $0.proxy = "http://127.0.0.1:\(port)" }
        let error = await #expect(throws: HTTPTransportError.self) {
            try await client.send(HTTPRequest(method: "GET", url: "http://127.0.0.1:9/x"))
        }
        #expect(error?.viaProxy == true)
        #expect(error?.description.contains("proxy") == true)
    }

    @Test func proxySelectionFollowsExplicitSettingEnvironmentAndNoProxy() {
        var configuration = TransportConfiguration()
        configuration.proxy = ""
        #expect(ProxySelection.proxy(for: "https://h.example/", configuration: configuration,
            environment: ["HTTPS_PROXY": "http://p:3128"]) == nil)
        configuration.proxy = nil
        #expect(ProxySelection.proxy(for: "https://h.example/", configuration: configuration, environment: [:]) == nil)
        #expect(ProxySelection.proxy(for: "https://h.example/", configuration: configuration,
            environment: ["HTTPS_PROXY": "http://p:3128"]) == "http://p:3128")
        // libcurl reads only the lowercase http_proxy for http URLs.
        #expect(ProxySelection.proxy(for: "http://h.example/", configuration: configuration,
            environment: ["HTTP_PROXY": "http://p:3128"]) == nil)
        #expect(ProxySelection.proxy(for: "https://a.h.example/", configuration: configuration,
            environment: ["HTTPS_PROXY": "http://p:3128", "NO_PROXY": "localhost,.h.example"]) == nil)
        configuration.proxy = "http://q:8080"
        #expect(ProxySelection.proxy(for: "http://127.0.0.1:9/", configuration: configuration, environment: [:])
            == "http://q:8080")
    }

    @Test func serverClosingWithoutAnswerMayHaveReachedIt() async throws {
        let server = try HTTPClientTests.sharedServer.get()
        let client = try loopbackClient()
        let error = await #expect(throws: HTTPTransportError.self) {
            try await client.send(HTTPRequest(method: "GET", url: server.url("/drop")))
        }
        #expect(error?.kind == .recvFailed)
        #expect(error?.mayHaveReachedServer == true)
    }

    @Test func stalledResponseTimesOut() async throws {
        let server = try HTTPClientTests.sharedServer.get()
        let client = try loopbackClient()
        let error = await #expect(throws: HTTPTransportError.self) {
            try await client.send(HTTPRequest(method: "GET", url: server.url("/stall"), timeout: .milliseconds(500)))
        }
        #expect(error?.kind == .timeout)
        #expect(error?.mayHaveReachedServer == true)
        #expect(error?.description.contains("timed out") == true)
    }

    @Test func cancellingTheTaskAbortsAStalledBody() async throws {
        let server = try HTTPClientTests.sharedServer.get()
        let client = try loopbackClient()
        // The head arriving proves the request is in flight; the body then never completes by itself.
        let response = try await client.start(HTTPRequest(method: "GET", url: server.url("/stall")))
        #expect(response.status == 200)
        let started = ContinuousClock.now
        let task = Task { try await response.collect() }
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(ContinuousClock.now - started < .seconds(10))
        // The client still serves other requests.
        let next = try await client.send(HTTPRequest(method: "GET", url: server.url("/hello")))
        #expect(next.bodyText == "hello")
    }

    @Test func tlsToAPlainHTTPPortFails() async throws {
        let server = try HTTPClientTests.sharedServer.get()
        let client = try loopbackClient()
        let error = await #expect(throws: HTTPTransportError.self) {
            try await client.send(HTTPRequest(method: "GET", url: "https://127.0.0.1:\(server.port)/hello"))
        }
        #expect(error?.kind == .tlsFailure)
        #expect(error?.mayHaveReachedServer == false)
    }

    @Test func selfSignedCertificateIsRejectedByDefaultAndAcceptedWithCABundle() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (certificate, key) = try SelfSignedCertificate.generate(commonName: "localhost")
        let certificatePath = folder.appendingPathComponent("cert.pem").path
        let keyPath = folder.appendingPathComponent("key.pem").path
        try Data(certificate.utf8).write(to: URL(fileURLWithPath: certificatePath))
        try Data(key.utf8).write(to: URL(fileURLWithPath: keyPath))
        let server = try LoopbackServer(tls: (certificatePath, keyPath))

        let strict = try loopbackClient()
        let error = await #expect(throws: HTTPTransportError.self) {
            try await strict.send(HTTPRequest(method: "GET", url: server.url(host: "localhost", "/hello")))
        }
        #expect(error?.kind == .tlsFailure)
        #expect(error?.description.contains("--cacert") == true)

        let trusting = try loopbackClient { $0.caBundlePath = certificatePath }
        let response = try await trusting.send(HTTPRequest(method: "GET", url: server.url(host: "localhost", "/hello")))
        #expect(response.bodyText == "hello")
        let byIP = try await trusting.send(HTTPRequest(method: "GET", url: server.url("/hello")))
        #expect(byIP.status == 200)
    }

    @Test func proxyRefusingTheTunnelIsAProxyFailure() async throws {
        let server = try HTTPClientTests.sharedServer.get()
        // The loopback server answers CONNECT with 501, like a proxy that refuses the tunnel.
        let client = try loopbackClient { $0.proxy = "http://127.0.0.1:\(server.port)" }
        let error = await #expect(throws: HTTPTransportError.self) {
            try await client.send(HTTPRequest(method: "POST", url: "https://127.0.0.1:9/x", body: .bytes([1])))
        }
        #expect(error?.kind == .proxyFailure)
        #expect(error?.mayHaveReachedServer == false)
        #expect(error?.description.contains("HTTPS_PROXY") == true)
    }

    @Test func unsupportedSchemeIsRefusedBeforeAnythingIsSent() async throws {
        let client = try loopbackClient()
        let error = await #expect(throws: HTTPTransportError.self) {
            try await client.send(HTTPRequest(method: "GET", url: "ftp://127.0.0.1/file"))
        }
        #expect(error?.kind == .invalidRequest)
    }

    @Test(arguments: [
        ("https://user:secret@acme.my.salesforce.com:443/services?q=1", "acme.my.salesforce.com"),
        ("http://[::1]:8080/x", "::1"), ("https://login.salesforce.com", "login.salesforce.com"),
    ])
    func hostNeverIncludesUserInfoOrPath(url: String, host: String) {
        #expect(URLParts.host(of: url) == host)
    }
}
