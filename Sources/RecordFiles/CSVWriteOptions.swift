/// How a `CSVWriter` writes.
public struct CSVWriteOptions: Sendable {
    /// The field separator.
    public var delimiter: CSVDelimiter = .comma
    /// LF (Salesforce Bulk API's default) or CRLF (RFC 4180, some Windows tools).
    public var lineEnding: LineEnding = .lf
    /// Start the file with a UTF-8 byte order mark, so Excel opens it as UTF-8.
    public var includeBOM = false
    /// Quote every field instead of only those that need it.
    public var quoteAll = false
    /// How many bytes to collect before writing to the sink.
    public var blockSize = 1 << 20

    public init(
        delimiter: CSVDelimiter = .comma, lineEnding: LineEnding = .lf, includeBOM: Bool = false,
        quoteAll: Bool = false
    ) {
        self.delimiter = delimiter
        self.lineEnding = lineEnding
        self.includeBOM = includeBOM
        self.quoteAll = quoteAll
    }
}
