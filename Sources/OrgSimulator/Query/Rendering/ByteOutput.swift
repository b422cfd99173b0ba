/// A growable byte buffer whose appends skip the uniqueness and capacity checks of `[UInt8]`: callers reserve
/// room with `ensure(_:)` once per row and then write without checks.
///
/// Bulk results are hundreds of megabytes of tiny appends; with `Array.append` the per-append bookkeeping
/// costs more than the bytes themselves.
final class ByteOutput {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    /// Bytes written.
    var count = 0

    init(capacity: Int) {
        self.capacity = max(64, capacity)
        base = UnsafeMutablePointer<UInt8>.allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// Makes room for at least `extra` more bytes.
    @inline(__always)
    func ensure(_ extra: Int) {
        if count + extra > capacity { grow(count + extra) }
    }

    private func grow(_ needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        bigger.update(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity = newCapacity
    }

    /// Appends one byte; room must have been ensured.
    @inline(__always)
    func put(_ byte: UInt8) {
        base[count] = byte
        count += 1
    }

    /// Appends bytes; room must have been ensured.
    @inline(__always)
    func put(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let start = bytes.baseAddress, !bytes.isEmpty else { return }
        (base + count).update(from: start, count: bytes.count)
        count += bytes.count
    }

    /// Appends bytes, making room first.
    func append(_ bytes: [UInt8]) {
        ensure(bytes.count)
        bytes.withUnsafeBufferPointer { put($0) }
    }

    /// The bytes written, as an array.
    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }
}
