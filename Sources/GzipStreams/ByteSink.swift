/// Somewhere bytes go: a file, standard output, a gzip stream, memory.
///
/// Sinks are single-owner and synchronous: `write` may block on I/O or on compression, so call them from a
/// dedicated thread (or a task that is allowed to block), never from the cooperative pool's hot loop.
/// Writers above a sink (CSV, JSON Lines, gzip) buffer and hand it large blocks, so `write` is called rarely.
public protocol ByteSink: AnyObject {
    /// Appends `bytes`. The sink copies what it keeps; the buffer may be reused once this returns.
    /// - Throws: the sink's I/O or compression error.
    func write(_ bytes: UnsafeRawBufferPointer) throws

    /// Completes the stream: flushes buffers, writes trailers, and releases the sink below.
    /// Writing after `finish` is a programming error and throws.
    func finish() throws
}

extension ByteSink {
    /// Appends the bytes of an array.
    @inlinable
    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// Appends the UTF-8 bytes of a string.
    @inlinable
    public func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { try write(UnsafeRawBufferPointer($0)) }
    }
}
