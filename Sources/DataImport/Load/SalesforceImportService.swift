import FieldMapping
import RecordFiles
import SalesforceConnection

/// `ImportService` over a `SalesforceClient`: describes, and saves through sObject Collections.
public struct SalesforceImportService: ImportService {
    public let client: SalesforceClient

    public init(client: SalesforceClient) {
        self.client = client
    }

    public func describe(_ object: String) async throws -> ObjectDescribe? {
        do {
            return try await client.describe(object)
        } catch let error as SalesforceError where error.status == 404 || error.errorCode == "NOT_FOUND" {
            return nil
        }
    }

    public func objectNames() async throws -> [String] {
        try await client.describeGlobal().sobjects.map(\.name)
    }

    public func save(
        _ records: [ImportRecord], object: String, operation: ImportOperation, externalIDField: String?
    ) async throws -> [RowOutcome] {
        let results: [SaveResult]
        switch operation {
        case .insert:
            results = try await client.collectionCreate(object, records: records.map { Self.json($0, object) })
        case .update:
            results = try await client.collectionUpdate(object, records: records.map { Self.json($0, object) })
        case .upsert:
            results = try await client.collectionUpsert(
                object, externalIDField: externalIDField ?? "Id", records: records.map { Self.json($0, object) })
        case .delete:
            results = try await client.collectionDelete(ids: records.map { $0.key ?? "" })
        case .hardDelete:
            throw DataImportError(
                .operationRefused, "hardDelete is only available through Bulk API 2.0; run with --api bulk")
        }
        return results.map { result in
            if result.success { return .success(id: result.id ?? "", created: result.created) }
            let first = result.errors.first
            let code = first?.statusCode ?? "UNKNOWN_ERROR"
            var message = result.errors.map(\.message).joined(separator: "; ")
            if let fields = first?.fields, !fields.isEmpty { message += " [\(fields.joined(separator: ", "))]" }
            return .failure(code: code, message: message)
        }
    }

    public func failureCell(for error: any Error, operation: ImportOperation) -> String {
        if let error = error as? SalesforceError {
            if error.category == .outcomeUnknown && operation == .insert {
                return "OUTCOME_UNKNOWN:the request may have reached Salesforce; the rows were not re-sent to avoid duplicates, check them in the org: \(error.message)"
            }
            return "\(error.errorCode.isEmpty ? "REQUEST_FAILED" : error.errorCode):\(error.message)"
        }
        return "REQUEST_FAILED:\(error)"
    }

    /// The sObject Collections JSON for a record: `attributes.type`, fields, and parent references as nested
    /// objects keyed by relationship name.
    static func json(_ record: ImportRecord, _ object: String) -> JSONObject {
        var members: [(String, JSONValue)] = [("attributes", .object(JSONObject([("type", .string(object))])))]
        for (target, value) in record.values {
            switch target {
            case .field(let name):
                members.append((name, json(value)))
            case .lookup(let field, let relationship, let parent, let key, let polymorphic):
                if value == .null {
                    members.append((field, .null))
                    continue
                }
                var reference: [(String, JSONValue)] = []
                if polymorphic { reference.append(("attributes", .object(JSONObject([("type", .string(parent))])))) }
                reference.append((key, json(value)))
                members.append((relationship, .object(JSONObject(reference))))
            }
        }
        return JSONObject(members)
    }

    static func json(_ value: WireValue) -> JSONValue {
        switch value {
        case .omit, .null: return .null
        case .text(let text): return .string(text)
        case .number(let text): return .number(text)
        case .bool(let flag): return .bool(flag)
        }
    }
}
