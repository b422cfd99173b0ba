import Foundation

/// A running loopback server (see `LoopbackServerScript`); stops when released, or when this test
/// process exits (it watches its standard input).
final class LoopbackServer: @unchecked Sendable {
    // Safety: all stored properties are set in init and never mutated; `Process` and `FileHandle`
    // methods used after init (terminate, close) are thread-safe.
    let port: Int
    let scheme: String
    private let process: Process
    private let stdin: Pipe

    struct Failure: Error, CustomStringConvertible { let description: String }

    /// - Parameter tls: certificate and key file paths to serve HTTPS instead of HTTP.
    init(tls: (certificate: String, key: String)? = nil) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments =
            ["python3", "-c", LoopbackServerScript.source] + (tls.map { [$0.certificate, $0.key] } ?? [])
        let output = Pipe()
        let input = Pipe()
        process.standardOutput = output
        process.standardInput = input
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process
        self.stdin = input
        scheme = tls == nil ? "http" : "https"

        // The ready line, "listening PORT"; bounded by the read returning at process exit.
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let piece = output.fileHandleForReading.availableData
            if piece.isEmpty { break }
            line.append(piece)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard let portText = text.split(separator: " ").last?.split(separator: "\n").first, let port = Int(portText)
        else {
            process.terminate()
            throw Failure(description: "the loopback server did not start (printed '\(text)')")
        }
        self.port = port
    }

    deinit {
        try? stdin.fileHandleForWriting.close()
        process.terminate()
    }

    func url(_ path: String) -> String { "\(scheme)://127.0.0.1:\(port)\(path)" }
    func url(host: String, _ path: String) -> String { "\(scheme)://\(host):\(port)\(path)" }
}
