import Foundation

/// Builds Salesforce URLs: percent-encoding of path segments and query values, version paths.
enum URLBuilder {
    /// Characters left alone in a path segment (RFC 3986 unreserved).
    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    /// Percent-encodes everything but unreserved characters (for path segments, query values and form fields).
    static func encode(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count * 3)
        for byte in text.utf8 {
            if isUnreserved(byte) {
                bytes.append(byte)
            } else {
                bytes.append(UInt8(ascii: "%"))
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0x0F)])
            }
        }
        result = String(decoding: bytes, as: UTF8.self)
        return result
    }

    /// `application/x-www-form-urlencoded` body from ordered fields.
    static func form(_ fields: [(String, String)]) -> [UInt8] {
        Array(fields.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&").utf8)
    }

    /// `url` without trailing slashes.
    static func trimmingTrailingSlash(_ url: String) -> String {
        var result = Substring(url)
        while result.hasSuffix("/") { result = result.dropLast() }
        return String(result)
    }

    /// `scheme://host[:port]` of `url` (drops any path), as jsforce keeps it.
    static func origin(of url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return trimmingTrailingSlash(url) }
        let rest = url[schemeEnd.upperBound...]
        let host = rest.prefix { $0 != "/" && $0 != "?" }
        return String(url[..<schemeEnd.upperBound]) + host
    }

    /// The path and query of `url` (for logs): `https://h/services/data/v62.0/query?q=...` → `/services/...`.
    static func pathAndQuery(of url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        let rest = url[schemeEnd.upperBound...]
        guard let slash = rest.firstIndex(of: "/") else { return "/" }
        return String(rest[slash...])
    }
}
