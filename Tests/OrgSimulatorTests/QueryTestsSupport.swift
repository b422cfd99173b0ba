import Foundation
import SOQL

@testable import OrgSimulator

/// An in-process org with the sample schema and a few known records, plus a way to call the query routes
/// without a socket. Records are minted in a fixed order, so their Ids are known.
final class QueryTestOrg: @unchecked Sendable {
    // Safety: used by one test at a time; the org itself is thread-safe.
    let org: Org
    private(set) var router = Router()
    /// 2024-05-15 (a Wednesday): the "today" of date-literal tests.
    static let today = SOQLDate(year: 2024, month: 5, day: 15)!

    static let schemaDirectory: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("samples/schema").path
    }()

    init() throws {
        let catalog = try SchemaCatalog.load(directory: QueryTestOrg.schemaDirectory)
        org = Org(catalog: catalog, configuration: OrgConfiguration())
        org.provisionUsers()
        QueryRoutes.install(into: &router)
    }

    /// Inserts a record with the given field values (by name, any case) and returns its Id.
    @discardableResult
    func insert(_ object: String, _ fields: [String: FieldValue]) -> String {
        org.store.write { writer in
            guard let table = writer.table(named: object) else { return "" }
            var values = [FieldValue](repeating: .null, count: table.schema.fields.count)
            if let o = table.schema.isDeletedOrdinal { values[o] = .bool(false) }
            for (name, value) in fields {
                if let field = table.schema.field(named: name) { values[field.ordinal] = value }
            }
            let slot = table.insert(values)
            return table.id(ofSlot: slot)
        }
    }

    /// Moves a record to the recycle bin.
    func recycle(_ object: String, _ id: String) {
        org.store.write { writer in
            guard let table = writer.table(named: object), let slot = table.slot(ofID: id) else { return }
            let deleter = table.row(at: slot).flatMap { row -> String? in
                guard let o = table.schema.createdByOrdinal, case let .id(user) = row.value(at: o) else { return nil }
                return user
            }
            table.recycle(slot: slot, at: Int64(Date().timeIntervalSince1970 * 1000), by: deleter ?? "005000000000000AAA")
        }
    }

    /// Runs a query in-process.
    func query(_ soql: String, all: Bool = false) throws -> QueryResult {
        try QueryEngine.execute(soql, store: org.store, includeDeleted: all, today: QueryTestOrg.today)
    }

    /// Renders the first page of a query as the REST API would (no cursor).
    func json(_ soql: String, all: Bool = false) throws -> String {
        let result = try query(soql, all: all)
        let bytes = org.store.read { _ in
            QueryPage.render(result, offset: 0, pageSize: 2000, cursorID: nil, dataBase: "/services/data/v62.0")
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The SOQL error a query raises, or nil.
    func error(_ soql: String) -> SOQLError? {
        do {
            _ = try query(soql)
            return nil
        } catch let error as SOQLError {
            return error
        } catch {
            return nil
        }
    }

    /// Calls a route the way the server does, returning the response (errors rendered as Salesforce does).
    func request(_ method: String, _ uri: String, headers: [(String, String)] = [], body: String = "") -> SimResponse {
        let request = SimRequest(method: method, uri: uri, headers: headers, body: Array(body.utf8))
        guard case .found(let match) = router.lookup(method: method, components: request.components) else {
            return APIError.notFound.response
        }
        let session = Session(
            token: "t", userSlot: 0, username: OrgConfiguration.defaultUsername, method: .password, issuedAt: 0,
            expiresAt: .greatestFiniteMagnitude)
        let context = RouteContext(
            org: org, request: request, parameters: match.parameters, session: session,
            apiVersion: match.apiVersion ?? "62.0")
        do {
            return try match.route.handler(context)
        } catch let error as APIError {
            return error.response
        } catch {
            return APIError(status: 500, "UNKNOWN_EXCEPTION", "\(error)").response
        }
    }

    /// `/services/data/v62.0/<resource>?q=<soql>` with the query percent-encoded.
    static func queryURI(_ soql: String, resource: String = "query") -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+?")
        return "/services/data/v62.0/\(resource)?q=" + (soql.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
    }
}

extension SimResponse {
    /// The body as text.
    var text: String { String(decoding: body, as: UTF8.self) }

    /// A header's value (case-insensitive).
    func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    /// The body parsed as JSON.
    var json: JSONNode? { try? JSONNode.parse(body) }
}
