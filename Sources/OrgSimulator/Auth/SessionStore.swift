import Foundation

/// Live sessions and refresh tokens. Tokens look like Salesforce's: `<orgId15>!<opaque>`.
final class SessionStore: Sendable {
    private struct State {
        var sessions: [String: Session] = [:]
        var refreshTokens: [String: (userSlot: Int, username: String, clientID: String)] = [:]
    }

    private let state = Locked(State())
    let orgID15: String

    init(orgID15: String) { self.orgID15 = orgID15 }

    /// Opens a session lasting `ttl` seconds.
    func open(userSlot: Int, username: String, method: Session.Method, ttl: Int) -> Session {
        let now = Date().timeIntervalSince1970
        let session = Session(
            token: "\(orgID15)!\(Self.opaque(96))", userSlot: userSlot, username: username, method: method,
            issuedAt: now, expiresAt: now + Double(ttl))
        state.withLock { s in
            s.sessions[session.token] = session
            // Forget expired sessions now and then so the table stays small.
            if s.sessions.count % 1024 == 0 { s.sessions = s.sessions.filter { $0.value.expiresAt > now } }
        }
        return session
    }

    /// The live session for `token`, or nil when unknown, revoked or expired.
    func validate(_ token: String) -> Session? {
        let now = Date().timeIntervalSince1970
        return state.withLock { s in
            guard let session = s.sessions[token] else { return nil }
            if session.expiresAt <= now {
                s.sessions[token] = nil
                return nil
            }
            return session
        }
    }

    /// Issues a refresh token for the password grant.
    func issueRefreshToken(userSlot: Int, username: String, clientID: String) -> String {
        let token = "5Aep861\(Self.opaque(80))"
        state.withLock { $0.refreshTokens[token] = (userSlot, username, clientID) }
        return token
    }

    func redeemRefreshToken(_ token: String) -> (userSlot: Int, username: String, clientID: String)? {
        state.withLock { $0.refreshTokens[token] }
    }

    /// Revokes sessions: all of them, or one user's, or one token. Returns how many were revoked.
    @discardableResult
    func revoke(username: String? = nil, token: String? = nil) -> Int {
        state.withLock { s in
            let before = s.sessions.count
            if let token {
                s.sessions[token] = nil
                s.refreshTokens[token] = nil
            } else if let username {
                s.sessions = s.sessions.filter { $0.value.username.lowercased() != username.lowercased() }
                s.refreshTokens = s.refreshTokens.filter { $0.value.username.lowercased() != username.lowercased() }
            } else {
                s.sessions.removeAll()
                s.refreshTokens.removeAll()
            }
            return before - s.sessions.count
        }
    }

    var count: Int { state.withLock { $0.sessions.count } }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._".utf8)

    static func opaque(_ length: Int) -> String {
        var rng = SystemRandomNumberGenerator()
        return String(decoding: (0..<length).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }, as: UTF8.self)
    }
}
