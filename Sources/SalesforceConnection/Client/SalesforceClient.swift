import Foundation
import HTTPTransport
import RecordFiles
import RequestScheduler

/// A connection to one Salesforce org: authentication, session reuse, and the REST and Bulk API 2.0 calls.
///
/// Every call goes through the `RequestScheduler` (bounded concurrency, retries with backoff, API usage ceiling).
/// Sessions come from the on-disk cache when one is there, else from a login; a 401 `INVALID_SESSION_ID` triggers
/// one login (shared by all requests that met it) and one replay. The client is `Sendable`; share one per run.
public final class SalesforceClient: Sendable {
    /// The settings the client was built with.
    public let settings: ConnectionSettings
    /// The scheduler every request goes through (its counters feed run summaries).
    public let scheduler: RequestScheduler
    let credentials: Credentials
    let http: HTTPClient
    let sessions: SessionStore
    let describes: DescribeMemo

    /// Builds a client. Nothing is sent until the first call.
    ///
    /// - Throws: `SalesforceError` (`.configuration`) when the credentials miss something the method needs, or the
    ///   transport cannot be set up (bad CA bundle path).
    public init(settings: ConnectionSettings, credentials: Credentials) throws {
        let authenticator = Authenticator(credentials: credentials, settings: settings)
        try authenticator.validate()
        self.settings = settings
        self.credentials = credentials
        do {
            http = try HTTPClient(configuration: settings.transport)
        } catch {
            throw SalesforceError(
                category: .configuration, errorCode: "TRANSPORT_SETUP", message: "\(error)",
                hint: "check --cacert and --proxy")
        }
        let scheduler = RequestScheduler(configuration: settings.scheduler)
        self.scheduler = scheduler
        let cache = settings.sessionCache.enabled
            ? SessionCache(directory: settings.sessionCache.resolvedDirectory()) : nil
        let http = self.http
        let observer = settings.requestObserver
        sessions = SessionStore(
            authenticator: authenticator, cache: cache,
            exchange: { request in
                do {
                    return try await scheduler.run(idempotent: true) {
                        try await Self.exchange(http: http, request: request, observer: observer)
                    }
                } catch {
                    throw Self.translate(error, url: request.url)
                }
            })
        describes = DescribeMemo()
    }

    /// The API version of data calls (`62.0`).
    public var apiVersion: String { settings.apiVersion }

    /// The current session, logging in (or reading the cache) if there is none yet. Useful to learn the instance
    /// URL and user before the first data call, and for `doctor`.
    public func session() async throws -> Session { try await sessions.session() }

    /// Logins performed by this client so far (0 when the cached session was reused).
    public func loginCount() async -> Int { await sessions.loginCount }

    /// `/services/data/v<version>`.
    var versionPath: String { "/services/data/v\(settings.apiVersion)" }

    /// The absolute URL for `request` on `instance`.
    func url(for request: APIRequest, instance: String) -> String {
        var url: String
        if request.path.hasPrefix("http://") || request.path.hasPrefix("https://") {
            url = request.path
        } else if request.path.hasPrefix("/") {
            url = instance + request.path
        } else {
            url = instance + versionPath + "/" + request.path
        }
        if !request.query.isEmpty {
            url += (url.contains("?") ? "&" : "?")
                + request.query.map { "\(URLBuilder.encode($0.0))=\(URLBuilder.encode($0.1))" }.joined(separator: "&")
        }
        return url
    }
}
