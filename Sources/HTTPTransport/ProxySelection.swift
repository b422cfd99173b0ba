import Foundation

/// Works out which proxy, if any, libcurl will use for a URL, so error messages speak of a proxy only
/// when one is actually in the path.
///
/// Mirrors libcurl's rules: an explicit `TransportConfiguration.proxy` wins ("" disables proxies); else
/// `http_proxy` (lowercase only) for http URLs, `https_proxy` / `HTTPS_PROXY` for https URLs, then
/// `all_proxy` / `ALL_PROXY`; a host matched by `noProxy` (or `no_proxy` / `NO_PROXY`) goes direct.
enum ProxySelection {
    /// The proxy URL used for `url`, or nil for a direct connection.
    static func proxy(
        for url: String, configuration: TransportConfiguration,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String? {
        let chosen: String?
        if let explicit = configuration.proxy {
            chosen = explicit
        } else {
            let scheme = URLParts.scheme(of: url)
            let names =
                scheme == "https"
                ? ["https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"]
                : ["http_proxy", "all_proxy", "ALL_PROXY"]
            chosen = names.lazy.compactMap { environment[$0] }.first { !$0.isEmpty }
        }
        guard let chosen, !chosen.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        let exclusions = configuration.noProxy ?? environment["no_proxy"] ?? environment["NO_PROXY"] ?? ""
        return bypasses(host: URLParts.host(of: url).lowercased(), noProxy: exclusions) ? nil : chosen
    }

    /// Whether `host` matches a `NO_PROXY` list ("*", exact names, or domain suffixes with or without a dot).
    static func bypasses(host: String, noProxy: String) -> Bool {
        for raw in noProxy.split(separator: ",") {
            var entry = raw.trimmingCharacters(in: .whitespaces).lowercased()
            if entry == "*" { return true }
            if entry.hasPrefix(".") { entry.removeFirst() }
            if entry.isEmpty { continue }
            if host == entry || host.hasSuffix("." + entry) { return true }
        }
        return false
    }
}
