import CZlib

/// zlib used directly, with nothing of ours around it: one deflate stream with zlib's own gzip framing (so the
/// same CRC-32 work as `GzipWriter`), fed large chunks. The floor the benchmark compares `GzipWriter` against
/// ("how close to raw zlib is the writer?"). Output goes to a reusable buffer and is discarded after counting,
/// so only compression is measured.
public final class DirectDeflater {
    private let deflater: DeflateStream
    private let output: UnsafeMutablePointer<UInt8>
    private let outputCapacity = 256 * 1024
    /// Compressed bytes produced so far.
    public private(set) var compressedCount = 0

    /// - Throws: `GzipError` for a level outside 1...9 or when zlib cannot start.
    public init(level: Int) throws {
        guard (1...9).contains(level) else { throw GzipError(.misuse, "compression level \(level) is outside 1...9") }
        deflater = try DeflateStream(level: level, windowBits: 31)
        output = .allocate(capacity: outputCapacity)
    }

    deinit {
        output.deallocate()
    }

    /// Compresses `bytes` (Z_NO_FLUSH).
    public func compress(_ bytes: UnsafeRawBufferPointer) throws {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        try run(UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: UInt8.self)), bytes.count, Z_NO_FLUSH)
    }

    /// Ends the stream (Z_FINISH).
    public func finish() throws {
        try run(nil, 0, Z_FINISH)
    }

    private func run(_ start: UnsafeMutablePointer<UInt8>?, _ count: Int, _ flush: Int32) throws {
        let stream = deflater.stream
        stream.pointee.next_in = start
        stream.pointee.avail_in = UInt32(count)
        while true {
            stream.pointee.next_out = output
            stream.pointee.avail_out = UInt32(outputCapacity)
            let status = deflate(stream, flush)
            compressedCount += outputCapacity - Int(stream.pointee.avail_out)
            if status == Z_STREAM_END { return }
            guard status == Z_OK || status == Z_BUF_ERROR else {
                throw GzipError(.zlibFailure, "deflate returned \(status)")
            }
            if flush == Z_NO_FLUSH && stream.pointee.avail_in == 0 && stream.pointee.avail_out > 0 { return }
        }
    }
}
