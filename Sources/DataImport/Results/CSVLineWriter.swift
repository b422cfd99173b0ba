#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Appends CSV rows to a file through a buffer; `flush()` hands the bytes to the kernel so that they survive the
/// process being killed (result files and the journal rely on that ordering).
final class CSVLineWriter {
    let path: String
    private let descriptor: Int32
    private var buffer: [UInt8] = []

    /// Opens `path` for appending (creating it).
    init(path: String, truncate: Bool) throws {
        self.path = path
        let flags = O_WRONLY | O_CREAT | O_APPEND | (truncate ? O_TRUNC : 0)
        descriptor = open(path, flags, 0o644)
        guard descriptor >= 0 else {
            throw DataImportError(.output, "\(path): cannot write the result file (errno \(errno)); check the directory")
        }
        buffer.reserveCapacity(1 << 16)
    }

    deinit { close(descriptor) }

    /// Appends a raw line (journal records, which are not CSV).
    func writeLine(_ line: String) {
        buffer.append(contentsOf: line.utf8)
        buffer.append(10)
    }

    func writeRow(_ cells: [String]) {
        for (index, cell) in cells.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            Self.appendCell(cell, to: &buffer)
        }
        buffer.append(10)
    }

    func flush() throws {
        var offset = 0
        while offset < buffer.count {
            let n = buffer.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return write(descriptor, base + offset, raw.count - offset)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw DataImportError(.output, "\(path): write failed (errno \(errno)); is the disk full?")
            }
            offset += n
        }
        buffer.removeAll(keepingCapacity: true)
    }

    var bufferedBytes: Int { buffer.count }

    /// Appends bytes as they are (cells already CSV-encoded).
    func writeRaw(_ bytes: UnsafeBufferPointer<UInt8>) {
        buffer.append(contentsOf: bytes)
    }

    func writeByte(_ byte: UInt8) {
        buffer.append(byte)
    }

    /// Ends a success row with its `sf__Created` cell.
    func writeCreated(_ created: Bool) {
        let text: StaticString = created ? ",true\n" : ",false\n"
        buffer.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    func writeCell(_ cell: String) {
        Self.appendCell(cell, to: &buffer)
    }

    static func appendCell(_ cell: String, to buffer: inout [UInt8]) {
        var cell = cell
        cell.withUTF8 { appendCell(bytes: $0, to: &buffer) }
    }

    /// Appends one cell, quoted when it holds a comma, quote or line break. Runs once per cell of every
    /// result row and Bulk upload line, so it works on the bytes directly.
    static func appendCell(bytes cell: UnsafeBufferPointer<UInt8>, to buffer: inout [UInt8]) {
        var needsQuotes = false
        for byte in cell where byte == 44 || byte == 34 || byte == 10 || byte == 13 {
            needsQuotes = true
            break
        }
        if !needsQuotes {
            buffer.append(contentsOf: cell)
            return
        }
        buffer.append(34)
        for byte in cell {
            if byte == 34 { buffer.append(34) }
            buffer.append(byte)
        }
        buffer.append(34)
    }
}
