import RecordFiles

/// One page of a REST query (`GET /query`, `/queryAll` or a `nextRecordsUrl`).
public struct QueryPage: Sendable, Equatable {
    /// All rows matching the query (the same on every page).
    public var totalSize: Int
    /// True on the last page.
    public var done: Bool
    /// The records of this page, each with its `attributes` object first, in Salesforce's key order.
    public var records: [JSONValue]
    /// Root-relative URL of the next page (absent on the last page).
    public var nextRecordsURL: String?

    public init(totalSize: Int, done: Bool, records: [JSONValue], nextRecordsURL: String? = nil) {
        self.totalSize = totalSize
        self.done = done
        self.records = records
        self.nextRecordsURL = nextRecordsURL
    }
}
