/// What to create a Bulk API 2.0 ingest job for.
public struct IngestJobRequest: Sendable, Equatable {
    public var object: String
    public var operation: BulkOperation
    /// Required for `upsert`: the external-id (or idLookup) field that keys rows.
    public var externalIDField: String?
    public var columnDelimiter: ColumnDelimiter
    public var lineEnding: LineEnding
    /// Optional assignment rule for Case and Lead.
    public var assignmentRuleID: String?

    public init(
        object: String, operation: BulkOperation, externalIDField: String? = nil,
        columnDelimiter: ColumnDelimiter = .comma, lineEnding: LineEnding = .lf, assignmentRuleID: String? = nil
    ) {
        self.object = object
        self.operation = operation
        self.externalIDField = externalIDField
        self.columnDelimiter = columnDelimiter
        self.lineEnding = lineEnding
        self.assignmentRuleID = assignmentRuleID
    }
}
