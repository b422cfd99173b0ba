/// One REST query page as the server sent it: the JSON text, plus the three members a caller needs to follow
/// the query, read without parsing the records.
///
/// For consumers that read records with their own byte-level reader (the export engine): handing them the
/// bytes spares a parse into `JSONValue` and a re-serialisation per page.
public struct QueryPageBody: Sendable, Equatable {
    /// All rows matching the query (the same on every page).
    public var totalSize: Int
    /// True on the last page.
    public var done: Bool
    /// Root-relative URL of the next page (absent on the last page).
    public var nextRecordsURL: String?
    /// The page's JSON text, `{"totalSize":…,"done":…,"records":[…]}`, exactly as received (gzip removed).
    public var body: [UInt8]

    public init(totalSize: Int, done: Bool, nextRecordsURL: String?, body: [UInt8]) {
        self.totalSize = totalSize
        self.done = done
        self.nextRecordsURL = nextRecordsURL
        self.body = body
    }
}
