import Foundation
import GzipStreams

/// Gzip-compresses request bodies for `HTTPRequest.compressBody`, off both the cooperative pool and the
/// libcurl thread.
///
/// Compression is CPU work (about a second per 100 MB of CSV at level 1), so it runs on a thread of its
/// own while the submitting task awaits it. The compressed body is held in memory: Bulk API uploads are
/// at most 100 MB before compression and CSV shrinks several times.
enum BodyCompressor {
    /// The request with its body gzip-compressed; a body that already starts with the gzip magic bytes
    /// is left as it is, so callers may also compress themselves.
    static func compress(_ request: HTTPRequest) async throws -> HTTPRequest {
        var compressed = request
        let host = request.host
        switch request.body {
        case .none:
            return request
        case .bytes(let bytes):
            if bytes.starts(with: [0x1f, 0x8b]) { return request }
            compressed.body = .bytes(try await OwnThread.run { try gzip(bytes: bytes, host: host) })
        case .file(let path):
            compressed.body = try await OwnThread.run { () -> HTTPBody in
                try gzip(file: path, host: host).map(HTTPBody.bytes) ?? .file(path)
            }
        }
        return compressed
    }

    private static func gzip(bytes: [UInt8], host: String) throws -> [UInt8] {
        let sink = CollectingSink()
        do {
            let writer = try GzipWriter(sink: sink)
            try bytes.withUnsafeBytes { try writer.write($0) }
            try writer.finish()
        } catch {
            throw HTTPTransportError(
                kind: .invalidRequest, host: host, detail: "could not gzip the request body: \(error)",
                mayHaveReachedServer: false)
        }
        return sink.joined()
    }

    /// Compresses the file; nil when it is gzip already.
    private static func gzip(file path: String, host: String) throws -> [UInt8]? {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw HTTPTransportError(
                kind: .invalidRequest, host: host, detail: "cannot open body file '\(path)'",
                mayHaveReachedServer: false)
        }
        defer { try? handle.close() }
        let sink = CollectingSink()
        do {
            let writer = try GzipWriter(sink: sink)
            var first = true
            while let data = try handle.read(upToCount: 1 << 20), !data.isEmpty {
                if first, data.starts(with: [0x1f, 0x8b]) { return nil }
                first = false
                try data.withUnsafeBytes { try writer.write($0) }
            }
            try writer.finish()
        } catch {
            throw HTTPTransportError(
                kind: .invalidRequest, host: host, detail: "could not read and gzip body file '\(path)': \(error)",
                mayHaveReachedServer: false)
        }
        return sink.joined()
    }
}

/// A sink that keeps the pieces it is given and joins them once, with `memcpy`.
private final class CollectingSink: ByteSink {
    private var pieces: [[UInt8]] = []

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        pieces.append(ByteCopy.array(bytes))
    }

    func finish() throws {}

    func joined() -> [UInt8] { ByteCopy.concatenate(pieces) }
}
