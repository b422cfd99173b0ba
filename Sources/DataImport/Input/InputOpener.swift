#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Opens an import input file ("-" = standard input) for the scanner.
public enum InputOpener {
    /// Opens `path` and returns a scanner positioned before the header.
    /// - Throws: `DataImportError` when the file cannot be opened or is gzip-compressed without decompression support.
    public static func scanner(path: String, delimiter: UInt8 = UInt8(ascii: ",")) throws -> CSVRowScanner {
        if path == "-" {
            return CSVRowScanner(reader: FileDescriptorReader(descriptor: 0, path: "standard input"), path: "stdin",
                delimiter: delimiter)
        }
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw DataImportError(.input, "\(path): cannot open the input file (errno \(errno)); check the path")
        }
        return CSVRowScanner(
            reader: try DescriptorInput.make(descriptor: descriptor, path: path), path: path, delimiter: delimiter)
    }
}

/// A file descriptor that closes itself, with gzip detection by magic bytes.
final class DescriptorInput: ByteReader {
    private var inner: FileDescriptorReader
    private var pending: [UInt8]

    private init(inner: FileDescriptorReader, pending: [UInt8]) {
        self.inner = inner
        self.pending = pending
    }

    static func make(descriptor: Int32, path: String) throws -> any ByteReader {
        var reader = FileDescriptorReader(descriptor: descriptor, path: path)
        var head = [UInt8](repeating: 0, count: 2)
        let n = try head.withUnsafeMutableBufferPointer { buffer -> Int in
            guard let base = buffer.baseAddress else { return 0 }
            return try reader.read(into: base, count: 2)
        }
        head.removeLast(2 - n)
        if head == [0x1F, 0x8B] {
            return try GzipInput(descriptor: descriptor, path: path, head: head)
        }
        return DescriptorInput(inner: reader, pending: head)
    }

    func read(into buffer: UnsafeMutablePointer<UInt8>, count: Int) throws -> Int {
        if !pending.isEmpty {
            let n = min(count, pending.count)
            for index in 0..<n { buffer[index] = pending[index] }
            pending.removeFirst(n)
            return n
        }
        return try inner.read(into: buffer, count: count)
    }

    deinit { close(inner.descriptor) }
}
