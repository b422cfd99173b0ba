import Foundation
import SalesforceConnection

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The checks behind every executable's `doctor` subcommand: configuration, name resolution, proxy, TLS, login
/// and API usage, in that order. A check that cannot run because an earlier one failed is skipped.
public struct ConnectionDoctor: Sendable {
    public let options: ConnectionOptions
    public let environment: [String: String]

    public init(options: ConnectionOptions, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.options = options
        self.environment = environment
    }

    /// Runs every check, calling `report` as each finishes, and returns them all.
    public func run(report: @Sendable (DoctorCheck) -> Void = { _ in }) async -> [DoctorCheck] {
        var results: [DoctorCheck] = []
        func add(_ check: DoctorCheck) {
            results.append(check)
            report(check)
        }

        // Configuration.
        var noCacheOptions = options
        noCacheOptions.noSessionCache = true
        let resolved: ResolvedConnection
        do {
            resolved = try noCacheOptions.resolve(environment: environment)
            add(
                DoctorCheck(
                    name: "configuration", status: .passed,
                    detail: "\(resolved.credentials.methodName) login as \(resolved.credentials.principal) "
                        + "(API \(resolved.settings.apiVersion))"))
        } catch {
            add(
                DoctorCheck(
                    name: "configuration", status: .failed, detail: CommandError.message(for: error),
                    advice: "fix the options or the org profile", exitStatus: CommandError.status(for: error)))
            return results
        }
        let target = resolved.settings.instanceURL ?? resolved.settings.loginURL

        // Name resolution.
        let host = Self.host(of: target)
        let resolution = await Self.resolve(host: host)
        switch resolution {
        case .success(let addresses):
            add(DoctorCheck(name: "name resolution", status: .passed, detail: "\(host) -> \(addresses.joined(separator: ", "))"))
        case .failure(let message):
            let proxied = Self.proxy(resolved: resolved, environment: environment) != nil
            add(
                DoctorCheck(
                    name: "name resolution", status: proxied ? .warning : .failed,
                    detail: "\(host) does not resolve (\(message))",
                    advice: proxied
                        ? "the proxy resolves names; this is fine if the proxy can reach \(host)"
                        : "check the URL spelling (--instance-url / --login-url) and the machine's DNS settings",
                    exitStatus: .networkFailure))
            if !proxied { return results }
        }

        // Proxy.
        if let proxy = Self.proxy(resolved: resolved, environment: environment) {
            let proxyHost = Self.host(of: proxy)
            let proxyResolution = await Self.resolve(host: proxyHost)
            if case .failure(let message) = proxyResolution {
                add(
                    DoctorCheck(
                        name: "proxy", status: .failed, detail: "proxy host \(proxyHost) does not resolve (\(message))",
                        advice: "fix --proxy / HTTPS_PROXY, or unset it if no proxy is needed",
                        exitStatus: .networkFailure))
                return results
            }
            add(DoctorCheck(name: "proxy", status: .passed, detail: "using \(Redaction.redactURL(Self.withoutUserInfo(proxy)))"))
        } else {
            add(DoctorCheck(name: "proxy", status: .passed, detail: "none configured (direct connection)"))
        }

        // TLS and reachability.
        let client: SalesforceClient
        do {
            client = try noCacheOptions.makeClient(resolved)
        } catch {
            add(
                DoctorCheck(
                    name: "TLS", status: .failed, detail: CommandError.message(for: error),
                    advice: "check --cacert and --proxy", exitStatus: CommandError.status(for: error)))
            return results
        }
        do {
            let versions = try await client.versions()
            let served = versions.map(\.version)
            let range = served.isEmpty ? "no versions listed" : "API \(served.first ?? "")-\(served.last ?? "")"
            if !served.isEmpty && !served.contains(resolved.settings.apiVersion) {
                add(
                    DoctorCheck(
                        name: "TLS", status: .warning, detail: "\(target) answered (\(range))",
                        advice: "API \(resolved.settings.apiVersion) is not served here; pick one with --api-version",
                        exitStatus: .usage))
            } else {
                add(DoctorCheck(name: "TLS", status: .passed, detail: "\(target) answered over a verified connection (\(range))"))
            }
        } catch {
            add(
                DoctorCheck(
                    name: "TLS", status: .failed, detail: CommandError.message(for: error),
                    advice: "if the certificate is signed by a private CA, pass --cacert FILE",
                    exitStatus: CommandError.status(for: error)))
            return results
        }

        // Login.
        do {
            let session = try await client.session()
            add(
                DoctorCheck(
                    name: "login", status: .passed,
                    detail: "\(resolved.credentials.methodName) login succeeded; instance \(session.instanceURL)"
                        + (session.username.map { " as \($0)" } ?? "")))
        } catch {
            add(
                DoctorCheck(
                    name: "login", status: .failed, detail: CommandError.message(for: error),
                    advice: "fix the credentials; client credentials (--auth client-credentials) are recommended",
                    exitStatus: CommandError.status(for: error)))
            return results
        }

        // API usage.
        do {
            let limits = try await client.limits()
            if let daily = limits.dailyAPIRequests {
                let used = daily.usedPercent
                let ceiling = Double(resolved.settings.scheduler.maxAPIUsagePercent)
                let detail = "\(daily.max - daily.remaining) of \(daily.max) daily API requests used "
                    + String(format: "(%.1f%%; runs stop at %.0f%%)", used, ceiling)
                if used >= ceiling {
                    add(
                        DoctorCheck(
                            name: "API usage", status: .failed, detail: detail,
                            advice: "runs would stop at once; wait for the rolling 24-hour window or raise --max-api-usage",
                            exitStatus: .salesforceError))
                } else if used >= ceiling * 0.8 {
                    add(
                        DoctorCheck(
                            name: "API usage", status: .warning, detail: detail,
                            advice: "large runs may hit the ceiling; prefer Bulk API 2.0 (--api bulk)"))
                } else {
                    add(DoctorCheck(name: "API usage", status: .passed, detail: detail))
                }
            } else {
                add(DoctorCheck(name: "API usage", status: .warning, detail: "the org reports no DailyApiRequests limit"))
            }
        } catch {
            add(
                DoctorCheck(
                    name: "API usage", status: .failed, detail: CommandError.message(for: error),
                    advice: "the user may lack the \"View Setup and Configuration\" permission",
                    exitStatus: CommandError.status(for: error)))
        }
        return results
    }

