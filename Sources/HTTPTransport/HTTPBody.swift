/// Where a request body comes from.
public enum HTTPBody: Sendable {
    /// No body.
    case none
    /// Bytes held in memory.
    case bytes([UInt8])
    /// A file read in pieces as libcurl sends it, so large uploads never sit in memory. The path is
    /// opened when the request starts; the file must not change while it is being sent.
    case file(String)
}
