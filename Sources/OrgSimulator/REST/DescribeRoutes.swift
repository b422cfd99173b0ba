/// describeGlobal, sObject basic information and describe (reference §5), served from the loaded
/// describe JSON with URLs rewritten to the requested API version.
enum DescribeRoutes {
    static func install(into router: inout Router) {
        router.add("GET", .versioned, ["sobjects"]) { context in
            let objects = context.org.catalog.objects
            var w = JSONWriter(capacity: 64 * 1024)
            w.raw("{\"encoding\":\"UTF-8\",\"maxBatchSize\":200,\"sobjects\":[")
            var first = true
            for o in objects {
                w.comma(&first)
                w.bytes.append(contentsOf: rewrite(o.globalEntryJSON, from: o.describeVersion, to: context.apiVersion))
            }
            w.raw("]}")
            return .json(200, w.bytes)
        }
        router.add("GET", .versioned, ["sobjects", ":object", "describe"]) { context in
            let o = try object(context)
            return .json(200, rewrite(o.describeJSON, from: o.describeVersion, to: context.apiVersion))
        }
        router.add("GET", .versioned, ["sobjects", ":object"]) { context in
            let o = try object(context)
            var w = JSONWriter()
            w.raw("{\"objectDescribe\":")
            w.bytes.append(contentsOf: rewrite(o.globalEntryJSON, from: o.describeVersion, to: context.apiVersion))
            w.raw(",\"recentItems\":[]}")
            return .json(200, w.bytes)
        }
    }

    /// The object named in the path, or 404 NOT_FOUND.
    static func object(_ context: RouteContext) throws -> ObjectSchema {
        guard let o = context.org.catalog.object(named: context.parameter("object")) else {
            throw APIError.notFound
        }
        return o
    }

    /// Replaces `/services/data/v<from>/` by `/services/data/v<to>/` in describe bytes.
    static func rewrite(_ bytes: [UInt8], from: String, to: String) -> [UInt8] {
        guard from != to else { return bytes }
        let needle = Array("/services/data/v\(from)/".utf8)
        let replacement = Array("/services/data/v\(to)/".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 64)
        var i = 0
        let n = bytes.count
        let m = needle.count
        while i < n {
            if bytes[i] == needle[0], i + m <= n, bytes[i..<i + m].elementsEqual(needle) {
                out.append(contentsOf: replacement)
                i += m
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return out
    }
}
