/// Somewhere bytes come from: a file, standard input, a gzip stream, memory.
///
/// Sources are single-owner and synchronous (see `ByteSink` for the threading rule).
public protocol ByteSource: AnyObject {
    /// Reads up to `buffer.count` bytes into `buffer` and returns how many were read; 0 means the end.
    /// A source never returns 0 before its end, and never returns short data for a damaged input: it throws.
    /// - Throws: the source's I/O or decompression error.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

extension ByteSource {
    /// Reads everything that is left. Meant for small inputs and tests; streams should loop over `read(into:)`.
    public func readAll() throws -> [UInt8] {
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = try chunk.withUnsafeMutableBytes { try read(into: $0) }
            if count == 0 { return result }
            result.append(contentsOf: chunk[0..<count])
        }
    }
}
