/// Hands out bytes already read (a peeked prefix) before the rest of another source.
final class ReplaySource: ByteSource {
    private var prefix: [UInt8]
    private var position = 0
    private let rest: ByteSource

    init(prefix: [UInt8], rest: ByteSource) {
        self.prefix = prefix
        self.rest = rest
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        if position < prefix.count {
            let count = min(buffer.count, prefix.count - position)
            prefix.withUnsafeBytes { bytes in
                if let from = bytes.baseAddress { base.copyMemory(from: from + position, byteCount: count) }
            }
            position += count
            if position == prefix.count {
                prefix = []
                position = 0
            }
            return count
        }
        return try rest.read(into: buffer)
    }
}
