import CZlib

/// One zlib inflate stream for gzip members; heap-allocated for the same reason as `DeflateStream`.
final class InflateStream {
    let stream: UnsafeMutablePointer<z_stream>

    /// Starts a stream that accepts the gzip wrapper only (windowBits 31).
    init() throws {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let status = sfb_inflate_init2(stream, 31)
        guard status == Z_OK else {
            stream.deinitialize(count: 1)
            stream.deallocate()
            throw GzipError(.zlibFailure, "inflateInit2 returned \(status)")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// zlib's message for the last failure, if any.
    var message: String {
        guard let text = stream.pointee.msg else { return "no message" }
        return String(cString: text)
    }
}
