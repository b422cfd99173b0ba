/// One output column of an export, derived from one item of the SOQL select list.
///
/// `header` is the text the user wrote (relationship paths like `Account.Owner.Name`, alias prefix
/// removed); `path` is the chain of JSON keys that leads to the value in a REST record, matched
/// case-insensitively because Salesforce answers with canonical casing whatever the query used.
public struct ExportColumn: Sendable, Equatable {
    /// What the select item is.
    public enum Kind: Sendable, Equatable {
        /// A field or relationship path (`Name`, `Account.Owner.Name`).
        case field
        /// A parent-to-child subquery; `path` holds the child relationship name.
        case subquery
        /// An aggregate or function result, keyed by its alias or `exprN`.
        case expression
    }

    public var header: String
    public var path: [String]
    public var kind: Kind

    public init(header: String, path: [String], kind: Kind = .field) {
        self.header = header
        self.path = path
        self.kind = kind
    }
}
