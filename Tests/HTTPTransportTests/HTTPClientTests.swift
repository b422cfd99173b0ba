import Foundation
import Synchronization
import Testing

@testable import HTTPTransport

/// A client that ignores any proxy in the test environment: every request here is loopback.
func loopbackClient(_ adjust: (inout TransportConfiguration) -> Void = { _ in }) throws -> HTTPClient {
    var configuration = TransportConfiguration()
    configuration.proxy = ""
    adjust(&configuration)
    return try HTTPClient(configuration: configuration)
}

@Suite struct HTTPClientTests {
    /// One server for the whole suite (Swift Testing makes a suite instance per test).
    static let sharedServer = Result(catching: { try LoopbackServer() })
    let server: LoopbackServer

    init() throws { server = try Self.sharedServer.get() }

    @Test func getReturnsStatusHeadersAndBody() async throws {
        let client = try loopbackClient()
        let response = try await client.send(HTTPRequest(method: "GET", url: server.url("/hello")))
        #expect(response.status == 200)
        #expect(response.bodyText == "hello")
        #expect(response.headers["content-length"] == "5")
        #expect(response.headers["CONTENT-LENGTH"] == "5")
        #expect(response.headers.values(for: "X-Multi") == ["a", "b"])
    }

    @Test func errorStatusesAreResponsesNotErrors() async throws {
        let client = try loopbackClient()
        let response = try await client.send(HTTPRequest(method: "GET", url: server.url("/status?code=503")))
        #expect(response.status == 503)
        #expect(response.headers["Retry-After"] == "7")
        #expect(response.bodyText.contains("as asked"))
    }

    @Test func sendsUserAgentAndAcceptEncodingAndMethod() async throws {
        let client = try loopbackClient()
        let response = try await client.send(
            HTTPRequest(
                method: "PATCH", url: server.url("/echo"), headers: [("X-Custom", "1")], body: .bytes([1, 2, 3])))
        #expect(response.headers["X-Method"] == "PATCH")
        #expect(response.body == [1, 2, 3])
        let seen = try #require(response.headers["X-Seen"])
        #expect(seen.contains("\"user-agent\": \"sfbatch/"))
        #expect(seen.contains("\"accept-encoding\": \"gzip\""))
        #expect(seen.contains("\"x-custom\": \"1\""))
        #expect(seen.contains("\"content-length\": \"3\""))
        #expect(!seen.contains("expect"))
    }

    @Test func emptyPostSendsContentLengthZeroAndDeleteHasNoBody() async throws {
        let client = try loopbackClient()
        let post = try await client.send(HTTPRequest(method: "POST", url: server.url("/echo")))
        #expect(post.headers["X-Seen"]?.contains("\"content-length\": \"0\"") == true)
        let delete = try await client.send(HTTPRequest(method: "DELETE", url: server.url("/echo")))
        #expect(delete.headers["X-Method"] == "DELETE")
        #expect(delete.body.isEmpty)
    }

    @Test func compressBodyGzipsBytesOnTheWay() async throws {
        let client = try loopbackClient()
        let csv = Array(String(repeating: "Name,Email\nAcme,info@acme.test\n", count: 2000).utf8)
        let response = try await client.send(
            HTTPRequest(method: "PUT", url: server.url("/echo"), body: .bytes(csv), compressBody: true))
        #expect(response.headers["X-Decoded"] == "gzip")
        #expect(response.body == csv)
        let sent = Int(response.headers["X-Received-Length"] ?? "") ?? .max
        #expect(sent < csv.count / 10)
    }

