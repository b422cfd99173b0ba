import Foundation
import RecordFiles

extension SalesforceClient {
    /// Largest number of records in one sObject Collections request.
    public static let collectionLimit = 200

    /// Creates up to 200 records of `object` in one request (`POST /composite/sobjects`); results in input order.
    ///
    /// Rows fail individually unless `allOrNone`. `UNABLE_TO_LOCK_ROW` comes back as a row result
    /// (`SaveResult.isRetryableRowLock`) for the caller to retry. Inserts are never re-sent once they may have
    /// reached the server: an uncertain outcome throws `.outcomeUnknown` for the caller to reconcile.
    public func collectionCreate(_ object: String, records: [JSONObject], allOrNone: Bool = false) async throws
        -> [SaveResult]
    {
        try await saveCollection(
            "POST", "composite/sobjects", object: object, records: records, allOrNone: allOrNone, idempotent: false)
    }

    /// Updates up to 200 records of `object` (each with `Id`) in one request (`PATCH /composite/sobjects`).
    public func collectionUpdate(_ object: String, records: [JSONObject], allOrNone: Bool = false) async throws
        -> [SaveResult]
    {
        try await saveCollection(
            "PATCH", "composite/sobjects", object: object, records: records, allOrNone: allOrNone, idempotent: true)
    }

    /// Upserts up to 200 records of `object` by `externalIDField`
    /// (`PATCH /composite/sobjects/{object}/{field}`); results carry `created`.
    public func collectionUpsert(
        _ object: String, externalIDField: String, records: [JSONObject], allOrNone: Bool = false
    ) async throws -> [SaveResult] {
        try await saveCollection(
            "PATCH", "composite/sobjects/\(URLBuilder.encode(object))/\(URLBuilder.encode(externalIDField))",
            object: object, records: records, allOrNone: allOrNone, idempotent: true)
    }

    /// Deletes up to 200 records by id (`DELETE /composite/sobjects?ids=...`); results in input order.
    public func collectionDelete(ids: [String], allOrNone: Bool = false) async throws -> [SaveResult] {
        try checkCollectionSize(ids.count)
        guard !ids.isEmpty else { return [] }
        var query = [("ids", ids.joined(separator: ","))]
        if allOrNone { query.append(("allOrNone", "true")) }
        let request = APIRequest("DELETE", "composite/sobjects", query: query, idempotent: false)
        let response = try await perform(request)
        return try collectionResults(response.body, expected: ids.count)
    }

    /// Reads up to 2,000 records by id (`POST /composite/sobjects/{object}` with ids and fields); `nil` for ids
    /// that do not exist or are not visible.
    public func collectionRetrieve(_ object: String, ids: [String], fields: [String]) async throws -> [JSONObject?] {
        guard !ids.isEmpty else { return [] }
        let body = JSONValue.object(
            JSONObject([
                ("ids", JSONValue.array(ids.map { .string($0) })),
                ("fields", JSONValue.array(fields.map { .string($0) })),
            ]))
        let request = APIRequest.json(
            "POST", "composite/sobjects/\(URLBuilder.encode(object))", body: body.serialized(), idempotent: true)
        let response = try await perform(request)
        guard let array = try? JSONValue.parse(response.body).arrayValue, array.count == ids.count else {
            throw SalesforceError.unexpectedResponse("the retrieve result does not have one entry per id")
        }
        return array.map { $0.objectValue }
    }

    private func saveCollection(
        _ method: String, _ path: String, object: String, records: [JSONObject], allOrNone: Bool, idempotent: Bool
    ) async throws -> [SaveResult] {
        try checkCollectionSize(records.count)
        guard !records.isEmpty else { return [] }
        let body = Self.collectionBody(object: object, records: records, allOrNone: allOrNone)
        let response = try await perform(APIRequest.json(method, path, body: body, idempotent: idempotent))
        return try collectionResults(response.body, expected: records.count)
    }

    private func checkCollectionSize(_ count: Int) throws {
        if count > Self.collectionLimit {
            throw SalesforceError.configuration(
                "a collection request takes at most \(Self.collectionLimit) records, got \(count); split the batch")
        }
    }

    private func collectionResults(_ body: [UInt8], expected: Int) throws -> [SaveResult] {
        let results = try decode([SaveResult].self, body, what: "the collection results")
        guard results.count == expected else {
            throw SalesforceError.unexpectedResponse(
                "the collection request returned \(results.count) results for \(expected) records")
        }
        return results
    }

    /// `{"allOrNone":false,"records":[{"attributes":{"type":"Contact"},...},...]}`; each record gets
    /// `attributes.type` first when it has none.
    static func collectionBody(object: String, records: [JSONObject], allOrNone: Bool) -> [UInt8] {
        var bytes = Array("{\"allOrNone\":\(allOrNone),\"records\":[".utf8)
        let attributes = JSONValue.object(JSONObject([("type", JSONValue.string(object))]))
        for (index, record) in records.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            if record["attributes"] != nil {
                bytes += JSONValue.object(record).serialized()
            } else {
                var members: [(String, JSONValue)] = [("attributes", attributes)]
                members += record.map { ($0.key, $0.value) }
                bytes += JSONValue.object(JSONObject(members)).serialized()
            }
        }
        bytes += Array("]}".utf8)
        return bytes
    }
}
