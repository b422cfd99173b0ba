#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads back, in order, the length-prefixed frames (`UInt32` little-endian length, then the bytes) that a
/// `SpoolFile` was filled with through `appendFrame`, a block at a time.
///
/// A binary frame instead of a CSV line because the Bulk path writes and re-reads one per uploaded row: no
/// quoting, no parsing, no String per field.
final class FramedSpoolReader {
    private let path: String
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false

    init(path: String) throws {
        self.path = path
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw DataImportError(.output, "\(path): cannot read a temporary file back (errno \(errno))")
        }
        buffer.reserveCapacity(256 << 10)
    }

    deinit { close(descriptor) }

    /// Calls `body` with the next frame's bytes (valid only inside the call); false at the end of the file.
    func next(_ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Bool {
        guard try fill(4) else { return false }
        let length = buffer.withUnsafeBytes { Int(UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: start, as: UInt32.self))) }
        guard try fill(4 + length) else {
            throw DataImportError(.output, "\(path): a temporary file ends inside a record; the disk may be full")
        }
        try buffer.withUnsafeBufferPointer { all in
            try body(UnsafeBufferPointer(rebasing: all[(start + 4)..<(start + 4 + length)]))
        }
        start += 4 + length
        return true
    }

    /// Makes `count` bytes from `start` available; false when the file ended with none left.
    private func fill(_ count: Int) throws -> Bool {
        while buffer.count - start < count {
            if atEnd {
                if buffer.count == start { return false }
                throw DataImportError(.output, "\(path): a temporary file ends inside a record; the disk may be full")
            }
            if start > 0 {
                buffer.removeSubrange(0..<start)
                start = 0
            }
            let want = max(256 << 10, count)
            let old = buffer.count
            buffer.append(contentsOf: repeatElement(0, count: want))
            let got = buffer.withUnsafeMutableBytes { raw -> Int in
                read(descriptor, raw.baseAddress! + old, want)
            }
            if got < 0 {
                buffer.removeSubrange(old...)
                if errno == EINTR { continue }
                throw DataImportError(.output, "\(path): cannot read a temporary file back (errno \(errno))")
            }
            buffer.removeSubrange((old + got)...)
            if got == 0 { atEnd = true }
        }
        return true
    }
}

extension SpoolFile {
    /// Appends one frame for `FramedSpoolReader`: the length, then what `write` appends.
    func appendFrame(_ write: (inout [UInt8]) -> Void) throws {
        try append { buffer in
            let lengthAt = buffer.count
            buffer.append(contentsOf: [0, 0, 0, 0])
            write(&buffer)
            let length = UInt32(buffer.count - lengthAt - 4).littleEndian
            withUnsafeBytes(of: length) { bytes in
                for index in 0..<4 { buffer[lengthAt + index] = bytes[index] }
            }
        }
    }
}
