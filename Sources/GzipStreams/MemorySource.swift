/// A source over bytes held in memory, optionally handed out in small chunks (tests use that to hit every
/// buffer boundary).
public final class MemorySource: ByteSource {
    private let bytes: [UInt8]
    private var position = 0
    private let chunkLimit: Int

    /// - Parameters:
    ///   - bytes: the content.
    ///   - chunkSize: the most bytes one `read` returns; `Int.max` for "as much as fits".
    public init(_ bytes: [UInt8], chunkSize: Int = .max) {
        self.bytes = bytes
        self.chunkLimit = max(1, chunkSize)
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = min(buffer.count, bytes.count - position, chunkLimit)
        if count <= 0 { return 0 }
        bytes.withUnsafeBytes { source in
            guard let from = source.baseAddress, let to = buffer.baseAddress else { return }
            to.copyMemory(from: from + position, byteCount: count)
        }
        position += count
        return count
    }
}
