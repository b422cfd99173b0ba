import RecordFiles

/// An input file opened for validation, positioned after its header.
///
/// `@unchecked Sendable`: it is created on one thread and then handed, once, to the thread that reads the rows
/// (`LocalValidator.check(_:)`); the header is immutable and no two threads use the reader at the same time.
public final class OpenedInput: @unchecked Sendable {
    /// The path as given ("-" for standard input).
    public let path: String
    /// The header row.
    public let header: [String]
    let reader: CSVReader

    init(path: String, reader: CSVReader) {
        self.path = path
        self.reader = reader
        header = reader.columns
    }
}
