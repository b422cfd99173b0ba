import Foundation

/// Turns a request into a response: faults, authentication, API limits, routing, errors and
/// the headers every Salesforce response carries. Runs on worker threads.
final class RequestProcessor: Sendable {
    let org: Org
    let router: Router
    let accessLog: AccessLog?

    /// What to do with the connection.
    enum Outcome {
        case respond(SimResponse, delayMS: Int)
        case drop
    }

    init(org: Org, router: Router, accessLog: AccessLog?) {
        self.org = org
        self.router = router
        self.accessLog = accessLog
    }

    /// Answers one request. The caller brackets it with `org.stats.requestStarted()` on arrival and
    /// `org.stats.requestEnded()` once the response is written, so time spent in injected latency counts
    /// as in flight.
    func process(_ request: SimRequest, remote: String) -> Outcome {
        let started = DispatchTime.now().uptimeNanoseconds
        let faults = org.faults.snapshot
        var routeName = "unmatched"
        var username: String?
        var response: SimResponse
        let isAdmin = request.components.first == "__sfsim"
        if !isAdmin, faults.dropRate > 0, Double.random(in: 0..<1) < faults.dropRate {
            org.stats.fault("drop")
            org.stats.requestFinished(route: "dropped", status: 0)
            accessLog?.write(request: request, status: 0, bytes: 0, startedNanos: started, remote: remote, user: nil, note: "dropped")
            return .drop
        }
        do {
            (response, routeName, username) = try route(request, faults: faults, isAdmin: isAdmin)
        } catch let error as APIError {
            response = error.response
        } catch let error as SaveError {
            response = error.apiError.response
        } catch {
            response = APIError(status: 500, "UNKNOWN_EXCEPTION", "An unexpected error occurred. Please include this ErrorId if you contact support: \(SessionStore.opaque(12))").response
        }
        if !isAdmin && request.components.first == "services" {
            response.headers.append(("Sforce-Limit-Info", org.limitInfo))
        }
        if request.method == "HEAD" { response.body = [] }
        response = BodyCompression.compressIfAccepted(response, request: request)
        org.stats.requestFinished(route: routeName, status: response.status)
        accessLog?.write(
            request: request, status: response.status, bytes: response.body.count, startedNanos: started, remote: remote,
            user: username, note: nil)
        let delay = isAdmin ? 0 : faults.latencyMS
        if delay > 0 { org.stats.fault("latency") }
        return .respond(response, delayMS: delay)
    }

    private func route(_ request: SimRequest, faults: FaultSettings, isAdmin: Bool) throws -> (SimResponse, String, String?) {
        var request = request
        if let encoding = request.header("Content-Encoding")?.lowercased(), encoding == "gzip" || encoding == "deflate" {
            request.body = try BodyCompression.decompress(request.body, encoding: encoding)
        }
        switch router.lookup(method: request.method, components: request.components) {
        case .notFound:
            return (APIError.notFound.response, "unmatched", nil)
        case let .unsupportedVersion(v):
            return (
                APIError(status: 410, "GONE", "API version \(v) is retired and no longer available").response, "retired", nil
            )
        case let .methodNotAllowed(allowed):
            let list = Array(Set(allowed + (allowed.contains("GET") ? ["HEAD"] : []))).sorted().joined(separator: ",")
            return (
                APIError(status: 405, "METHOD_NOT_ALLOWED", "HTTP Method '\(request.method)' not allowed. Allowed are \(list)").response,
                "method-not-allowed", nil
            )
        case let .found(match):
            let route = match.route
            var session: Session?
            if route.authenticated {
                guard let token = Self.bearerToken(request), let valid = org.sessions.validate(token) else {
                    return (APIError.invalidSession.response, route.name, nil)
                }
                session = valid
                if !org.countAPICall() {
                    return (
                        APIError(status: 403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.").response, route.name,
                        valid.username
                    )
                }
            }
            if !isAdmin, route.scope == .versioned || route.authenticated, faults.failRate > 0,
                Double.random(in: 0..<1) < faults.failRate
            {
                org.stats.fault("fail")
                return (
                    APIError(status: 503, "SERVER_UNAVAILABLE", "Server temporarily unavailable; retry later").response,
                    route.name, session?.username
                )
            }
            let context = RouteContext(
                org: org, request: request, parameters: match.parameters, session: session,
                apiVersion: match.apiVersion ?? "\(org.configuration.latestVersion).0")
            do {
                return (try route.handler(context), route.name, session?.username)
            } catch let error as APIError {
                return (error.response, route.name, session?.username)
            } catch let error as SaveError {
                return (error.apiError.response, route.name, session?.username)
            }
        }
    }

    /// The token of `Authorization: Bearer <t>` or `Authorization: OAuth <t>`.
    static func bearerToken(_ request: SimRequest) -> String? {
        guard let header = request.header("Authorization") else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2 else { return nil }
        let scheme = parts[0].lowercased()
        guard scheme == "bearer" || scheme == "oauth" else { return nil }
        return parts[1].trimmingCharacters(in: .whitespaces)
    }
}
