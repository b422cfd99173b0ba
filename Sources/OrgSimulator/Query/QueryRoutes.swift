/// Installs the SOQL routes (query, queryAll, query locators, Bulk API 2.0 query jobs).
///
/// Owned by the SOQL/query code: replace the body with the real handlers, keeping this signature.
/// The server calls it once at start-up, after the core REST routes.
enum QueryRoutes {
    static func install(into router: inout Router) {
        router.add("GET", .versioned, ["query"]) { _ in
            throw APIError(status: 501, "API_DISABLED_FOR_ORG", "SOQL queries are not available in this build")
        }
    }
}
