/// The admin API under `/__sfsim/` (a path Salesforce never uses): counters, faults, session revocation.
enum AdminRoutes {
    static func install(into router: inout Router) {
        router.add("GET", .root, ["__sfsim", "stats"], authenticated: false) { context in
            .json(200, stats(context.org))
        }
        router.add("POST", .root, ["__sfsim", "stats", "reset"], authenticated: false) { context in
            context.org.stats.reset()
            return .json(200, stats(context.org))
        }
        router.add("GET", .root, ["__sfsim", "faults"], authenticated: false) { context in
            .json(200, faults(context.org.faults.snapshot))
        }
        router.add("POST", .root, ["__sfsim", "faults"], authenticated: false) { context in
            let body = try context.jsonBody()
            guard body.objectPairs != nil else { throw APIError.malformedJSON("Expected a JSON object of fault settings") }
            func rate(_ key: String) throws -> Double? {
                guard let node = body[key] else { return nil }
                guard case let .number(text) = node, let v = Double(text), v >= 0, v <= 1 else {
                    throw APIError(status: 400, "INVALID_FIELD", "\(key) must be a number between 0 and 1", fields: [key])
                }
                return v
            }
            let latency = body["latencyMS"]?.intValue ?? body["latency"]?.intValue
            if let latency, latency < 0 || latency > 600_000 {
                throw APIError(status: 400, "INVALID_FIELD", "latencyMS must be between 0 and 600000", fields: ["latencyMS"])
            }
            let fail = try rate("failRate")
            let lock = try rate("lockRate")
            let drop = try rate("dropRate")
            var truncate: Bool?
            if let node = body["truncateResults"] {
                guard let value = node.boolValue else {
                    throw APIError(status: 400, "INVALID_FIELD", "truncateResults must be true or false", fields: ["truncateResults"])
                }
                truncate = value
            }
            let updated = context.org.faults.withLock { f -> FaultSettings in
                if let latency { f.latencyMS = latency }
                if let fail { f.failRate = fail }
                if let lock { f.lockRate = lock }
                if let drop { f.dropRate = drop }
                if let truncate { f.truncateResults = truncate }
                return f
            }
            if let limit = body["apiLimit"]?.intValue {
                context.org.apiUsage.withLock { $0.max = max(0, limit) }
            }
            if body["resetApiUsage"]?.boolValue == true { context.org.apiUsage.withLock { $0.used = 0 } }
            if let ttl = body["sessionTTL"]?.intValue { context.org.settings.withLock { $0.sessionTTL = max(1, ttl) } }
            if let soap = body["soapLoginEnabled"]?.boolValue { context.org.settings.withLock { $0.soapLoginEnabled = soap } }
            return .json(200, faults(updated))
        }
        router.add("POST", .root, ["__sfsim", "sessions", "revoke"], authenticated: false) { context in
            var username: String?
            if !context.request.body.isEmpty { username = try context.jsonBody()["username"]?.stringValue }
            let revoked = context.org.sessions.revoke(username: username)
            return .json(200, Array("{\"revoked\":\(revoked)}".utf8))
        }
    }

    static func faults(_ f: FaultSettings) -> [UInt8] {
        var w = JSONWriter()
        w.raw("{\"latencyMS\":\(f.latencyMS),\"failRate\":\(f.failRate),\"lockRate\":\(f.lockRate),\"dropRate\":\(f.dropRate),\"truncateResults\":\(f.truncateResults)}")
        return w.bytes
    }

    static func stats(_ org: Org) -> [UInt8] {
        let v = org.stats.values.snapshot
        let usage = org.apiUsage.snapshot
        let counts: [(String, Int)] = org.store.read { reader in reader.tables.map { ($0.schema.name, $0.liveCount) } }
        var w = JSONWriter(capacity: 2048)
        w.raw("{\"logins\":{")
        var first = true
        for method in Session.Method.allCases {
            w.comma(&first)
            w.key(method.rawValue)
            w.int(v.logins[method.rawValue] ?? 0)
        }
        w.raw("},\"failedLogins\":\(v.failedLogins),\"requests\":\(v.requests),\"requestsByRoute\":{")
        first = true
        for (route, n) in v.requestsByRoute.sorted(by: { $0.key < $1.key }) {
            w.comma(&first)
            w.key(route)
            w.int(n)
        }
        w.raw("},\"responsesByStatus\":{")
        first = true
        for (status, n) in v.responsesByStatus.sorted(by: { $0.key < $1.key }) {
            w.comma(&first)
            w.key(String(status))
            w.int(n)
        }
        w.raw("},\"concurrentRequests\":\(v.concurrentRequests),\"maxConcurrentRequests\":\(v.maxConcurrentRequests)")
        w.raw(",\"apiCalls\":\(v.apiCalls),\"apiUsage\":{\"used\":\(usage.used),\"max\":\(usage.max)}")
        w.raw(",\"faultsInjected\":{")
        first = true
        for (k, n) in v.faultsInjected.sorted(by: { $0.key < $1.key }) {
            w.comma(&first)
            w.key(k)
            w.int(n)
        }
        w.raw("},\"sessions\":\(org.sessions.count),\"records\":{")
        first = true
        for (name, n) in counts {
            w.comma(&first)
            w.key(name)
            w.int(n)
        }
        w.raw("}}")
        return w.bytes
    }
}
