/// Something the CSV scanner pulls bytes from: a file, standard input, or a decompressor.
public protocol ByteReader {
    /// Reads up to `count` bytes into `buffer`; 0 means end of input.
    mutating func read(into buffer: UnsafeMutablePointer<UInt8>, count: Int) throws -> Int
}

/// Serves bytes from memory (tests, small inputs).
public struct MemoryReader: ByteReader {
    private let bytes: [UInt8]
    private var offset = 0

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public mutating func read(into buffer: UnsafeMutablePointer<UInt8>, count: Int) throws -> Int {
        let n = min(count, bytes.count - offset)
        guard n > 0 else { return 0 }
        bytes.withUnsafeBufferPointer { source in
            guard let base = source.baseAddress else { return }
            buffer.update(from: base + offset, count: n)
        }
        offset += n
        return n
    }
}
