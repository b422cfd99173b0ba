import ArgumentParser
import Foundation
import HTTPTransport
import RequestScheduler
import SalesforceConnection

extension ConnectionOptions {
    /// Builds a client from the options, the org profile and the environment.
    ///
    /// - Throws: `CommandError` with the exit status for missing or conflicting credentials.
    public func makeClient(environment: [String: String] = ProcessInfo.processInfo.environment) throws
        -> SalesforceClient
    {
        let resolved = try resolve(environment: environment)
        return try makeClient(resolved)
    }

    /// Builds a client from an already resolved connection.
    public func makeClient(_ resolved: ResolvedConnection) throws -> SalesforceClient {
        do {
            return try SalesforceClient(settings: resolved.settings, credentials: resolved.credentials)
        } catch let error as SalesforceError where error.category == .configuration {
            throw CommandError(error.description, status: .usage)
        }
    }

    /// Checks that the org profile allows `operation` (`query`, `insert`, `update`, `upsert`, `delete`,
    /// `hardDelete`).
    ///
    /// - Throws: `CommandError` (usage) naming the profile and its allowed operations.
    public func checkAllowed(_ operation: String, resolved: ResolvedConnection) throws {
        guard let profile = resolved.profile, !profile.allows(operation) else { return }
        let allowed = profile.allowedOperations?.joined(separator: ", ") ?? ""
        throw CommandError.usage(
            "org '\(profile.name)' does not allow \(operation) (allowedOperations: [\(allowed)]); use another org "
                + "profile or change the profile")
    }

    /// Resolves options + profile + environment into settings and credentials, without sending anything.
    ///
    /// - Parameter log: Where `--verbose` request lines and notices go (stderr by default).
    public func resolve(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        log: @escaping @Sendable (String) -> Void = StandardError.write
    ) throws -> ResolvedConnection {
        var profile: OrgProfile?
        var store: ProfileStore?
        if let org {
            let loaded = try ProfileStore(path: ProfileStore.defaultPath(environment: environment))
            store = loaded
            profile = try loaded.profile(named: org)
        }

        let instance = instanceURL ?? profile?.instanceURL
        let login = loginURL ?? profile?.loginURL ?? ConnectionSettings.productionLoginURL
        let credentials = try makeCredentials(
            profile: profile, store: store, instanceURL: instance, environment: environment)

        var transport = TransportConfiguration()
        if let path = cacert ?? profile?.caBundle { transport.caBundlePath = SecretFile.expandHome(path) }
        if let proxy = proxy ?? profile?.proxy { transport.proxy = proxy }

        var scheduler = SchedulerConfiguration()
        scheduler.maxConcurrent = min(max(concurrency ?? profile?.concurrency ?? 4, 1), 25)
        scheduler.maxAPIUsagePercent = maxAPIUsage ?? profile?.maxAPIUsage ?? 90

        var settings = ConnectionSettings(
            instanceURL: instance, loginURL: login,
            apiVersion: apiVersion ?? profile?.apiVersion ?? ConnectionSettings.defaultAPIVersion,
            transport: transport, scheduler: scheduler,
            sessionCache: SessionCacheSettings(enabled: !noSessionCache))
        if verbose {
            settings.requestObserver = { event in log(event.logLine + "\n") }
        }
        settings.noticeHandler = { notice in log(notice + "\n") }

        var audit: AuditLog?
        if let auditLog { audit = try AuditLog(path: SecretFile.expandHome(auditLog)) }
        return ResolvedConnection(
            settings: settings, credentials: credentials, profile: profile,
            orgLabel: profile?.name ?? instance ?? login, auditLog: audit)
    }

    /// Picks the login method (explicit `--auth`, the profile's, or inferred) and gathers its secrets.
    func makeCredentials(
        profile: OrgProfile?, store: ProfileStore?, instanceURL: String?, environment: [String: String]
    ) throws -> Credentials {
        func profileSecret(_ kind: OrgProfile.SecretKind) throws -> Secret? {
            guard let profile, let store else { return nil }
            return try store.secret(kind, of: profile, environment: environment)
        }
        func env(_ name: String) -> Secret? {
            guard let value = environment[name], !value.isEmpty else { return nil }
            return Secret(value)
        }

        let clientID = self.clientID ?? profile?.clientID
        let username = self.username ?? profile?.username
        let keyFile = jwtKeyFile ?? profile?.jwtKeyFile
        let clientSecret = try clientSecretFile.map { try SecretFile.read($0, what: "the client secret") }
            ?? profileSecret(.clientSecret) ?? env("SF_CLIENT_SECRET")
        let password = try passwordFile.map { try SecretFile.read($0, what: "the password") }
            ?? profileSecret(.password) ?? env("SF_PASSWORD")
        let token = try securityTokenFile.map { try SecretFile.read($0, what: "the security token") }
            ?? profileSecret(.securityToken) ?? env("SF_SECURITY_TOKEN")
        let accessToken = try profileSecret(.accessToken) ?? env("SF_ACCESS_TOKEN")

        var method = auth
        if method == nil, let named = profile?.auth {
            guard let parsed = AuthMethod(rawValue: named) else {
                throw CommandError.usage(
                    "org '\(profile?.name ?? "")': auth must be client-credentials, soap, jwt or token (got '\(named)')")
            }
            method = parsed
        }
        if method == nil {
            if keyFile != nil {
                method = .jwt
            } else if clientID != nil && clientSecret != nil {
                method = .clientCredentials
            } else if username != nil && password != nil {
                method = .soap
            } else if accessToken != nil {
                method = .token
            } else {
                throw CommandError(
                    "no credentials given: use --client-id with SF_CLIENT_SECRET (client credentials, recommended), "
                        + "--username with SF_PASSWORD/SF_SECURITY_TOKEN (SOAP), --client-id --username "
                        + "--jwt-key-file (JWT), or SF_ACCESS_TOKEN with --instance-url; or --org NAME",
                    status: .authenticationFailed)
            }
        }

        switch method ?? .clientCredentials {
        case .clientCredentials:
            guard let clientID else { throw CommandError.usage("--auth client-credentials needs --client-id") }
            guard let clientSecret else {
                throw CommandError(
                    "client credentials need the client secret: set SF_CLIENT_SECRET or --client-secret-file",
                    status: .authenticationFailed)
            }
            if instanceURL == nil {
                throw CommandError.usage(
                    "client credentials need the org's My Domain URL: --instance-url https://<domain>.my.salesforce.com")
            }
            return .clientCredentials(clientID: clientID, clientSecret: clientSecret)
        case .soap:
            guard let username else { throw CommandError.usage("--auth soap needs --username") }
            guard let password else {
                throw CommandError(
                    "SOAP login needs the password: set SF_PASSWORD or --password-file", status: .authenticationFailed)
            }
            return .soap(username: username, password: password, securityToken: token)
        case .jwt:
            guard let clientID, let username else {
                throw CommandError.usage("--auth jwt needs --client-id and --username")
            }
            guard let keyFile else { throw CommandError.usage("--auth jwt needs --jwt-key-file") }
            let key = try SecretFile.read(keyFile, what: "the JWT private key")
            return .jwt(clientID: clientID, username: username, privateKeyPEM: key, audience: nil)
        case .token:
            guard let accessToken else {
                throw CommandError("--auth token needs SF_ACCESS_TOKEN", status: .authenticationFailed)
            }
            if instanceURL == nil { throw CommandError.usage("--auth token needs --instance-url") }
            return .accessToken(accessToken)
        }
    }
}
