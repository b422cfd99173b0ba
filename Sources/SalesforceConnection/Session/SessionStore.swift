import Foundation
import HTTPTransport

/// The current session of a client, with single-flight renewal.
///
/// The first request loads the session from the cache or logs in. When requests meet 401 `INVALID_SESSION_ID`,
/// each calls `renew(rejected:)` with the session it used; the first caller starts one login and every other
/// caller awaits that same login, so a burst of 401s costs exactly one login. A caller whose rejected session is
/// already replaced gets the new one at once.
actor SessionStore {
    private let authenticator: Authenticator
    private let cache: SessionCache?
    private let exchange: Authenticator.LoginExchange
    private var current: Session?
    private var pending: Task<Session, any Error>?
    /// Logins performed by this client (for tests and run summaries).
    private(set) var loginCount = 0

    init(authenticator: Authenticator, cache: SessionCache?, exchange: @escaping Authenticator.LoginExchange) {
        self.authenticator = authenticator
        self.cache = cache
        self.exchange = exchange
    }

    /// The session to use: the current one, else a cached one, else a new login.
    func session() async throws -> Session {
        if let current { return current }
        if let key = authenticator.cacheKey, let cached = cache?.load(key) {
            current = cached
            return cached
        }
        return try await loginOnce(rejected: nil)
    }

    /// A replacement for `rejected`, which the server refused. Exactly one login runs however many callers ask.
    func renew(rejected: Session) async throws -> Session {
        if let current, current.accessToken != rejected.accessToken { return current }
        guard authenticator.credentials.canRenew else {
            throw SalesforceError.authentication(
                code: "INVALID_SESSION_ID", message: "the access token was rejected (expired or revoked)", status: 401,
                hint: "get a new token and set SF_ACCESS_TOKEN, or use --auth client-credentials")
        }
        // Another process may have logged in meanwhile and cached a newer session.
        if let key = authenticator.cacheKey, let cached = cache?.load(key),
            cached.accessToken != rejected.accessToken, pending == nil
        {
            current = cached
            return cached
        }
        return try await loginOnce(rejected: rejected)
    }

    private func loginOnce(rejected: Session?) async throws -> Session {
        if let pending { return try await pending.value }
        let authenticator = self.authenticator
        let exchange = self.exchange
        let task = Task { try await authenticator.login(exchange) }
        pending = task
        loginCount += 1
        do {
            let session = try await task.value
            pending = nil
            current = session
            if let key = authenticator.cacheKey, let cache {
                do {
                    try cache.store(session, for: key)
                } catch {
                    authenticator.settings.noticeHandler?(
                        "warning: the session cache could not be written (\(error)); the next run logs in again")
                }
            }
            return session
        } catch {
            pending = nil
            if let key = authenticator.cacheKey, rejected != nil { cache?.remove(key) }
            throw error
        }
    }
}
