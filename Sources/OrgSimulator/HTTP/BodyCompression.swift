import GzipStreams
import Foundation

/// gzip request bodies and gzip responses (Salesforce compresses a response only when the request
/// says `Accept-Encoding: gzip`).
enum BodyCompression {
    /// Largest decompressed request body (the Bulk upload limit), so a small bomb cannot exhaust memory.
    static let maxInflatedBytes = 150 * 1024 * 1024
    /// Responses smaller than this are sent as they are.
    static let minimumCompressedSize = 1024

    /// Decompresses a gzip request body.
    /// - Throws: 400 when the body is not valid gzip, 413 when it inflates past the limit.
    static func decompress(_ body: [UInt8], encoding: String) throws -> [UInt8] {
        guard encoding == "gzip" else {
            throw APIError(status: 415, "UNSUPPORTED_MEDIA_TYPE", "Content-Encoding \(encoding) is not supported; use gzip")
        }
        do {
            let reader = try GzipReader(source: MemorySource(body))
            var out: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 256 * 1024)
            while true {
                let n = try chunk.withUnsafeMutableBytes { try reader.read(into: $0) }
                if n == 0 { break }
                out.append(contentsOf: chunk[0..<n])
                if out.count > maxInflatedBytes {
                    throw APIError(status: 413, "EXCEEDED_MAX_SIZE_REQUEST", "The decompressed request body exceeds 150 MB")
                }
            }
            return out
        } catch let error as APIError {
            throw error
        } catch {
            throw APIError(status: 400, "JSON_PARSER_ERROR", "The request body is not valid gzip data: \(error)")
        }
    }

    /// Gzips the response body when the request accepts gzip and the body is worth it.
    static func compressIfAccepted(_ response: SimResponse, request: SimRequest) -> SimResponse {
        guard response.body.count >= minimumCompressedSize,
            let accept = request.header("Accept-Encoding")?.lowercased(),
            accept.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix("gzip") }),
            !response.headers.contains(where: { $0.0.lowercased() == "content-encoding" })
        else { return response }
        do {
            let sink = MemorySink()
            let writer = try GzipWriter(sink: sink, level: 1)
            try writer.write(response.body)
            try writer.finish()
            var compressed = response
            compressed.body = sink.bytes
            compressed.headers.append(("Content-Encoding", "gzip"))
            compressed.headers.append(("Vary", "Accept-Encoding"))
            return compressed
        } catch {
            return response
        }
    }
}
