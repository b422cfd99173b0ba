/// The writers' block buffer: records are formatted into one reusable allocation and handed to the sink in
/// large blocks (1 MiB by default), so the sink (a file or a gzip stream) sees few, big writes and the per-row
/// path never allocates.
final class OutputBuffer {
    private(set) var start: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    var count = 0
    let flushThreshold: Int
    let sink: ByteSink

    init(sink: ByteSink, blockSize: Int) {
        self.sink = sink
        flushThreshold = max(4096, blockSize)
        capacity = flushThreshold + 64 * 1024
        start = .allocate(capacity: capacity)
    }

    deinit {
        start.deallocate()
    }

    /// Makes room for `needed` more bytes, growing only for a single giant field.
    @inline(__always)
    func reserve(_ needed: Int) {
        if count + needed > capacity { grow(count + needed) }
    }

    private func grow(_ minimum: Int) {
        let bigger = max(minimum, capacity * 2)
        let replacement = UnsafeMutablePointer<UInt8>.allocate(capacity: bigger)
        replacement.update(from: start, count: count)
        start.deallocate()
        start = replacement
        capacity = bigger
    }

    @inline(__always)
    func append(_ byte: UInt8) {
        reserve(1)
        start[count] = byte
        count += 1
    }

    @inline(__always)
    func append(_ bytes: UnsafePointer<UInt8>, _ length: Int) {
        reserve(length)
        (start + count).update(from: bytes, count: length)
        count += length
    }

    func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { buffer in
            if let base = buffer.baseAddress { append(base, buffer.count) }
        }
    }

    /// Hands the block to the sink once it passed the threshold; called between records.
    @inline(__always)
    func flushIfFull() throws {
        if count >= flushThreshold { try flush() }
    }

    func flush() throws {
        guard count > 0 else { return }
        try sink.write(UnsafeRawBufferPointer(start: start, count: count))
        count = 0
    }
}
