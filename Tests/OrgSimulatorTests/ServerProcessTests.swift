import Foundation
#if canImport(Glibc)
    import Glibc
#endif
import SimulatorFixture
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The real `sfsim serve` process: garbage on the socket, oversized and malformed HTTP, and it keeps serving.
@Suite struct ServerProcessTests {
    /// Sends raw bytes on a new TCP connection and returns whatever comes back before the server closes or 2 s pass.
    static func raw(_ port: Int, _ bytes: [UInt8], halfClose: Bool = true) -> [UInt8] {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return [] }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return [] }
        _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        if halfClose { shutdown(fd, Int32(SHUT_WR)) }
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            out.append(contentsOf: buffer[0..<n])
        }
        return out
    }

    @Test func garbageOnTheWireDoesNotStopTheServer() throws {
        let sim = try SimulatorProcess(arguments: ["--seed-data", "none"])
        defer { sim.stop() }
        let port = try #require(sim.baseURL.port)
        var rng = SystemRandomNumberGenerator()
        let inputs: [[UInt8]] = [
            Array("GARBAGE\r\n\r\n".utf8),
            Array("GET /services/data HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n".utf8),
            Array("POST /services/data/v62.0/sobjects/Account HTTP/1.1\r\nHost: x\r\nContent-Length: 999999999999\r\n\r\n{".utf8),
            Array("POST /services/oauth2/token HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n".utf8),
            (0..<2048).map { _ in UInt8.random(in: 0...255, using: &rng) },
        ]
        for input in inputs { _ = Self.raw(port, input) }
        let oversized = Self.raw(port, Array("POST /services/data/v62.0/sobjects/Account HTTP/1.1\r\nHost: x\r\nContent-Length: 200000000\r\n\r\n".utf8))
        #expect(String(decoding: oversized, as: UTF8.self).contains("413"))
        let versions = Self.raw(port, Array("GET /services/data/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".utf8), halfClose: false)
        let text = String(decoding: versions, as: UTF8.self)
        #expect(text.hasPrefix("HTTP/1.1 200"))
        #expect(text.contains("\"version\":\"31.0\""))
        let stats = try sim.stats()
        #expect((stats["requests"] as? Int ?? 0) >= 2)
    }
}
