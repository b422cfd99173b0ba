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
