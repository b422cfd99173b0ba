/// Handles one route; runs on a worker thread (never on the event loop), so it may do heavy work.
public typealias RouteHandler = @Sendable (RouteContext) throws -> SimResponse

/// Maps method + path to handlers. Versioned REST routes are registered relative to
/// `/services/data/vXX.X/` (`["sobjects", ":object", "describe"]`); `*` as the last segment
/// captures the rest of the path.
public struct Router: Sendable {
    /// Where a pattern is anchored.
    public enum Scope: Sendable {
        /// Under `/services/data/vXX.X/`, session required unless `authenticated: false`.
        case versioned
        /// From the root (`/services/oauth2/token`, `/__sfsim/stats`).
        case root
    }

    struct Route: Sendable {
        let method: String
        let scope: Scope
        let pattern: [String]
        let authenticated: Bool
        let name: String
        let handler: RouteHandler
    }

    private(set) var routes: [Route] = []

    public init() {}

    /// Registers `handler` for `method` and `pattern`.
    /// - Parameter name: the route's name in `/__sfsim/stats` (defaults to `METHOD /pattern`).
    public mutating func add(
        _ method: String, _ scope: Scope, _ pattern: [String], authenticated: Bool = true, name: String? = nil,
        _ handler: @escaping RouteHandler
    ) {
        let display = (scope == .versioned ? "/services/data/vXX.X/" : "/") + pattern.joined(separator: "/")
        routes.append(
            Route(
                method: method, scope: scope, pattern: pattern, authenticated: authenticated,
                name: name ?? "\(method) \(display)", handler: handler))
    }

    /// A matched route with its captures.
    struct Match {
        let route: Route
        let parameters: [String: String]
        let apiVersion: String?
    }

    /// Finds the route for a request. Returns `.methodNotAllowed` with the allowed methods when the
    /// path matches under another method.
    enum Lookup {
        case found(Match)
        case methodNotAllowed([String])
        case notFound
        case unsupportedVersion(String)
    }

    func lookup(method: String, components: [String]) -> Lookup {
        var allowed: [String] = []
        var version: String?
        var rest = components
        var versioned = false
        if components.count >= 3, components[0] == "services", components[1] == "data", components[2].hasPrefix("v") {
            let v = String(components[2].dropFirst())
            if let number = Double(v), v.contains(".") {
                if number < 31.0 { return .unsupportedVersion(v) }
                version = v
                rest = Array(components.dropFirst(3))
                versioned = true
            }
        }
        for route in routes {
            if versioned != (route.scope == .versioned) { continue }
            guard let captures = match(route.pattern, versioned ? rest : components) else { continue }
            if route.method == method || (method == "HEAD" && route.method == "GET") {
                return .found(Match(route: route, parameters: captures, apiVersion: version))
            }
            allowed.append(route.method)
        }
        return allowed.isEmpty ? .notFound : .methodNotAllowed(allowed)
    }

    private func match(_ pattern: [String], _ path: [String]) -> [String: String]? {
        var captures: [String: String] = [:]
        for (i, segment) in pattern.enumerated() {
            if segment == "*" {
                captures["*"] = path.dropFirst(i).joined(separator: "/")
                return captures
            }
            guard i < path.count else { return nil }
            if segment.hasPrefix(":") {
                captures[String(segment.dropFirst())] = path[i]
            } else if segment.lowercased() != path[i].lowercased() {
                return nil
            }
        }
        return pattern.count == path.count ? captures : nil
    }
}
