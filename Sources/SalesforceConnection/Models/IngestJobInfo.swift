/// A Bulk API 2.0 ingest job as Salesforce reports it (create, close, status).
public struct IngestJobInfo: Sendable, Codable, Equatable {
    public var id: String
    public var object: String
    public var operation: String
    public var state: BulkJobState
    public var externalIdFieldName: String?
    public var contentType: String?
    public var lineEnding: String?
    public var columnDelimiter: String?
    public var apiVersion: Double?
    public var createdDate: String?
    public var systemModstamp: String?
    public var numberRecordsProcessed: Int
    public var numberRecordsFailed: Int
    public var retries: Int
    public var totalProcessingTime: Int
    /// Salesforce's reason when `state` is `Failed`.
    public var errorMessage: String?

    enum CodingKeys: String, CodingKey {
        case id, object, operation, state, externalIdFieldName, contentType, lineEnding, columnDelimiter, apiVersion,
            createdDate, systemModstamp, numberRecordsProcessed, numberRecordsFailed, retries, totalProcessingTime,
            errorMessage
    }

    public init(id: String, object: String, operation: String, state: BulkJobState) {
        self.id = id
        self.object = object
        self.operation = operation
        self.state = state
        numberRecordsProcessed = 0
        numberRecordsFailed = 0
        retries = 0
        totalProcessingTime = 0
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        object = c.value(.object, default: "")
        operation = c.value(.operation, default: "")
        state = c.value(.state, default: BulkJobState.open)
        externalIdFieldName = c.optional(.externalIdFieldName)
        contentType = c.optional(.contentType)
        lineEnding = c.optional(.lineEnding)
        columnDelimiter = c.optional(.columnDelimiter)
        apiVersion = c.flexibleDouble(.apiVersion)
        createdDate = c.optional(.createdDate)
        systemModstamp = c.optional(.systemModstamp)
        numberRecordsProcessed = c.flexibleInt(.numberRecordsProcessed) ?? 0
        numberRecordsFailed = c.flexibleInt(.numberRecordsFailed) ?? 0
        retries = c.flexibleInt(.retries) ?? 0
        totalProcessingTime = c.flexibleInt(.totalProcessingTime) ?? 0
        errorMessage = c.optional(.errorMessage)
    }
}
