/// What the export engine needs from an org. `SalesforceClient` provides it (see
/// `SalesforceClientOrg`); tests may provide canned pages.
///
/// REST pages are handed over as raw JSON bytes because the engine reads them with its own byte-level
/// reader: records never become general JSON values on the way to the file.
public protocol ExportOrg: Sendable {
    /// Runs `SELECT COUNT() ...` and returns the count.
    func count(_ soql: String, includeDeleted: Bool) async throws -> Int

    /// The pages of a REST query as JSON text (`{totalSize, done, nextRecordsUrl?, records}`), in order,
    /// every `nextRecordsUrl` followed.
    func queryPages(_ soql: String, includeDeleted: Bool, batchSize: Int?) -> AsyncThrowingStream<[UInt8], any Error>

    /// The pages from a `nextRecordsUrl` to the last, as JSON text: the rest of a subquery's children when a
    /// record's nested QueryResult says `done: false`.
    func queryPages(continuingAt nextRecordsURL: String) -> AsyncThrowingStream<[UInt8], any Error>

    /// Creates a Bulk API 2.0 query job (`query` or `queryAll`) and returns its id.
    func createQueryJob(_ soql: String, includeDeleted: Bool, columnDelimiter: String, lineEnding: String)
        async throws -> String

    /// Waits for the job to complete; returns its `numberRecordsProcessed`.
    func waitForQueryJob(_ jobID: String) async throws -> Int?

    /// Streams one results page into `onChunk`; returns the next locator (nil after the last page) and
    /// the page's `Sforce-NumberOfRecords`.
    func queryJobResults(
        _ jobID: String, locator: String?, maxRecords: Int?, onChunk: @escaping @Sendable ([UInt8]) throws -> Void
    ) async throws -> (nextLocator: String?, numberOfRecords: Int?)

    /// Opens one results page: returns once its head is in (next locator, record count), the body to be pulled
    /// later. A default implementation reads the page whole through `queryJobResults`.
    func openQueryJobResults(_ jobID: String, locator: String?, maxRecords: Int?) async throws -> OpenedResultsPage

    /// The fields of `object`, for `--fields all`, incremental exports and typing Bulk values.
    func exportSchema(_ object: String) async throws -> ExportSchema

    /// Every object in the org, for `--objects all`.
    func exportableObjects() async throws -> [ExportObjectSummary]

    /// Requests sent so far (for the summary).
    func apiCallCount() async -> Int
}

/// The parts of an object's describe the export engine uses.
public struct ExportSchema: Sendable, Equatable {
    public struct Field: Sendable, Equatable {
        public var name: String
        /// The describe `type` (`string`, `reference`, `address`, ...).
        public var type: String
        /// For component fields of a compound field: its name (`BillingAddress`).
        public var compoundFieldName: String?
        public var relationshipName: String?
        public var referenceTo: [String]

        public init(
            name: String, type: String, compoundFieldName: String? = nil, relationshipName: String? = nil,
            referenceTo: [String] = []
        ) {
            self.name = name
            self.type = type
            self.compoundFieldName = compoundFieldName
            self.relationshipName = relationshipName
            self.referenceTo = referenceTo
        }
    }

    public var name: String
    public var queryable: Bool
    public var fields: [Field]

    public init(name: String, queryable: Bool, fields: [Field]) {
        self.name = name
        self.queryable = queryable
        self.fields = fields
    }

    public func field(named name: String) -> Field? {
        let lower = name.lowercased()
        return fields.first { $0.name.lowercased() == lower }
    }

    /// The field list for `--fields all`: every field, with compound address and location fields left
    /// out (their components are fields of their own), and base64 bodies left out (Bulk cannot query
    /// them and REST returns only a URL).
    public var allExportFieldNames: [String] {
        fields.filter { $0.type != "address" && $0.type != "location" && $0.type != "base64" }.map(\.name)
    }

    /// The JSON type of a field's values for JSON Lines written from Bulk CSV.
    static func valueKind(forType type: String) -> ValueKind {
        switch type {
        case "int", "double", "currency", "percent", "long": return .number
        case "boolean": return .boolean
        default: return .text
        }
    }
}

/// An object from describeGlobal, for `--objects all`.
public struct ExportObjectSummary: Sendable, Equatable {
    public var name: String
    public var queryable: Bool
    public init(name: String, queryable: Bool) {
        self.name = name
        self.queryable = queryable
    }
}
