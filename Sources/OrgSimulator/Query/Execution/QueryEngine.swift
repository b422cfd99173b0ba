import Foundation
import SOQL

/// Parses, compiles and runs SOQL against an org's store: the one entry point REST query, queryAll and Bulk
/// query jobs share.
enum QueryEngine {
    /// Runs `soql`.
    /// - Parameters:
    ///   - includeDeleted: queryAll semantics (recycled rows, IsDeleted = true, are included).
    ///   - today: the current UTC day for date literals (defaults to now).
    /// - Throws: `SOQLError` (`MALFORMED_QUERY`, `INVALID_FIELD`, `INVALID_TYPE`, ...).
    static func execute(
        _ soql: String, store: OrgStore, includeDeleted: Bool, today: SOQLDate = QueryEngine.currentDay()
    ) throws -> QueryResult {
        let query = try SOQLQuery(parsing: soql)
        return try store.read { reader in
            let compiler = QueryCompiler(
                reader: reader, text: soql, today: today, includeDeleted: includeDeleted || query.allRows)
            let plan = try compiler.compile(query)
            return QueryExecutor(plan: plan, includeDeleted: includeDeleted || query.allRows).run()
        }
    }

    /// Parses and compiles `soql` without running it (Bulk jobs validate on create and run later).
    /// - Throws: `SOQLError`.
    static func plan(
        _ soql: String, store: OrgStore, includeDeleted: Bool, today: SOQLDate = QueryEngine.currentDay()
    ) throws -> (SOQLQuery, QueryPlan) {
        let query = try SOQLQuery(parsing: soql)
        let plan = try store.read { reader in
            try QueryCompiler(reader: reader, text: soql, today: today, includeDeleted: includeDeleted)
                .compile(query)
        }
        return (query, plan)
    }

    /// Today in UTC.
    static func currentDay() -> SOQLDate {
        SOQLDate(daysSinceEpoch: Int((Date().timeIntervalSince1970 / 86_400).rounded(.down)))
    }

    /// The Salesforce error body for a SOQL error (400).
    static func apiError(_ error: SOQLError) -> APIError {
        APIError(status: 400, error.code.rawValue, error.message)
    }
}
