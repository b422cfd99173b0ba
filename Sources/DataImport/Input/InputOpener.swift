import RecordFiles

/// Opens an import input file ("-" = standard input; gzip recognised by its magic bytes) for the scanner.
public enum InputOpener {
    /// Opens `path` and returns a scanner positioned before the header.
    /// - Throws: `DataImportError` naming the file when it cannot be opened.
    public static func scanner(path: String, delimiter: UInt8 = UInt8(ascii: ",")) throws -> CSVRowScanner {
        do {
            let file = try InputFile.open(path)
            return CSVRowScanner(reader: SourceReader(source: file), path: path == "-" ? "stdin" : path, delimiter: delimiter)
        } catch {
            throw DataImportError(.input, "\(error)")
        }
    }
}

/// Adapts a RecordFiles `ByteSource` (file, stdin, gzip) to the scanner.
struct SourceReader: ByteReader {
    let source: any ByteSource

    mutating func read(into buffer: UnsafeMutablePointer<UInt8>, count: Int) throws -> Int {
        do {
            return try source.read(into: UnsafeMutableRawBufferPointer(start: buffer, count: count))
        } catch {
            throw DataImportError(.input, "\(error)")
        }
    }
}
