/// Composite (`POST /composite`, reference §7): up to 25 sub-requests run in order, each answered as
/// it would be on its own, with `@{referenceId.path}` references to earlier results. With
/// `allOrNone`, the first failure halts the rest (`PROCESSING_HALTED`) and records created by the
/// earlier sub-requests are removed again (updates and deletes are not undone).
enum CompositeRoutes {
    static let maxSubrequests = 25

    static func install(into router: inout Router) {
        router.add("POST", .versioned, ["composite"]) { try composite($0) }
    }

    static func composite(_ context: RouteContext) throws -> SimResponse {
        let body = try context.jsonBody()
        guard let subrequests = body["compositeRequest"]?.arrayValue else {
            throw APIError(status: 400, "JSON_PARSER_ERROR", "compositeRequest is required and must be a list")
        }
        guard subrequests.count <= maxSubrequests else {
            throw APIError(status: 400, "INVALID_INPUT", "Composite requests are limited to \(maxSubrequests) subrequests")
        }
        guard let router = context.org.routerBox.snapshot else {
            throw APIError(status: 500, "UNKNOWN_EXCEPTION", "The composite resource is not ready")
        }
        let allOrNone = body["allOrNone"]?.boolValue ?? false
        var results: [(String, JSONNode)] = []
        var outputs: [[UInt8]] = []
        var created: [String] = []
        var halted = false
        for sub in subrequests {
            let reference = sub["referenceId"]?.stringValue ?? ""
            if halted {
                outputs.append(entry(status: 400, headers: [], body: APIError(status: 400, "PROCESSING_HALTED", "The transaction was rolled back since another operation in the same transaction failed.").response.body, reference: reference))
                continue
            }
            let response = run(sub, context: context, router: router, results: results)
            let parsed = (try? JSONNode.parse(response.body)) ?? .null
            results.append((reference, parsed))
            if response.status == 201, let id = parsed["id"]?.stringValue { created.append(id) }
            var headers: [(String, String)] = []
            if let location = response.headers.first(where: { $0.0 == "Location" })?.1 { headers.append(("Location", location)) }
            outputs.append(entry(status: response.status, headers: headers, body: response.body, reference: reference))
            if allOrNone && response.status >= 400 { halted = true }
        }
        if halted && !created.isEmpty {
            context.org.store.write { writer in
                for id in created { if let loc = writer.locate(id: id) { loc.table.purge(slot: loc.slot) } }
            }
        }
        var w = JSONWriter(capacity: 1024)
        w.raw("{\"compositeResponse\":[")
        var first = true
        for o in outputs {
            w.comma(&first)
            w.bytes.append(contentsOf: o)
        }
        w.raw("]}")
        return .json(200, w.bytes)
    }

    static func entry(status: Int, headers: [(String, String)], body: [UInt8], reference: String) -> [UInt8] {
        var w = JSONWriter()
        w.raw("{\"body\":")
        if body.isEmpty { w.null() } else { w.bytes.append(contentsOf: body) }
        w.raw(",\"httpHeaders\":{")
        var first = true
        for (k, v) in headers {
            w.comma(&first)
            w.key(k)
            w.string(v)
        }
        w.raw("},\"httpStatusCode\":\(status),\"referenceId\":")
        w.string(reference)
        w.raw("}")
        return w.bytes
    }

    /// Runs one sub-request through the router with the caller's session.
    static func run(_ sub: JSONNode, context: RouteContext, router: Router, results: [(String, JSONNode)]) -> SimResponse {
        guard let method = sub["method"]?.stringValue?.uppercased(), var url = sub["url"]?.stringValue else {
            return APIError(status: 400, "INVALID_INPUT", "Each subrequest needs a method and a url").response
        }
        url = substitute(url, results: results, encode: true)
        var bodyBytes: [UInt8] = []
        if let b = sub["body"], b != .null {
            bodyBytes = Array(substitute(String(decoding: b.serialized(), as: UTF8.self), results: results, encode: false).utf8)
        }
        let request = SimRequest(method: method, uri: url, headers: context.request.headers.filter { $0.0.lowercased() != "content-encoding" }, body: bodyBytes)
        guard request.components.count >= 3, request.components[0] == "services", request.components[1] == "data" else {
            return APIError(status: 400, "INVALID_INPUT", "Subrequest URLs must start with /services/data/vXX.X/").response
        }
        switch router.lookup(method: method, components: request.components) {
        case let .found(match):
            if match.route.name.hasSuffix("/composite") {
                return APIError(status: 400, "INVALID_INPUT", "Composite requests cannot be nested").response
            }
            let sub = RouteContext(
                org: context.org, request: request, parameters: match.parameters, session: context.session,
                apiVersion: match.apiVersion ?? context.apiVersion)
            do { return try match.route.handler(sub) } catch let error as APIError {
                return error.response
            } catch let error as SaveError {
                return error.apiError.response
            } catch {
                return APIError(status: 500, "UNKNOWN_EXCEPTION", "An unexpected error occurred").response
            }
        case .methodNotAllowed: return APIError(status: 405, "METHOD_NOT_ALLOWED", "HTTP Method '\(method)' not allowed").response
        default: return APIError.notFound.response
        }
    }

    /// Replaces `@{ref.path}` (path: `id`, `records[0].Id`, nested keys) with earlier results.
    static func substitute(_ text: String, results: [(String, JSONNode)], encode: Bool) -> String {
        var out = ""
        var rest = Substring(text)
        while let open = rest.range(of: "@{") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].firstIndex(of: "}") else {
                out += rest[open.lowerBound...]
                return out
            }
            let expression = String(rest[open.upperBound..<close])
            out += resolve(expression, results: results) ?? "@{\(expression)}"
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    static func resolve(_ expression: String, results: [(String, JSONNode)]) -> String? {
        var parts = expression.split(separator: ".").map(String.init)
        guard !parts.isEmpty, var node = results.last(where: { $0.0 == parts[0] })?.1 else { return nil }
        parts.removeFirst()
        for part in parts {
            var key = part
            var index: Int?
            if let bracket = part.firstIndex(of: "["), part.hasSuffix("]") {
                key = String(part[..<bracket])
                index = Int(part[part.index(after: bracket)..<part.index(before: part.endIndex)])
            }
            if !key.isEmpty { guard let next = node[key] else { return nil }; node = next }
            if let index {
                guard let items = node.arrayValue, index < items.count else { return nil }
                node = items[index]
            }
        }
        switch node {
        case let .string(s): return s
        case let .number(n): return n
        case let .bool(b): return b ? "true" : "false"
        default: return nil
        }
    }
}
