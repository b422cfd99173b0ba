/// Counters served by `GET /__sfsim/stats`.
final class ServerStats: Sendable {
    struct Values {
        var logins: [String: Int] = Dictionary(uniqueKeysWithValues: Session.Method.allCases.map { ($0.rawValue, 0) })
        var failedLogins = 0
        var requestsByRoute: [String: Int] = [:]
        var requests = 0
        var concurrentRequests = 0
        var maxConcurrentRequests = 0
        var apiCalls = 0
        var responsesByStatus: [Int: Int] = [:]
        var faultsInjected: [String: Int] = ["latency": 0, "fail": 0, "lock": 0, "drop": 0, "truncate": 0]
    }

    let values = Locked(Values())

    /// A request has arrived: it is in flight until `requestEnded()`, which the server calls once its
    /// response is fully written (after any injected latency) or its connection is dropped.
    func requestStarted() {
        values.withLock {
            $0.requests += 1
            $0.concurrentRequests += 1
            $0.maxConcurrentRequests = max($0.maxConcurrentRequests, $0.concurrentRequests)
        }
    }

    /// The request's response has been written (or its connection closed): it no longer counts as in flight.
    func requestEnded() {
        values.withLock { $0.concurrentRequests = max(0, $0.concurrentRequests - 1) }
    }

    /// Counts the answer by route and status. It does not end the request's time in flight: the
    /// response may still wait for injected latency and the network.
    func requestFinished(route: String, status: Int) {
        values.withLock {
            $0.requestsByRoute[route, default: 0] += 1
            $0.responsesByStatus[status, default: 0] += 1
        }
    }

    func login(_ method: Session.Method) { values.withLock { $0.logins[method.rawValue, default: 0] += 1 } }
    func loginFailed() { values.withLock { $0.failedLogins += 1 } }
    func fault(_ kind: String) { values.withLock { $0.faultsInjected[kind, default: 0] += 1 } }

    /// Resets every counter (the API usage counter lives in `ApiUsage`).
    func reset() { values.withLock { let c = $0.concurrentRequests; $0 = Values(); $0.concurrentRequests = c } }
}