    @Test func compressBodyLeavesAlreadyGzippedBytesAlone() async throws {
        let client = try loopbackClient()
        // gzip of the empty input.
        let gzipped: [UInt8] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0]
        let response = try await client.send(
            HTTPRequest(method: "PUT", url: server.url("/echo"), body: .bytes(gzipped), compressBody: true))
        #expect(response.headers["X-Decoded"] == "gzip")
        #expect(response.headers["X-Received-Length"] == "20")
        #expect(response.body.isEmpty)
    }

    @Test func compressBodyGzipsAFile() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("upload-\(UUID().uuidString).csv").path
        let content = Array(String(repeating: "Id,Name\n001,Row\n", count: 100_000).utf8)
        _ = FileManager.default.createFile(atPath: path, contents: Data(content))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let client = try loopbackClient()
        let response = try await client.send(
            HTTPRequest(method: "PUT", url: server.url("/echo"), body: .file(path), compressBody: true))
        #expect(response.headers["X-Decoded"] == "gzip")
        #expect(response.body == content)
    }

    @Test func fileBodyIsStreamedFromDisk() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("upload-\(UUID().uuidString)").path
        let content = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        _ = FileManager.default.createFile(atPath: path, contents: Data(content))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let client = try loopbackClient()
        let response = try await client.send(HTTPRequest(method: "POST", url: server.url("/echo"), body: .file(path)))
        #expect(response.status == 200)
        #expect(response.body == content)
    }

    @Test func missingBodyFileIsAnInvalidRequestNamingTheFile() async throws {
        let client = try loopbackClient()
        let error = await #expect(throws: HTTPTransportError.self) {
            try await client.send(
                HTTPRequest(method: "POST", url: server.url("/echo"), body: .file("/nonexistent/x.csv")))
        }
        #expect(error?.kind == .invalidRequest)
        #expect(error?.mayHaveReachedServer == false)
        #expect(error?.description.contains("/nonexistent/x.csv") == true)
    }

    @Test func gzipResponsesAreDecodedTransparently() async throws {
        let client = try loopbackClient()
        let response = try await client.send(HTTPRequest(method: "GET", url: server.url("/gzip")))
        let expected = (0..<5000).map { "line \($0) of the gzip test body\n" }.joined()
        #expect(response.headers["Content-Encoding"] == "gzip")
        #expect(response.headers["X-Seen-AE"] == "gzip")
        #expect(response.bodyText == expected)
    }

    @Test func callerAcceptEncodingHeaderStillGetsDecodedBodies() async throws {
        let client = try loopbackClient()
        let response = try await client.send(
            HTTPRequest(method: "GET", url: server.url("/gzip"), headers: [("Accept-Encoding", "gzip")]))
        #expect(response.headers["X-Seen-AE"] == "gzip")
        #expect(response.bodyText.hasPrefix("line 0 of the gzip test body\n"))
    }

    @Test func rawResponseCanBeKeptCompressed() async throws {
        let client = try loopbackClient()
        let response = try await client.send(
            HTTPRequest(
                method: "GET", url: server.url("/gzip"), headers: [("Accept-Encoding", "gzip")],
                decompressResponse: false))
        #expect(Array(response.body.prefix(2)) == [0x1f, 0x8b])
    }

    @Test func manyConcurrentRequestsAllCompleteWithTheirOwnBodies() async throws {
        let client = try loopbackClient()
        let server = self.server
        let results = try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for id in 0..<100 {
                group.addTask {
                    let response = try await client.send(
                        HTTPRequest(method: "GET", url: server.url("/delay?ms=20&id=\(id)")))
                    return (id, response.bodyText)
                }
            }
            var collected: [(Int, String)] = []
            for try await result in group { collected.append(result) }
            return collected
        }
        #expect(results.count == 100)
        #expect(results.allSatisfy { String($0.0) == $0.1 })
    }

    @Test func sequentialRequestsReuseOneConnection() async throws {
        // Its own server: the connection count must not see other tests' connections.
        let server = try LoopbackServer()
        let client = try loopbackClient()
        let before = try await client.send(HTTPRequest(method: "GET", url: server.url("/stats")))
        for _ in 0..<20 {
            _ = try await client.send(HTTPRequest(method: "GET", url: server.url("/hello")))
        }
        let after = try await client.send(HTTPRequest(method: "GET", url: server.url("/stats")))
        #expect(connections(before) == connections(after))
        #expect(connections(after) >= 1)
    }

    private func connections(_ response: HTTPResponse) -> Int {
        let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Int]
        return object?["connections"] ?? -1
    }

    @Test func largeBodyStreamsInBoundedChunks() async throws {
        let highWater = 256 * 1024
        let client = try loopbackClient { $0.streamBufferBytes = highWater }
        let size = 8 * 1024 * 1024
        let state = Mutex((received: 0, largestChunk: 0, mismatch: false, chunks: 0))
        let head = try await client.stream(HTTPRequest(method: "GET", url: server.url("/large?size=\(size)"))) {
            chunk in
            // A deliberately slow consumer for the first chunks, so the buffer fills and the transfer
            // must pause rather than grow.
            state.withLock { state in
                if state.chunks < 20 { usleep(5_000) }
                state.chunks += 1
                var expected = state.received % 251
                chunk.withUnsafeBufferPointer { bytes in
                    for byte in bytes {
                        if byte != UInt8(expected) { state.mismatch = true }
                        expected = expected == 250 ? 0 : expected + 1
                    }
                }
                state.received += chunk.count
                state.largestChunk = max(state.largestChunk, chunk.count)
            }
        }
        let result = state.withLock { $0 }
        #expect(head.status == 200)
        #expect(result.received == size)
        #expect(!result.mismatch)
        // Everything the consumer gets at once was buffered at once: bounded by the high-water mark
        // plus one libcurl write.
        #expect(result.largestChunk <= highWater + 64 * 1024)
    }

    @Test func startGivesTheHeadBeforeTheBody() async throws {
        let client = try loopbackClient()
        let response = try await client.start(HTTPRequest(method: "GET", url: server.url("/large?size=1000000")))
        #expect(response.status == 200)
        #expect(response.head.headers["Content-Length"] == "1000000")
        let body = try await response.collect()
        #expect(body.count == 1_000_000)
    }

    @Test func collectRefusesABodyPastItsLimit() async throws {
        let client = try loopbackClient()
        let response = try await client.start(HTTPRequest(method: "GET", url: server.url("/large?size=2000000")))
        let error = await #expect(throws: HTTPTransportError.self) { try await response.collect(upTo: 100_000) }
        #expect(error?.kind == .protocolError)
    }

    @Test func consumerErrorAbortsTheStream() async throws {
        struct Stop: Error {}
        let client = try loopbackClient()
        await #expect(throws: Stop.self) {
            _ = try await client.stream(HTTPRequest(method: "GET", url: server.url("/large?size=8000000"))) { _ in
                throw Stop()
            }
        }
        // The client still works afterwards.
        let response = try await client.send(HTTPRequest(method: "GET", url: server.url("/hello")))
        #expect(response.bodyText == "hello")
    }

    @Test func explicitProxyIsUsed() async throws {
        let client = try loopbackClient { $0.proxy = "http://127.0.0.1:\(server.port)" }
        // Port 9 (discard) is not listening; only the proxy can answer.
        let response = try await client.send(HTTPRequest(method: "GET", url: "http://127.0.0.1:9/hello"))
        #expect(response.bodyText == "via proxy http://127.0.0.1:9/hello")
    }
}
