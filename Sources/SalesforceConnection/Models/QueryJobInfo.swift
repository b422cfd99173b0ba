/// A Bulk API 2.0 query job as Salesforce reports it.
public struct QueryJobInfo: Sendable, Codable, Equatable {
    public var id: String
    public var object: String
    /// `query` or `queryAll`.
    public var operation: String
    public var state: BulkJobState
    public var apiVersion: Double?
    public var columnDelimiter: String?
    public var lineEnding: String?
    public var createdDate: String?
    public var numberRecordsProcessed: Int
    public var retries: Int
    public var totalProcessingTime: Int
    public var errorMessage: String?

    enum CodingKeys: String, CodingKey {
        case id, object, operation, state, apiVersion, columnDelimiter, lineEnding, createdDate,
            numberRecordsProcessed, retries, totalProcessingTime, errorMessage
    }

    public init(id: String, object: String, operation: String, state: BulkJobState) {
        self.id = id
        self.object = object
        self.operation = operation
        self.state = state
        numberRecordsProcessed = 0
        retries = 0
        totalProcessingTime = 0
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        object = c.value(.object, default: "")
        operation = c.value(.operation, default: "query")
        state = c.value(.state, default: BulkJobState.uploadComplete)
        apiVersion = c.flexibleDouble(.apiVersion)
        columnDelimiter = c.optional(.columnDelimiter)
        lineEnding = c.optional(.lineEnding)
        createdDate = c.optional(.createdDate)
        numberRecordsProcessed = c.flexibleInt(.numberRecordsProcessed) ?? 0
        retries = c.flexibleInt(.retries) ?? 0
        totalProcessingTime = c.flexibleInt(.totalProcessingTime) ?? 0
        errorMessage = c.optional(.errorMessage)
    }
}
