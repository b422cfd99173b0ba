import Foundation
import HTTPTransport
import RequestScheduler

/// Everything a `SalesforceClient` needs besides the credentials: where the org is, which API version to speak,
/// transport and scheduling limits, caches and observers. Only executables read flags and environment; they fill
/// this struct.
public struct ConnectionSettings: Sendable {
    /// API version of data calls when none is configured. 62.0 (Winter '25) is served by every org in production
    /// today and by the local simulator; pass a newer one with `--api-version` to use newer features.
    public static let defaultAPIVersion = "62.0"
    /// API version of the SOAP `login()` call: the last version that has it (removed in 65.0).
    public static let soapLoginAPIVersion = "64.0"
    /// Production login host.
    public static let productionLoginURL = "https://login.salesforce.com"
    /// Sandbox login host.
    public static let sandboxLoginURL = "https://test.salesforce.com"

    /// The org's My Domain URL (`https://acme.my.salesforce.com`). Required for client credentials and a plain
    /// access token; SOAP and JWT learn it from the login response.
    public var instanceURL: String?
    /// Login host for SOAP and JWT (`https://login.salesforce.com`, `https://test.salesforce.com` or My Domain).
    public var loginURL: String
    /// API version of data calls (`62.0`).
    public var apiVersion: String
    /// Transport settings (timeouts, CA bundle, proxy, TLS verification, user agent).
    public var transport: TransportConfiguration
    /// Concurrency, retries and the API usage ceiling.
    public var scheduler: SchedulerConfiguration
    /// Where sessions are cached between runs.
    public var sessionCache: SessionCacheSettings
    /// Optional on-disk cache of describe results.
    public var describeCache: DescribeCacheSettings
    /// Polling of Bulk API 2.0 jobs.
    public var polling: PollingSettings
    /// Ask for gzip-compressed responses (`Accept-Encoding: gzip`).
    public var acceptGzip: Bool
    /// Called once per HTTP exchange (after it completes) with redacted details; `--verbose` prints them.
    public var requestObserver: (@Sendable (RequestEvent) -> Void)?
    /// Called with one-line notices for the user (e.g. the SOAP login retirement notice).
    public var noticeHandler: (@Sendable (String) -> Void)?

    public init(
        instanceURL: String? = nil, loginURL: String = ConnectionSettings.productionLoginURL,
        apiVersion: String = ConnectionSettings.defaultAPIVersion,
        transport: TransportConfiguration = TransportConfiguration(),
        scheduler: SchedulerConfiguration = SchedulerConfiguration(),
        sessionCache: SessionCacheSettings = SessionCacheSettings(),
        describeCache: DescribeCacheSettings = DescribeCacheSettings(),
        polling: PollingSettings = PollingSettings(), acceptGzip: Bool = true,
        requestObserver: (@Sendable (RequestEvent) -> Void)? = nil,
        noticeHandler: (@Sendable (String) -> Void)? = nil
    ) {
        self.instanceURL = instanceURL.map(URLBuilder.trimmingTrailingSlash)
        self.loginURL = URLBuilder.trimmingTrailingSlash(loginURL)
        self.apiVersion = apiVersion.hasPrefix("v") ? String(apiVersion.dropFirst()) : apiVersion
        self.transport = transport
        self.scheduler = scheduler
        self.sessionCache = sessionCache
        self.describeCache = describeCache
        self.polling = polling
        self.acceptGzip = acceptGzip
        self.requestObserver = requestObserver
        self.noticeHandler = noticeHandler
    }
}

/// Where and whether sessions are cached.
public struct SessionCacheSettings: Sendable {
    /// False disables reading and writing the cache (`--no-session-cache`).
    public var enabled: Bool
    /// The cache folder; `nil` means `$XDG_CACHE_HOME/sfbatch` or `~/.cache/sfbatch`.
    public var directory: String?

    public init(enabled: Bool = true, directory: String? = nil) {
        self.enabled = enabled
        self.directory = directory
    }

    /// The folder actually used: `directory`, else `$XDG_CACHE_HOME/sfbatch`, else `~/.cache/sfbatch`.
    public func resolvedDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let directory { return directory }
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") { return xdg + "/sfbatch" }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.cache/sfbatch"
    }
}

/// An optional on-disk cache of describe results, so repeated runs against a large schema skip the describe calls.
public struct DescribeCacheSettings: Sendable {
    /// The folder; `nil` disables the on-disk cache (describes are still memoised for the run).
    public var directory: String?
    /// How long a cached describe is trusted.
    public var timeToLive: Duration

    public init(directory: String? = nil, timeToLive: Duration = .seconds(3600)) {
        self.directory = directory
        self.timeToLive = timeToLive
    }
}

/// How Bulk API 2.0 jobs are polled: exponential from `initialInterval` up to `maxInterval`, giving up after
/// `timeout` (nil waits as long as the job runs).
public struct PollingSettings: Sendable {
    public var initialInterval: Duration
    public var maxInterval: Duration
    public var timeout: Duration?

    public init(
        initialInterval: Duration = .milliseconds(500), maxInterval: Duration = .seconds(10),
        timeout: Duration? = nil
    ) {
        self.initialInterval = initialInterval
        self.maxInterval = maxInterval
        self.timeout = timeout
    }
}

/// One completed HTTP exchange, redacted, for `--verbose` logs and run summaries.
public struct RequestEvent: Sendable {
    /// `GET`, `POST`, ...
    public var method: String
    /// Path and query with secrets masked (`/services/data/v62.0/query?q=SELECT...`).
    public var path: String
    /// HTTP status; `nil` when the request failed before a response.
    public var status: Int?
    /// Bytes sent in the request body.
    public var bytesSent: Int
    /// Bytes received in the response body (after decompression).
    public var bytesReceived: Int
    /// Time from sending to the complete response.
    public var duration: Duration
    /// Transport error summary when `status` is `nil`.
    public var failure: String?

    public init(method: String, path: String, status: Int?, bytesSent: Int, bytesReceived: Int, duration: Duration,
                failure: String? = nil) {
        self.method = method
        self.path = path
        self.status = status
        self.bytesSent = bytesSent
        self.bytesReceived = bytesReceived
        self.duration = duration
        self.failure = failure
    }

    /// `GET /services/data/v62.0/limits 200 1234B 56ms`.
    public var logLine: String {
        let ms = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        let statusText = status.map(String.init) ?? "ERR"
        var line = "\(method) \(path) \(statusText) \(bytesReceived)B \(ms)ms"
        if bytesSent > 0 { line += " sent=\(bytesSent)B" }
        if let failure { line += " (\(failure))" }
        return line
    }
}
