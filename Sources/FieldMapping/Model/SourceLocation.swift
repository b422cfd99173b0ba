/// A place in a mapping file, for messages of the form `mappings/contacts.yaml:12: ...`.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// The mapping file's path as the user gave it.
    public var file: String
    /// 1-based line; 0 when the problem concerns the whole file.
    public var line: Int
    /// 1-based column; 0 when unknown.
    public var column: Int

    public init(file: String, line: Int, column: Int = 0) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { line > 0 ? "\(file):\(line)" : file }
}
