import Foundation
import RecordFiles

extension SalesforceClient {
    /// Reads one record (`GET /sobjects/{object}/{id}`), all fields or those listed.
    public func retrieve(_ object: String, id: String, fields: [String]? = nil) async throws -> JSONObject {
        var query: [(String, String)] = []
        if let fields, !fields.isEmpty { query.append(("fields", fields.joined(separator: ","))) }
        let request = APIRequest(
            "GET", "sobjects/\(URLBuilder.encode(object))/\(URLBuilder.encode(id))", query: query, idempotent: true)
        let response = try await perform(request)
        guard let record = try? JSONValue.parse(response.body).objectValue else {
            throw SalesforceError.unexpectedResponse("the record \(object)/\(id) is not a JSON object")
        }
        return record
    }

    /// Creates one record (`POST /sobjects/{object}`). Not retried once it may have reached the server: an
    /// uncertain outcome throws `.outcomeUnknown`.
    public func create(_ object: String, fields: JSONObject) async throws -> SaveResult {
        let request = APIRequest.json(
            "POST", "sobjects/\(URLBuilder.encode(object))", body: JSONValue.object(fields).serialized(),
            idempotent: false)
        let response = try await perform(request)
        return try decode(SaveResult.self, response.body, what: "the create result")
    }

    /// Updates one record (`PATCH /sobjects/{object}/{id}`, 204).
    public func update(_ object: String, id: String, fields: JSONObject) async throws {
        let request = APIRequest.json(
            "PATCH", "sobjects/\(URLBuilder.encode(object))/\(URLBuilder.encode(id))",
            body: JSONValue.object(fields).serialized(), idempotent: true)
        _ = try await perform(request)
    }

    /// Deletes one record (`DELETE /sobjects/{object}/{id}`, 204).
    public func delete(_ object: String, id: String) async throws {
        let request = APIRequest(
            "DELETE", "sobjects/\(URLBuilder.encode(object))/\(URLBuilder.encode(id))", idempotent: false)
        _ = try await perform(request)
    }

    /// Upserts one record by external id (`PATCH /sobjects/{object}/{field}/{value}`): 201 created, 200 (or 204)
    /// updated, 300 several matches (nothing written). Safe to retry: the same upsert gives the same record.
    ///
    /// - Throws: `SalesforceError` `NOT_FOUND` when the field is not an external id of the object.
    public func upsert(_ object: String, externalIDField: String, value: String, fields: JSONObject) async throws
        -> UpsertOutcome
    {
        var request = APIRequest.json(
            "PATCH",
            "sobjects/\(URLBuilder.encode(object))/\(URLBuilder.encode(externalIDField))/\(URLBuilder.encode(value))",
            body: JSONValue.object(fields).serialized(), idempotent: true)
        request.acceptedStatuses = [300]
        let response = try await perform(request)
        switch response.status {
        case 300:
            let urls = (try? JSONValue.parse(response.body))?.arrayValue?.compactMap(\.stringValue) ?? []
            return .multipleMatches(recordURLs: urls)
        case 201:
            let result = try decode(SaveResult.self, response.body, what: "the upsert result")
            guard let id = result.id else { throw SalesforceError.unexpectedResponse("an upsert created no id") }
            return .created(id: id)
        case 204:
            return .updated(id: nil)
        default:
            let result = try decode(SaveResult.self, response.body, what: "the upsert result")
            return result.created == true ? .created(id: result.id ?? "") : .updated(id: result.id)
        }
    }
}
