import RecordFiles

/// A sink that only counts: the benchmarks measure formatting and compression, not the disk.
final class CountingSink: ByteSink {
    private(set) var count = 0
    func write(_ bytes: UnsafeRawBufferPointer) throws { count += bytes.count }
    func finish() throws {}
}
