/// A Bulk API 2.0 ingest operation.
public enum BulkOperation: String, Sendable, Codable, CaseIterable {
    case insert, update, upsert, delete, hardDelete
}
