/// A SOQL problem: malformed text found by the parser, or an unknown field or object found by an evaluator.
///
/// `code` is the Salesforce `errorCode` (`MALFORMED_QUERY`, `INVALID_FIELD`, `INVALID_TYPE`, ...), `reason` is the
/// last line of the Salesforce message (`unexpected token: 'FORM'`), and `message` renders the full multi-line text
/// Salesforce returns: the query line, a caret under the offending column, `ERROR at Row:R:Column:C`, then the reason.
public struct SOQLError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The Salesforce error code. A struct rather than an enum so codes can be added without breaking callers.
    public struct Code: Sendable, Hashable, RawRepresentable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// Syntax errors.
        public static let malformedQuery = Code(rawValue: "MALFORMED_QUERY")
        /// A field or relationship that does not exist on the object.
        public static let invalidField = Code(rawValue: "INVALID_FIELD")
        /// An object (sObject type) that does not exist or is not queryable.
        public static let invalidType = Code(rawValue: "INVALID_TYPE")
        /// An operator that does not apply to the field's type (e.g. `INCLUDES` on a text field).
        public static let invalidQueryFilterOperator = Code(rawValue: "INVALID_QUERY_FILTER_OPERATOR")
        /// A number outside its allowed range (e.g. `OFFSET` above 2000).
        public static let numberOutsideValidRange = Code(rawValue: "NUMBER_OUTSIDE_VALID_RANGE")
    }

    /// The Salesforce error code.
    public let code: Code
    /// The explanation, e.g. `unexpected token: 'FORM'`.
    public let reason: String
    /// Where in `query` the problem was found, when known.
    public let position: SourcePosition?
    /// The query text the position refers to.
    public let query: String

    /// Creates an error.
    public init(code: Code, reason: String, position: SourcePosition?, query: String) {
        self.code = code
        self.reason = reason
        self.position = position
        self.query = query
    }

    /// The `message` Salesforce puts in its JSON error body.
    ///
    /// With a position: `"\n<query line>\n<spaces>^\nERROR at Row:R:Column:C\n<reason>"`, the shape of a real
    /// `INVALID_FIELD` response. Without one, the reason alone.
    public var message: String {
        guard let position else { return reason }
        let lines = query.split(separator: "\n", omittingEmptySubsequences: false)
        let line = position.row - 1 < lines.count ? String(lines[position.row - 1]) : query
        let caret = String(repeating: " ", count: max(0, position.column - 1)) + "^"
        return "\n\(line)\n\(caret)\nERROR at Row:\(position.row):Column:\(position.column)\n\(reason)"
    }

    /// One line for people: `MALFORMED_QUERY at row 1, column 11: unexpected token: 'FORM'`.
    public var description: String {
        if let position { return "\(code) at \(position): \(reason)" }
        return "\(code): \(reason)"
    }
}
