/// A request as the route handlers see it: method, decoded path components, query parameters,
/// headers and the (already decompressed) body.
public struct SimRequest: Sendable {
    public let method: String
    /// The path without the query string, as received.
    public let path: String
    /// Percent-decoded path segments; empty segments are dropped, so `/x/` and `/x` route alike.
    public let components: [String]
    /// Query parameters in order, percent-decoded with `+` as space.
    public let query: [(String, String)]
    public let headers: [(String, String)]
    public var body: [UInt8]

    public init(method: String, uri: String, headers: [(String, String)], body: [UInt8]) {
        self.method = method.uppercased()
        let parts = uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        path = parts.isEmpty ? "/" : String(parts[0])
        components = path.split(separator: "/").map { SimRequest.percentDecode(String($0), plusIsSpace: false) }
        var query: [(String, String)] = []
        if parts.count > 1 {
            for pair in parts[1].split(separator: "&") {
                let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let key = SimRequest.percentDecode(String(kv[0]), plusIsSpace: true)
                let value = kv.count > 1 ? SimRequest.percentDecode(String(kv[1]), plusIsSpace: true) : ""
                query.append((key, value))
            }
        }
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// The first header named `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.0.lowercased() == lower }?.1
    }

    /// The first query parameter named `name` (exact, then case-insensitive).
    public func queryValue(_ name: String) -> String? {
        if let hit = query.first(where: { $0.0 == name }) { return hit.1 }
        let lower = name.lowercased()
        return query.first { $0.0.lowercased() == lower }?.1
    }

    /// Decodes `%XX` escapes (invalid ones are kept as typed) and, for form data, `+` as a space.
    public static func percentDecode(_ s: String, plusIsSpace: Bool) -> String {
        var out: [UInt8] = []
        let b = Array(s.utf8)
        out.reserveCapacity(b.count)
        var i = 0
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "%"), i + 2 < b.count, let h = hex(b[i + 1]), let l = hex(b[i + 2]) {
                out.append(h << 4 | l)
                i += 3
                continue
            }
            out.append(plusIsSpace && c == UInt8(ascii: "+") ? 0x20 : c)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hex(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x41...0x46: return c - 0x41 + 10
        case 0x61...0x66: return c - 0x61 + 10
        default: return nil
        }
    }

    /// Parses an `application/x-www-form-urlencoded` body.
    public static func formFields(_ body: [UInt8]) -> [(String, String)] {
        String(decoding: body, as: UTF8.self).split(separator: "&").map { pair in
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (
                percentDecode(String(kv[0]), plusIsSpace: true),
                kv.count > 1 ? percentDecode(String(kv[1]), plusIsSpace: true) : ""
            )
        }
    }
}
