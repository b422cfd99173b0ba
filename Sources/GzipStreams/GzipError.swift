/// What went wrong in a gzip stream. One error type for the module; `description` says what to do.
public struct GzipError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The class of failure, for callers that branch on it.
    public enum Kind: Sendable, Equatable {
        /// The input is not gzip (no `1f 8b` magic bytes where a member must start).
        case notGzip
        /// The input ended inside a member: the file was cut short (interrupted download or copy).
        case truncated
        /// The compressed data, header or trailer is damaged (CRC or length mismatch, invalid deflate data).
        case corrupt
        /// zlib refused to start or ran out of memory.
        case zlibFailure
        /// The writer was used after `finish()`, or a level outside 1...9 was asked for.
        case misuse
    }

    /// The class of failure.
    public let kind: Kind
    /// Details: zlib's message, the byte offset, the level asked for.
    public let detail: String

    public init(_ kind: Kind, _ detail: String) {
        self.kind = kind
        self.detail = detail
    }

    public var description: String {
        switch kind {
        case .notGzip:
            return "input is not gzip data (\(detail)); pass the uncompressed file or check the source"
        case .truncated:
            return "gzip input is truncated (\(detail)); the file was cut short, fetch or copy it again"
        case .corrupt:
            return "gzip input is corrupt (\(detail)); the file is damaged, fetch or copy it again"
        case .zlibFailure:
            return "zlib failed (\(detail))"
        case .misuse:
            return "gzip stream misuse: \(detail)"
        }
    }
}
