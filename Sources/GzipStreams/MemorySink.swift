/// A sink that collects bytes in memory: for tests, small payloads and request bodies.
public final class MemorySink: ByteSink {
    /// Everything written so far.
    public private(set) var bytes: [UInt8] = []
    /// True once `finish()` was called.
    public private(set) var isFinished = false

    public init() {}

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        self.bytes.append(contentsOf: bytes)
    }

    public func finish() throws {
        isFinished = true
    }
}
