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
        pages(of: soql, includeDeleted: includeDeleted, batchSize: batchSize) { body in
            let page = try Self.parseQueryPage(body)
            return (page, page.done ? nil : page.nextRecordsURL)
        }
    }

    /// Runs a SOQL query over REST and yields each page's JSON text as received, with `totalSize`, `done` and
    /// `nextRecordsUrl` read from the page's leading members; records are not parsed.
    ///
    /// The same paging, session renewal, retries and scheduling as `query(_:includeDeleted:batchSize:)`; use
    /// it when the records are read by a byte-level reader of your own.
    /// - Throws: (from the stream) what `query` throws; a page without `totalSize`/`done` is
    ///   `SalesforceError.unexpectedResponse`.
    public func queryPageBodies(_ soql: String, includeDeleted: Bool = false, batchSize: Int? = nil)
        -> AsyncThrowingStream<QueryPageBody, any Error>
    {
        pages(of: soql, includeDeleted: includeDeleted, batchSize: batchSize, read: Self.readPageBody)
    }

    /// Continues a query from a `nextRecordsUrl` (a query's next page, or the rest of a subquery's children
    /// from a record's nested QueryResult) and yields the page bodies from there to the last.
    /// - Parameter nextRecordsURL: the root-relative URL the server gave (`/services/data/vNN.N/query/01g…-2000`).
    public func queryPageBodies(continuingAt nextRecordsURL: String, batchSize: Int? = nil)
        -> AsyncThrowingStream<QueryPageBody, any Error>
    {
        let headers = Self.queryOptionHeaders(batchSize: batchSize)
        return pages(
            first: APIRequest("GET", nextRecordsURL, headers: headers, idempotent: true), headers: headers,
            read: Self.readPageBody)
    }

    /// Runs `soql` (usually `SELECT COUNT() FROM ...`) and returns `totalSize`.
    public func count(_ soql: String, includeDeleted: Bool = false) async throws -> Int {
        let request = APIRequest("GET", includeDeleted ? "queryAll" : "query", query: [("q", soql)], idempotent: true)
        let response = try await perform(request)
        return try QueryPageHeader(scanning: response.body).totalSize
    }

    /// The one paging loop behind every REST query stream: sends the first request, then each next URL that
    /// `read` finds, one page per consumer demand, through `perform` (session renewal on 401, scheduler
    /// retries and accounting).
    private func pages<Page: Sendable>(
        of soql: String, includeDeleted: Bool, batchSize: Int?,
        read: @escaping @Sendable ([UInt8]) throws -> (page: Page, next: String?)
    ) -> AsyncThrowingStream<Page, any Error> {
        let headers = Self.queryOptionHeaders(batchSize: batchSize)
        let first = APIRequest(
            "GET", includeDeleted ? "queryAll" : "query", query: [("q", soql)], headers: headers, idempotent: true)
        return pages(first: first, headers: headers, read: read)
    }

    private func pages<Page: Sendable>(
        first: APIRequest, headers: [(String, String)],
        read: @escaping @Sendable ([UInt8]) throws -> (page: Page, next: String?)
    ) -> AsyncThrowingStream<Page, any Error> {
        let cursor = QueryCursor()
        return AsyncThrowingStream(unfolding: {
            guard let request = await cursor.nextRequest(first: first, headers: headers) else { return nil }
            let response = try await self.perform(request)
            let (page, next) = try read(response.body)
            await cursor.advance(next: next)
            return page
        })
    }

    private static func queryOptionHeaders(batchSize: Int?) -> [(String, String)] {
        batchSize.map { [("Sforce-Query-Options", "batchSize=\(min(max($0, 200), 2000))")] } ?? []
    }

    @Sendable private static func readPageBody(_ body: [UInt8]) throws -> (page: QueryPageBody, next: String?) {
        let header = try QueryPageHeader(scanning: body)
        let page = QueryPageBody(
            totalSize: header.totalSize, done: header.done, nextRecordsURL: header.nextRecordsURL, body: body)
        return (page, header.done ? nil : header.nextRecordsURL)
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
