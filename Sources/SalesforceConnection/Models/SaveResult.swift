/// The outcome of saving one record (create, update, upsert, delete; single or in a collection).
public struct SaveResult: Sendable, Equatable, Codable {
    /// The record id; absent for failed inserts.
    public var id: String?
    public var success: Bool
    public var errors: [RecordError]
    /// For upserts: true when the record was inserted, false when an existing one was updated.
    public var created: Bool?

    public init(id: String?, success: Bool, errors: [RecordError] = [], created: Bool? = nil) {
        self.id = id
        self.success = success
        self.errors = errors
        self.created = created
    }

    enum CodingKeys: String, CodingKey { case id, success, errors, created }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = c.optional(.id)
        success = c.value(.success, default: false)
        errors = c.value(.errors, default: [])
        created = c.optional(.created)
    }

    /// True when every error is `UNABLE_TO_LOCK_ROW` (or a rollback caused by one): retrying the row may succeed.
    public var isRetryableRowLock: Bool {
        !success && errors.contains { $0.isRowLock } && errors.allSatisfy { $0.isRowLock || $0.isRolledBack }
    }
}
