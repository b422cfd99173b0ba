#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Gzip-compressed input. Decompression arrives with the shared gzip reader; until then a compressed input is
/// refused with a clear message instead of being read as garbage.
final class GzipInput: ByteReader {
    init(descriptor: Int32, path: String, head: [UInt8]) throws {
        close(descriptor)
        throw DataImportError(.input, "\(path): gzip input is not supported by this build; decompress it with gunzip")
    }

    func read(into buffer: UnsafeMutablePointer<UInt8>, count: Int) throws -> Int { 0 }
}