    /// The exit status for a set of results: the first failure's, else success.
    public static func exitStatus(of results: [DoctorCheck]) -> ExitStatus {
        results.first { $0.status == .failed }?.exitStatus ?? .success
    }

    /// The proxy in effect: `--proxy`, the profile's, or `HTTPS_PROXY`/`https_proxy` unless `NO_PROXY` covers the host.
    static func proxy(resolved: ResolvedConnection, environment: [String: String]) -> String? {
        if let proxy = resolved.settings.transport.proxy, !proxy.isEmpty { return proxy }
        let target = host(of: resolved.settings.instanceURL ?? resolved.settings.loginURL)
        let noProxy = (environment["NO_PROXY"] ?? environment["no_proxy"] ?? "").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        if noProxy.contains(where: { $0 == "*" || target.lowercased().hasSuffix($0.hasPrefix(".") ? $0 : "." + $0) || target.lowercased() == $0 }) {
            return nil
        }
        let value = environment["HTTPS_PROXY"] ?? environment["https_proxy"]
        return (value?.isEmpty ?? true) ? nil : value
    }

    /// The host of a URL (no port, no user info).
    static func host(of url: String) -> String {
        var rest = Substring(url)
        if let scheme = rest.range(of: "://") { rest = rest[scheme.upperBound...] }
        rest = rest.prefix { $0 != "/" && $0 != "?" }
        if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
            return String(rest[rest.index(after: rest.startIndex)..<close])
        }
        return String(rest.prefix { $0 != ":" })
    }

    /// A proxy URL without `user:password@`.
    static func withoutUserInfo(_ url: String) -> String {
        guard let scheme = url.range(of: "://"), let at = url[scheme.upperBound...].firstIndex(of: "@") else { return url }
        return String(url[..<scheme.upperBound]) + url[url.index(after: at)...]
    }

    enum Resolution: Sendable {
        case success([String])
        case failure(String)
    }

    /// Resolves `host` with getaddrinfo on its own thread (it blocks; the cooperative pool must not).
    static func resolve(host: String) async -> Resolution {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(returning: blockingResolve(host: host))
            }
        }
    }

    private static func blockingResolve(host: String) -> Resolution {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
            hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, nil, &hints, &list)
        guard status == 0 else { return .failure(String(cString: gai_strerror(status))) }
        defer { freeaddrinfo(list) }
        var addresses: [String] = []
        var cursor = list
        while let entry = cursor {
            var buffer = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            if getnameinfo(entry.pointee.ai_addr, entry.pointee.ai_addrlen, &buffer, socklen_t(buffer.count), nil, 0,
                NI_NUMERICHOST) == 0
            {
                let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                if !addresses.contains(text) { addresses.append(text) }
            }
            cursor = entry.pointee.ai_next
        }
        return .success(addresses)
    }
}
