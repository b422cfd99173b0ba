/// A per-record error in a save result: `{"statusCode","message","fields"}` (Collections) or the REST error shape.
public struct RecordError: Sendable, Equatable, Codable, CustomStringConvertible {
    /// Salesforce's code (`REQUIRED_FIELD_MISSING`, `UNABLE_TO_LOCK_ROW`, ...).
    public var statusCode: String
    public var message: String
    public var fields: [String]

    public init(statusCode: String, message: String, fields: [String] = []) {
        self.statusCode = statusCode
        self.message = message
        self.fields = fields
    }

    enum CodingKeys: String, CodingKey { case statusCode, errorCode, message, fields }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        statusCode = c.optional(.statusCode) ?? c.optional(.errorCode) ?? "UNKNOWN_ERROR"
        message = c.value(.message, default: "")
        fields = c.value(.fields, default: [])
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(statusCode, forKey: .statusCode)
        try c.encode(message, forKey: .message)
        try c.encode(fields, forKey: .fields)
    }

    /// `CODE: message` (and the fields), as result files print it.
    public var description: String {
        fields.isEmpty ? "\(statusCode): \(message)" : "\(statusCode): \(message) [\(fields.joined(separator: ", "))]"
    }

    /// True for `UNABLE_TO_LOCK_ROW`: the row was not saved because another transaction held it; retry it later.
    public var isRowLock: Bool { statusCode == "UNABLE_TO_LOCK_ROW" }

    /// True for `ALL_OR_NONE_OPERATION_ROLLED_BACK`: the row was valid but rolled back with its batch.
    public var isRolledBack: Bool { statusCode == "ALL_OR_NONE_OPERATION_ROLLED_BACK" }
}
