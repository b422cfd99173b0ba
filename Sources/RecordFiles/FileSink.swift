/// A sink writing straight to a file descriptor. Callers above it buffer, so every `write` is a large block.
public final class FileSink: ByteSink {
    /// The name used in messages ("-" for standard output).
    public let name: String
    private var descriptor: Int32
    private let ownsDescriptor: Bool

    /// Wraps an open descriptor.
    /// - Parameters:
    ///   - descriptor: an open, writable descriptor.
    ///   - name: the file name for messages.
    ///   - ownsDescriptor: close it on `finish()` (false for standard output).
    public init(descriptor: Int32, name: String, ownsDescriptor: Bool) {
        self.descriptor = descriptor
        self.name = name
        self.ownsDescriptor = ownsDescriptor
    }

    /// A sink on standard output.
    public static func standardOutput() -> FileSink {
        FileSink(descriptor: 1, name: "-", ownsDescriptor: false)
    }

    deinit {
        close()
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard descriptor >= 0 else { throw RecordFileError(.misuse, "write after finish", file: name) }
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        let failure = POSIX.writeAll(descriptor, base, bytes.count)
        if failure != 0 { throw RecordFileError.io(failure, "write", file: name) }
    }

    /// Flushes the file to stable storage (before an atomic rename).
    public func sync() throws {
        guard descriptor >= 0, ownsDescriptor else { return }
        let failure = POSIX.fsync(descriptor)
        if failure != 0 { throw RecordFileError.io(failure, "sync", file: name) }
    }

    public func finish() throws {
        close()
    }

    func close() {
        if descriptor >= 0 && ownsDescriptor { POSIX.close(descriptor) }
        descriptor = -1
    }
}
