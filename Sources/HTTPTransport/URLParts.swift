/// Minimal URL inspection for messages: never echo a full URL, which may carry user info or tokens.
enum URLParts {
    /// The host of an absolute URL without scheme, user info, port or path; the input when unparsable.
    static func host(of url: String) -> String {
        var rest = Substring(url)
        if let schemeEnd = rest.range(of: "://") { rest = rest[schemeEnd.upperBound...] }
        if let end = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { rest = rest[..<end] }
        if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
            return String(rest[rest.index(after: rest.startIndex)..<close])
        }
        if let colon = rest.lastIndex(of: ":") { rest = rest[..<colon] }
        return rest.isEmpty ? "(no host)" : String(rest)
    }

    /// The scheme in lowercase, or "" when absent.
    static func scheme(of url: String) -> String {
        guard let end = url.range(of: "://") else { return "" }
        return url[..<end.lowerBound].lowercased()
    }
}
