import CZlib

/// One zlib deflate stream, owned by exactly one writer or worker thread.
///
/// The `z_stream` lives on the heap and never moves: zlib keeps a pointer back to it in its internal state, so a
/// struct stored inline (which Swift may copy or move) would corrupt it.
final class DeflateStream {
    let stream: UnsafeMutablePointer<z_stream>

    /// - Parameters:
    ///   - level: 1...9.
    ///   - windowBits: 31 for a gzip wrapper written by zlib, -15 for raw deflate blocks.
    init(level: Int, windowBits: Int32) throws {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let status = sfb_deflate_init2(stream, Int32(level), windowBits, 8, Z_DEFAULT_STRATEGY)
        guard status == Z_OK else {
            stream.deinitialize(count: 1)
            stream.deallocate()
            throw GzipError(.zlibFailure, "deflateInit2 returned \(status)")
        }
    }

    deinit {
        deflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// zlib's message for the last failure, if any.
    var message: String {
        guard let text = stream.pointee.msg else { return "no message" }
        return String(cString: text)
    }
}
