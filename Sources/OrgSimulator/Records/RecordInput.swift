/// One record's incoming field values, from a JSON body or a CSV row, before validation.
struct RecordInput: Sendable {
    /// An incoming value.
    enum Value: Sendable {
        case null
        /// A JSON value (REST and collections).
        case json(JSONNode)
        /// A CSV cell (Bulk ingest); `#N/A` has already become `.null`.
        case text(String)
    }

    /// A parent named by external ID: `{"Account":{"Legacy_Id__c":"X"}}` or the CSV column `Account.Legacy_Id__c`.
    struct ParentReference: Sendable {
        /// Relationship name as given (`Account`, `Parent__r`).
        let relationship: String
        /// Polymorphic target type (`attributes.type`), when given.
        let targetType: String?
        let field: String
        let value: Value
    }

    var fields: [(name: String, value: Value)] = []
    var parents: [ParentReference] = []

    /// Builds an input from a JSON object, skipping `attributes`; nested objects become parent references.
    static func fromJSON(_ pairs: [(String, JSONNode)], skip: Set<String> = ["attributes"]) -> RecordInput {
        var input = RecordInput()
        for (key, value) in pairs where !skip.contains(key.lowercased()) {
            if case let .object(inner) = value {
                let type = inner.first { $0.0 == "attributes" }?.1["type"]?.stringValue
                for (innerKey, innerValue) in inner where innerKey != "attributes" {
                    input.parents.append(
                        ParentReference(relationship: key, targetType: type, field: innerKey, value: .json(innerValue)))
                }
                if inner.allSatisfy({ $0.0 == "attributes" }) {
                    input.parents.append(ParentReference(relationship: key, targetType: type, field: "", value: .null))
                }
            } else if case .null = value {
                input.fields.append((key, .null))
            } else {
                input.fields.append((key, .json(value)))
            }
        }
        return input
    }

    /// The value given for `name` (any case), if present.
    func value(named name: String) -> Value? {
        let lower = name.lowercased()
        return fields.first { $0.name.lowercased() == lower }?.value
    }
}

/// A per-record failure: `statusCode`/`errorCode`, message and fields.
struct SaveError: Error, Sendable {
    let code: String
    let message: String
    let fields: [String]

    init(_ code: String, _ message: String, fields: [String] = []) {
        self.code = code
        self.message = message
        self.fields = fields
    }

    var apiError: APIError {
        let status = code == "NOT_FOUND" || code == "ENTITY_IS_DELETED" ? 404 : 400
        return APIError(status: status, code, message, fields: fields.isEmpty && code != "REQUIRED_FIELD_MISSING" ? nil : fields)
    }

    /// The Bulk result form: `CODE:message:field1,field2 --`.
    var bulkText: String { "\(code):\(message):\(fields.joined(separator: ",")) --" }

    static let rolledBack = SaveError(
        "ALL_OR_NONE_OPERATION_ROLLED_BACK",
        "Record rolled back because not all records were valid and the request was using AllOrNone header")
    static let lockFailure = SaveError("UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record or 1 records")
}
