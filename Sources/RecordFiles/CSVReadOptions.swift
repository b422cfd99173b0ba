/// How a `CSVReader` reads.
public struct CSVReadOptions: Sendable {
    /// The field separator.
    public var delimiter: CSVDelimiter = .comma
    /// Whether the first record is a header (its names become `CSVReader.header`).
    public var hasHeader = true
    /// The input encoding; non-UTF-8 input is converted to UTF-8.
    public var encoding: TextEncoding = .utf8
    /// Accept records whose field count differs from the header's (returned with their own count), and stray
    /// quotes (kept as data). Off by default: a ragged file is usually a broken export.
    public var lenient = false
    /// Accept records whose field count differs from the header's (returned with their own count) while staying
    /// strict about quoting: for callers that report a ragged row against that row and carry on (sfimport puts it
    /// in the error file), where a quoting error still means the rest of the file cannot be trusted.
    public var acceptsAnyFieldCount = false
    /// The largest single record accepted; bigger means an unclosed quote ran away, so stop with an error
    /// rather than read the rest of a 5 GB file into memory.
    public var maxRecordBytes = 64 << 20
    /// The input buffer size; memory stays at this plus the largest record.
    public var bufferSize = 256 << 10

    public init(
        delimiter: CSVDelimiter = .comma, hasHeader: Bool = true, encoding: TextEncoding = .utf8,
        lenient: Bool = false
    ) {
        self.delimiter = delimiter
        self.hasHeader = hasHeader
        self.encoding = encoding
        self.lenient = lenient
    }
}
