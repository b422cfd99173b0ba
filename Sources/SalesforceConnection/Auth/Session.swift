import Foundation

/// A logged-in session: the bearer token and the instance it is valid on.
public struct Session: Sendable, Codable, Equatable {
    /// The bearer token (an OAuth access token or a SOAP session id; both start with the org id).
    public var accessToken: Secret
    /// Base URL of the org's instance (`https://acme.my.salesforce.com`), without a trailing slash.
    public var instanceURL: String
    /// The user the session belongs to, when the login said.
    public var userID: String?
    /// The org id, when the login said.
    public var organizationID: String?
    /// The username, when the login said (SOAP, JWT) or the caller knew it.
    public var username: String?
    /// When the session was obtained.
    public var issuedAt: Date
    /// The method that obtained it (`Credentials.methodName`).
    public var method: String

    public init(
        accessToken: Secret, instanceURL: String, userID: String? = nil, organizationID: String? = nil,
        username: String? = nil, issuedAt: Date = Date(), method: String
    ) {
        self.accessToken = accessToken
        self.instanceURL = URLBuilder.trimmingTrailingSlash(instanceURL)
        self.userID = userID
        self.organizationID = organizationID
        self.username = username
        self.issuedAt = issuedAt
        self.method = method
    }

    enum CodingKeys: String, CodingKey {
        case accessToken, instanceURL, userID, organizationID, username, issuedAt, method
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        accessToken = Secret(try c.decode(String.self, forKey: .accessToken))
        instanceURL = try c.decode(String.self, forKey: .instanceURL)
        userID = c.optional(.userID)
        organizationID = c.optional(.organizationID)
        username = c.optional(.username)
        issuedAt = c.value(.issuedAt, default: Date(timeIntervalSince1970: 0))
        method = c.value(.method, default: "")
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(accessToken.revealed, forKey: .accessToken)
        try c.encode(instanceURL, forKey: .instanceURL)
        try c.encodeIfPresent(userID, forKey: .userID)
        try c.encodeIfPresent(organizationID, forKey: .organizationID)
        try c.encodeIfPresent(username, forKey: .username)
        try c.encode(issuedAt, forKey: .issuedAt)
        try c.encode(method, forKey: .method)
    }

    /// Reads org and user ids from an OAuth identity URL (`https://login.salesforce.com/id/<org>/<user>`).
    static func identityIDs(from url: String?) -> (organizationID: String?, userID: String?) {
        guard let url else { return (nil, nil) }
        let parts = url.split(separator: "/")
        guard let idIndex = parts.lastIndex(of: "id"), parts.count >= idIndex + 3 else { return (nil, nil) }
        return (String(parts[idIndex + 1]), String(parts[idIndex + 2]))
    }
}
