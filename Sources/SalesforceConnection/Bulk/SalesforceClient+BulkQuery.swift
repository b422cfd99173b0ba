import Foundation
import HTTPTransport
import RecordFiles

extension SalesforceClient {
    /// Creates a Bulk API 2.0 query job (`POST /jobs/query`).
    ///
    /// - Parameters:
    ///   - soql: The query; Bulk does not support aggregates, OFFSET, TYPEOF or parent-to-child subqueries.
    ///   - includeDeleted: `queryAll` instead of `query`.
    public func createQueryJob(
        _ soql: String, includeDeleted: Bool = false, columnDelimiter: ColumnDelimiter = .comma,
        lineEnding: LineEnding = .lf
    ) async throws -> QueryJobInfo {
        let body = JSONValue.object(
            JSONObject([
                ("operation", .string(includeDeleted ? "queryAll" : "query")), ("query", .string(soql)),
                ("contentType", .string("CSV")), ("columnDelimiter", .string(columnDelimiter.rawValue)),
                ("lineEnding", .string(lineEnding.rawValue)),
            ])
        ).serialized()
        let response = try await perform(APIRequest.json("POST", "jobs/query", body: body, idempotent: true))
        return try decode(QueryJobInfo.self, response.body, what: "the query job")
    }

    /// The query job's status (`GET /jobs/query/{id}`).
    public func queryJobInfo(_ jobID: String) async throws -> QueryJobInfo {
        let response = try await perform(APIRequest("GET", "jobs/query/\(URLBuilder.encode(jobID))", idempotent: true))
        return try decode(QueryJobInfo.self, response.body, what: "the query job status")
    }

    /// Polls the query job with backoff until `JobComplete`.
    ///
    /// - Throws: `SalesforceError` `BULK_QUERY_FAILED` with Salesforce's `errorMessage` when the job fails or is
    ///   aborted (a failed query job has no results).
    public func waitForQueryJob(_ jobID: String, onPoll: (@Sendable (QueryJobInfo) -> Void)? = nil) async throws
        -> QueryJobInfo
    {
        let info = try await poll(jobID) {
            let info = try await self.queryJobInfo(jobID)
            onPoll?(info)
            return (info, info.state.isTerminal)
        }
        guard info.state == .jobComplete else {
            throw SalesforceError(
                category: .api, errorCode: "BULK_QUERY_FAILED",
                message: "query job \(jobID) ended \(info.state): \(info.errorMessage ?? "no reason given")",
                hint: "fix the query, or run it over REST (--api rest) if Bulk does not support it")
        }
        return info
    }

    /// Streams one page of a finished query job's CSV to `onChunk` (header row first on every page).
    ///
    /// - Parameters:
    ///   - locator: `nil` for the first page, then the returned `nextLocator`.
    ///   - maxRecords: Page size cap.
    /// - Returns: The locator of the next page (`nil` after the last, when Salesforce says the literal `null`)
    ///   and the number of records in this page.
    public func queryJobResults(
        _ jobID: String, locator: String? = nil, maxRecords: Int? = nil,
        onChunk: @escaping @Sendable ([UInt8]) throws -> Void
    ) async throws -> (nextLocator: String?, numberOfRecords: Int) {
        let request = Self.resultsRequest(jobID, locator: locator, maxRecords: maxRecords)
        let head = try await performStreaming(request, onChunk: onChunk)
        let next = head.headers["Sforce-Locator"].flatMap { value -> String? in
            let trimmed = value.trimmingCharacters(in: .whitespaces)
            return trimmed.isEmpty || trimmed.lowercased() == "null" ? nil : trimmed
        }
        let count = head.headers["Sforce-NumberOfRecords"].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        return (next, count ?? 0)
    }

    /// Opens one results page: returns once its head is in, with the next locator and the page's record count,
    /// leaving the body to be read with `OpenedResponse.nextChunk()`. Used to ask for the next page while the
    /// current one is still being written.
    public func openQueryJobResults(_ jobID: String, locator: String? = nil, maxRecords: Int? = nil) async throws
        -> (nextLocator: String?, numberOfRecords: Int, body: OpenedResponse)
    {
        let request = Self.resultsRequest(jobID, locator: locator, maxRecords: maxRecords)
        let opened = try await open(request)
        let next = opened.head.headers["Sforce-Locator"].flatMap { value -> String? in
            let trimmed = value.trimmingCharacters(in: .whitespaces)
            return trimmed.isEmpty || trimmed.lowercased() == "null" ? nil : trimmed
        }
        let count = opened.head.headers["Sforce-NumberOfRecords"].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        return (next, count ?? 0, opened)
    }

    /// `GET /jobs/query/{id}/results` for one page.
    private static func resultsRequest(_ jobID: String, locator: String?, maxRecords: Int?) -> APIRequest {
        var query: [(String, String)] = []
        if let locator { query.append(("locator", locator)) }
        if let maxRecords { query.append(("maxRecords", String(maxRecords))) }
        return APIRequest(
            "GET", "jobs/query/\(URLBuilder.encode(jobID))/results", query: query, headers: [("Accept", "text/csv")],
            idempotent: true)
    }

    /// Aborts a query job that is still running.
    public func abortQueryJob(_ jobID: String) async throws -> QueryJobInfo {
        let body = Array("{\"state\":\"Aborted\"}".utf8)
        let response = try await perform(
            APIRequest.json("PATCH", "jobs/query/\(URLBuilder.encode(jobID))", body: body, idempotent: true))
        return try decode(QueryJobInfo.self, response.body, what: "the query job")
    }

    /// Deletes a finished query job and its results.
    public func deleteQueryJob(_ jobID: String) async throws {
        _ = try await perform(APIRequest("DELETE", "jobs/query/\(URLBuilder.encode(jobID))", idempotent: true))
    }
}
