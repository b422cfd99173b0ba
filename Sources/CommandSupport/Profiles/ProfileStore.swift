import Foundation
import SalesforceConnection
import Yams

/// Reads `orgs.yaml` (`$SFBATCH_CONFIG`, else `~/.config/sfbatch/orgs.yaml`, honouring `$XDG_CONFIG_HOME`).
///
/// ```yaml
/// orgs:
///   prod:
///     instanceUrl: https://acme.my.salesforce.com
///     auth: client-credentials
///     clientId: 3MVG9...
///     clientSecretEnv: ACME_CLIENT_SECRET        # or clientSecretFile: ~/.config/sfbatch/acme.secret
///     allowedOperations: [query, insert, update, upsert]
/// ```
public struct ProfileStore: Sendable {
    /// The file read.
    public let path: String
    /// Whether the file is readable or writable by group or others (plaintext secrets are then refused).
    public let isShared: Bool
    private let profiles: [String: OrgProfile]
    /// Plaintext secrets, kept out of `OrgProfile` (which prints and compares) and read only on demand.
    private let plaintexts: [String: [OrgProfile.SecretKind: Secret]]

    /// The default path for `environment`.
    public static func defaultPath(environment: [String: String]) -> String {
        if let explicit = environment["SFBATCH_CONFIG"], !explicit.isEmpty { return explicit }
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") { return xdg + "/sfbatch/orgs.yaml" }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.config/sfbatch/orgs.yaml"
    }

    /// Loads the file at `path`.
    ///
    /// - Throws: `CommandError` (usage) naming the file and line for YAML errors and unknown keys.
    public init(path: String) throws {
        self.path = path
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandError.usage(
                "cannot read the org profiles file \(path); create it or set SFBATCH_CONFIG to its path")
        }
        var info = stat()
        isShared = stat(path, &info) == 0 && (info.st_mode & 0o077) != 0
        let root: Any?
        do {
            root = try Yams.load(yaml: String(decoding: data, as: UTF8.self))
        } catch {
            throw CommandError.usage("\(path): not valid YAML: \(error)")
        }
        guard let top = root as? [String: Any] else {
            throw CommandError.usage("\(path): expected a mapping of org names (under 'orgs:')")
        }
        let orgs = (top["orgs"] as? [String: Any]) ?? top
        var result: [String: OrgProfile] = [:]
        var secrets: [String: [OrgProfile.SecretKind: Secret]] = [:]
        for (name, value) in orgs {
            guard let fields = value as? [String: Any] else {
                throw CommandError.usage("\(path): org '\(name)' must be a mapping of settings")
            }
            let (profile, plaintext) = try Self.profile(name: name, fields: fields, path: path)
            result[name] = profile
            secrets[name] = plaintext
        }
        profiles = result
        plaintexts = secrets
    }

    /// Profile names, sorted.
    public var names: [String] { profiles.keys.sorted() }

    /// The profile `name`.
    ///
    /// - Throws: `CommandError` (usage) listing the known names when there is no such profile.
    public func profile(named name: String) throws -> OrgProfile {
        guard let profile = profiles[name] else {
            let known = names.isEmpty ? "none" : names.joined(separator: ", ")
            throw CommandError.usage("\(path): no org named '\(name)' (known: \(known))")
        }
        return profile
    }

    /// Reads the value of a profile secret, refusing plaintext in a shared file.
    public func secret(_ kind: OrgProfile.SecretKind, of profile: OrgProfile, environment: [String: String])
        throws -> Secret?
    {
        guard let reference = profile.secrets[kind] else { return nil }
        switch reference {
        case .environment(let variable):
            guard let value = environment[variable], !value.isEmpty else {
                throw CommandError(
                    "org '\(profile.name)' takes its \(kind.rawValue) from $\(variable), which is not set",
                    status: .authenticationFailed)
            }
            return Secret(value)
        case .file(let file):
            return try SecretFile.read(file, what: "the \(kind.rawValue) of org '\(profile.name)'")
        case .plaintext:
            if isShared {
                throw CommandError(
                    "\(path) holds a plaintext \(kind.rawValue) for org '\(profile.name)' but other users can "
                        + "read the file; run `chmod 600 \(path)` or name the secret with \(kind.rawValue)Env / "
                        + "\(kind.rawValue)File", status: .authenticationFailed)
            }
            return try plaintext(kind, of: profile)
        }
    }

    private func plaintext(_ kind: OrgProfile.SecretKind, of profile: OrgProfile) throws -> Secret {
        guard let value = plaintexts[profile.name]?[kind] else {
            throw CommandError("org '\(profile.name)' has no \(kind.rawValue)", status: .authenticationFailed)
        }
        return value
    }

    static func profile(name: String, fields: [String: Any], path: String) throws
        -> (OrgProfile, [OrgProfile.SecretKind: Secret])
    {
        var profile = OrgProfile(name: name)
        var plaintext: [OrgProfile.SecretKind: Secret] = [:]
        let known: Set<String> = [
            "instanceUrl", "loginUrl", "auth", "clientId", "username", "apiVersion", "concurrency", "maxApiUsage",
            "cacert", "proxy", "jwtKeyFile", "allowedOperations",
        ]
        for (key, value) in fields {
            if let kind = OrgProfile.SecretKind.allCases.first(where: { key.hasPrefix($0.rawValue) }) {
                let text = "\(value)"
                switch key.dropFirst(kind.rawValue.count) {
                case "Env": profile.secrets[kind] = .environment(text)
                case "File": profile.secrets[kind] = .file(SecretFile.expandHome(text))
                case "":
                    profile.secrets[kind] = .plaintext
                    plaintext[kind] = Secret(text)
                default:
                    throw CommandError.usage(
                        "\(path): org '\(name)': unknown key '\(key)' (use \(kind.rawValue)Env or \(kind.rawValue)File)")
                }
                continue
            }
            guard known.contains(key) else {
                throw CommandError.usage(
                    "\(path): org '\(name)': unknown key '\(key)' (known: \(known.sorted().joined(separator: ", ")))")
            }
            let text = "\(value)"
            switch key {
            case "instanceUrl": profile.instanceURL = text
            case "loginUrl": profile.loginURL = text
            case "auth": profile.auth = text
            case "clientId": profile.clientID = text
            case "username": profile.username = text
            case "apiVersion": profile.apiVersion = text
            case "cacert": profile.caBundle = SecretFile.expandHome(text)
            case "proxy": profile.proxy = text
            case "jwtKeyFile": profile.jwtKeyFile = SecretFile.expandHome(text)
            case "concurrency":
                guard let number = Int(text) else {
                    throw CommandError.usage("\(path): org '\(name)': concurrency must be a number")
                }
                profile.concurrency = number
            case "maxApiUsage":
                guard let number = Int(text) else {
                    throw CommandError.usage("\(path): org '\(name)': maxApiUsage must be a number")
                }
                profile.maxAPIUsage = number
            case "allowedOperations":
                guard let list = value as? [Any] else {
                    throw CommandError.usage(
                        "\(path): org '\(name)': allowedOperations must be a list, e.g. [query, insert]")
                }
                profile.allowedOperations = list.map { "\($0)" }
            default: break
            }
        }
        return (profile, plaintext)
    }
}
