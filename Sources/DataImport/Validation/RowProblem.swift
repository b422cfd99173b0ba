/// A row that cannot be sent as it is: which row, which column and field, and why.
public struct RowProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// 1-based data row (the header is not counted), as in the result files' `sf__Row` column.
    public var row: Int
    /// 1-based physical line where the row starts (the header is line 1).
    public var line: Int
    public var column: String?
    public var field: String?
    /// Salesforce-style error code (`STRING_TOO_LONG`, `REQUIRED_FIELD_MISSING`, `DUPLICATE_EXTERNAL_ID`...).
    public var code: String
    public var message: String

    public init(row: Int, line: Int, column: String?, field: String?, code: String, message: String) {
        self.row = row
        self.line = line
        self.column = column
        self.field = field
        self.code = code
        self.message = message
    }

    /// `row 12 (line 13), column 'email' -> Email: INVALID_EMAIL_ADDRESS: ...`
    public var description: String {
        var text = "row \(row) (line \(line))"
        if let column { text += ", column '\(column)'" }
        if let field { text += " -> \(field)" }
        return text + ": \(code): \(message)"
    }

    /// The `sf__Error` cell for the error file: `CODE:message`.
    public var errorCell: String { "\(code):\(message)" }
}
