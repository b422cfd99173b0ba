/// Users, connected apps and org settings: from `--config FILE` (JSON) or the documented defaults.
public struct OrgConfiguration: Sendable {
    /// A user who can log in.
    public struct User: Sendable {
        public var username: String
        public var password: String
        public var securityToken: String
        public var firstName: String
        public var lastName: String
        public var email: String
        public var active: Bool

        public init(
            username: String, password: String, securityToken: String = "", firstName: String = "",
            lastName: String = "User", email: String? = nil, active: Bool = true
        ) {
            self.username = username
            self.password = password
            self.securityToken = securityToken
            self.firstName = firstName
            self.lastName = lastName
            self.email = email ?? username
            self.active = active
        }
    }

    /// An OAuth client (connected app).
    public struct ConnectedApp: Sendable {
        public var name: String
        public var clientID: String
        public var clientSecret: String
        /// Username of the client-credentials "Run As" user; nil disables that grant.
        public var runAsUser: String?
        /// PEM certificate (or public key) that verifies JWT bearer assertions; nil disables JWT.
        public var certificatePEM: String?

        public init(
            name: String, clientID: String, clientSecret: String, runAsUser: String?, certificatePEM: String? = nil
        ) {
            self.name = name
            self.clientID = clientID
            self.clientSecret = clientSecret
            self.runAsUser = runAsUser
            self.certificatePEM = certificatePEM
        }
    }

    public var organizationName = "sfsim Simulated Org"
    public var users: [User]
    public var apps: [ConnectedApp]
    /// False refuses SOAP `login()` for every version (as orgs created Winter '26 and later).
    public var soapLoginEnabled = true
    /// Session lifetime in seconds (`--session-ttl`).
    public var sessionTTL = 7200
    /// Daily API request allocation (`--api-limit`).
    public var apiLimit = 100_000
    /// Newest API version served (`/services/data` lists 31.0 up to this).
    public var latestVersion = 66

    /// Default user `admin@sfsim.test` / `sfsim-password` + token `SFSIMTOKEN`, and app
    /// `sfsim-client` / `sfsim-secret` running as that user.
    public static let defaultUsername = "admin@sfsim.test"

    public init(users: [User]? = nil, apps: [ConnectedApp]? = nil) {
        self.users =
            users ?? [
                User(
                    username: Self.defaultUsername, password: "sfsim-password", securityToken: "SFSIMTOKEN",
                    firstName: "Sim", lastName: "Admin")
            ]
        self.apps =
            apps ?? [
                ConnectedApp(
                    name: "sfsim", clientID: "sfsim-client", clientSecret: "sfsim-secret",
                    runAsUser: Self.defaultUsername)
            ]
    }

    /// Reads a JSON configuration:
    /// `{"organizationName":…, "soapLoginEnabled":true, "sessionTTL":7200, "apiLimit":100000,
    ///   "users":[{"username","password","securityToken","firstName","lastName","email","active"}],
    ///   "connectedApps":[{"name","clientId","clientSecret","runAsUser","certificateFile"}]}`.
    /// - Throws: `SchemaError`-style `ConfigurationError` naming the file and key.
    public static func load(path: String, readFile: (String) -> [UInt8]?) throws -> OrgConfiguration {
        guard let bytes = readFile(path) else {
            throw ConfigurationError("cannot read configuration file '\(path)'")
        }
        let node: JSONNode
        do { node = try JSONNode.parse(bytes) } catch {
            throw ConfigurationError("'\(path)' is not valid JSON: \(error)")
        }
        var users: [User] = []
        for (i, u) in (node["users"]?.arrayValue ?? []).enumerated() {
            guard let name = u["username"]?.stringValue, let password = u["password"]?.stringValue else {
                throw ConfigurationError("'\(path)': users[\(i)] needs 'username' and 'password'")
            }
            users.append(
                User(
                    username: name, password: password, securityToken: u["securityToken"]?.stringValue ?? "",
                    firstName: u["firstName"]?.stringValue ?? "", lastName: u["lastName"]?.stringValue ?? "User",
                    email: u["email"]?.stringValue, active: u["active"]?.boolValue ?? true))
        }
        var apps: [ConnectedApp] = []
        for (i, a) in (node["connectedApps"]?.arrayValue ?? []).enumerated() {
            guard let id = a["clientId"]?.stringValue, let secret = a["clientSecret"]?.stringValue else {
                throw ConfigurationError("'\(path)': connectedApps[\(i)] needs 'clientId' and 'clientSecret'")
            }
            var pem: String?
            if let file = a["certificateFile"]?.stringValue {
                guard let cert = readFile(file) else {
                    throw ConfigurationError("'\(path)': connectedApps[\(i)].certificateFile '\(file)' cannot be read")
                }
                pem = String(decoding: cert, as: UTF8.self)
            }
            apps.append(
                ConnectedApp(
                    name: a["name"]?.stringValue ?? id, clientID: id, clientSecret: secret,
                    runAsUser: a["runAsUser"]?.stringValue, certificatePEM: pem))
        }
        var config = OrgConfiguration(users: users.isEmpty ? nil : users, apps: apps.isEmpty ? nil : apps)
        if let name = node["organizationName"]?.stringValue { config.organizationName = name }
        if let soap = node["soapLoginEnabled"]?.boolValue { config.soapLoginEnabled = soap }
        if let ttl = node["sessionTTL"]?.intValue { config.sessionTTL = ttl }
        if let limit = node["apiLimit"]?.intValue { config.apiLimit = limit }
        return config
    }
}

/// A configuration file that cannot be used.
public struct ConfigurationError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
