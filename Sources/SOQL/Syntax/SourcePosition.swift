/// Where a token starts in the query text, as Salesforce reports it in error messages.
///
/// `row` and `column` are 1-based (`ERROR at Row:1:Column:12`); `column` counts characters, not bytes.
/// `offset` is the 0-based UTF-8 byte offset, handy for slicing the original text.
public struct SourcePosition: Sendable, Hashable, CustomStringConvertible {
    /// 0-based UTF-8 byte offset into the query text.
    public var offset: Int
    /// 1-based line number.
    public var row: Int
    /// 1-based character column within the line.
    public var column: Int

    /// Creates a position; the default is the start of the text.
    public init(offset: Int = 0, row: Int = 1, column: Int = 1) {
        self.offset = offset
        self.row = row
        self.column = column
    }

    /// `row 1, column 12`.
    public var description: String { "row \(row), column \(column)" }
}
