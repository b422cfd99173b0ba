/// A source reading straight from a file descriptor.
public final class FileSource: ByteSource {
    /// The name used in messages ("-" for standard input).
    public let name: String
    private var descriptor: Int32
    private let ownsDescriptor: Bool

    /// Wraps an open descriptor; `ownsDescriptor` closes it when the source goes away.
    public init(descriptor: Int32, name: String, ownsDescriptor: Bool) {
        self.descriptor = descriptor
        self.name = name
        self.ownsDescriptor = ownsDescriptor
    }

    /// Opens `path` for reading.
    /// - Throws: `RecordFileError` (`.io`) naming the file and the system's reason.
    public convenience init(path: String) throws {
        let descriptor = POSIX.openForReading(path)
        guard descriptor >= 0 else { throw RecordFileError.io(POSIX.errorNumber, "open for reading", file: path) }
        self.init(descriptor: descriptor, name: path, ownsDescriptor: true)
    }

    /// A source on standard input.
    public static func standardInput() -> FileSource {
        FileSource(descriptor: 0, name: "-", ownsDescriptor: false)
    }

    deinit {
        if descriptor >= 0 && ownsDescriptor { POSIX.close(descriptor) }
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0, descriptor >= 0 else { return 0 }
        let count = POSIX.read(descriptor, base, buffer.count)
        if count < 0 { throw RecordFileError.io(POSIX.errorNumber, "read", file: name) }
        return count
    }
}
