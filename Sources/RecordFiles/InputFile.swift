/// An input file, standard input ("-"), gzip-compressed or not: gzip is recognised by its magic bytes, not by
/// the `.gz` name, so `data.csv` that is really gzip and `-` fed from `zcat`-less pipes both just work.
public final class InputFile: ByteSource {
    /// The path as given ("-" for standard input).
    public let path: String
    /// True when the content was gzip and is being decompressed.
    public let isCompressed: Bool
    private let source: ByteSource

    private init(path: String, isCompressed: Bool, source: ByteSource) {
        self.path = path
        self.isCompressed = isCompressed
        self.source = source
    }

    /// Opens `path` ("-" = standard input), detecting gzip by its first two bytes.
    /// - Throws: `RecordFileError` (`.io`) when the file cannot be opened or read.
    public static func open(_ path: String) throws -> InputFile {
        let raw: FileSource = path == "-" ? .standardInput() : try FileSource(path: path)
        // Peek at the first bytes; a pipe may deliver them one at a time.
        var prefix = [UInt8](repeating: 0, count: 64 * 1024)
        var count = 0
        while count < 2 {
            let got = try prefix.withUnsafeMutableBytes { buffer in
                try raw.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[count...]))
            }
            if got == 0 { break }
            count += got
        }
        prefix.removeSubrange(count...)
        let replay = ReplaySource(prefix: prefix, rest: raw)
        if count >= 2 && prefix[0] == 0x1f && prefix[1] == 0x8b {
            do {
                return InputFile(path: path, isCompressed: true, source: try GzipReader(source: replay))
            } catch let error as GzipError {
                throw RecordFileError.wrapping(error, file: path)
            }
        }
        return InputFile(path: path, isCompressed: false, source: replay)
    }

    /// - Throws: `RecordFileError` naming the file for I/O failures and damaged gzip.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        do {
            return try source.read(into: buffer)
        } catch let error as GzipError {
            throw RecordFileError.wrapping(error, file: path)
        }
    }
}
