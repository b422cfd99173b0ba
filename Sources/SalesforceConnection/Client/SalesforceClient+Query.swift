import Foundation
import RecordFiles

extension SalesforceClient {
    /// Runs a SOQL query over REST and yields its pages in order, following `nextRecordsUrl` until `done`.
    ///
    /// Pages are fetched one at a time as the consumer asks for them, so memory holds one page. A session that
    /// expires between pages is renewed without the consumer noticing.
    /// - Parameters:
    ///   - soql: The query.
    ///   - includeDeleted: Use `queryAll` (deleted and archived rows too).
    ///   - batchSize: Page size hint (200...2000) sent as `Sforce-Query-Options: batchSize=N`.
    public func query(_ soql: String, includeDeleted: Bool = false, batchSize: Int? = nil)
        -> AsyncThrowingStream<QueryPage, any Error>
    {
        let cursor = QueryCursor()
        let headers: [(String, String)] =
            batchSize.map { [("Sforce-Query-Options", "batchSize=\(min(max($0, 200), 2000))")] } ?? []
        let firstRequest = APIRequest(
            "GET", includeDeleted ? "queryAll" : "query", query: [("q", soql)], headers: headers, idempotent: true)
        return AsyncThrowingStream(unfolding: {
            guard let request = await cursor.nextRequest(first: firstRequest, headers: headers) else { return nil }
            let response = try await self.perform(request)
            let page = try Self.parseQueryPage(response.body)
            await cursor.advance(next: page.done ? nil : page.nextRecordsURL)
            return page
        })
    }

    /// Runs `soql` (usually `SELECT COUNT() FROM ...`) and returns `totalSize`.
    public func count(_ soql: String, includeDeleted: Bool = false) async throws -> Int {
        let request = APIRequest("GET", includeDeleted ? "queryAll" : "query", query: [("q", soql)], idempotent: true)
        let response = try await perform(request)
        return try Self.parseQueryPage(response.body).totalSize
    }

    /// Reads a query page: `{totalSize, done, nextRecordsUrl?, records}`.
    static func parseQueryPage(_ body: [UInt8]) throws -> QueryPage {
        let value: JSONValue
        do {
            value = try JSONValue.parse(body)
        } catch {
            throw SalesforceError.unexpectedResponse("a query page is not valid JSON: \(error)")
        }
        guard let totalSize = value["totalSize"]?.intValue, let done = value["done"]?.boolValue else {
            throw SalesforceError.unexpectedResponse("a query page lacks totalSize/done")
        }
        let next = value["nextRecordsUrl"]?.stringValue
        if !done && next == nil {
            throw SalesforceError.unexpectedResponse("a query page says done=false but has no nextRecordsUrl")
        }
        return QueryPage(
            totalSize: totalSize, done: done, records: value["records"]?.arrayValue ?? [], nextRecordsURL: next)
    }
}
