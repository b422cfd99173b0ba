import SOQL

/// Installs the SOQL routes: REST `query`, `queryAll` and `query/<locator>`, and Bulk API 2.0 query jobs.
///
/// The server calls it once at start-up, after the core REST routes. Cursor and job state live in objects created
/// here and captured by the handlers, one set per server.
enum QueryRoutes {
    static func install(into router: inout Router) {
        let cursors = QueryCursorStore()
        for resource in ["query", "queryAll"] {
            let includeDeleted = resource == "queryAll"
            router.add("GET", .versioned, [resource]) { context in
                try runQuery(context, includeDeleted: includeDeleted, cursors: cursors)
            }
            router.add("GET", .versioned, [resource, ":locator"]) { context in
                try nextPage(context, cursors: cursors)
            }
        }
        BulkQueryRoutes.install(into: &router)
    }

    private static func runQuery(_ context: RouteContext, includeDeleted: Bool, cursors: QueryCursorStore) throws
        -> SimResponse
    {
        guard let soql = context.request.queryValue("q"), !soql.isEmpty else {
            throw APIError(status: 400, "MALFORMED_QUERY", "A query string has to be specified")
        }
        let result: QueryResult
        do {
            result = try QueryEngine.execute(soql, store: context.org.store, includeDeleted: includeDeleted)
        } catch let error as SOQLError {
            throw QueryEngine.apiError(error)
        }
        let pageSize = QueryPage.pageSize(context.request.header("Sforce-Query-Options"))
        let cursor = result.recordCount > pageSize ? cursors.open(result, pageSize: pageSize) : nil
        let truncate = context.org.truncatingResults()
        let body = context.org.store.read { _ in
            QueryPage.render(
                result, offset: 0, pageSize: pageSize, cursorID: cursor?.id, dataBase: context.dataBase, truncate: truncate)
        }
        return .json(200, body)
    }

    private static func nextPage(_ context: RouteContext, cursors: QueryCursorStore) throws -> SimResponse {
        let locator = context.parameter("locator")
        let parts = locator.split(separator: "-", maxSplits: 1)
        guard parts.count == 2, let offset = Int(parts[1]), offset >= 0, let cursor = cursors.cursor(String(parts[0]))
        else {
            throw APIError(status: 400, "INVALID_QUERY_LOCATOR", "invalid query locator")
        }
        let header = context.request.header("Sforce-Query-Options")
        let pageSize = header == nil ? cursor.pageSize : QueryPage.pageSize(header)
        let truncate = context.org.truncatingResults()
        let body = context.org.store.read { _ in
            QueryPage.render(cursor.result, offset: min(offset, cursor.result.recordCount), pageSize: pageSize,
                             cursorID: cursor.id, dataBase: context.dataBase, truncate: truncate)
        }
        return .json(200, body)
    }
}
