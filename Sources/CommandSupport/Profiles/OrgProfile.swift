import Foundation

/// A named org in `orgs.yaml`: where it is, how to log in, and which operations runs may perform.
///
/// Secrets are named, not written: `clientSecretEnv: PROD_SECRET` or `clientSecretFile: ~/.config/sfbatch/prod.key`.
/// A plaintext `clientSecret`, `password`, `securityToken` or `accessToken` is accepted only when the profile
/// file is readable by its owner alone.
public struct OrgProfile: Sendable, Equatable {
    public var name: String
    public var instanceURL: String?
    public var loginURL: String?
    /// `client-credentials`, `soap`, `jwt` or `token`.
    public var auth: String?
    public var clientID: String?
    public var username: String?
    public var apiVersion: String?
    public var concurrency: Int?
    public var maxAPIUsage: Int?
    public var caBundle: String?
    public var proxy: String?
    public var jwtKeyFile: String?
    /// Each secret by kind: the environment variable or file that holds it, or (private files only) the value.
    public var secrets: [SecretKind: SecretReference]
    /// Operations runs against this org may perform (`query`, `insert`, `update`, `upsert`, `delete`,
    /// `hardDelete`); `nil` allows all.
    public var allowedOperations: [String]?

    /// The secrets a profile can name.
    public enum SecretKind: String, Sendable, CaseIterable {
        case clientSecret, password, securityToken, accessToken
    }

    /// Where a secret comes from.
    public enum SecretReference: Sendable, Equatable {
        case environment(String)
        case file(String)
        case plaintext
    }

    public init(name: String) {
        self.name = name
        secrets = [:]
    }

    /// True when `operation` is allowed (case-insensitive); every operation is allowed without a list.
    public func allows(_ operation: String) -> Bool {
        guard let allowedOperations else { return true }
        return allowedOperations.contains { $0.caseInsensitiveCompare(operation) == .orderedSame }
    }
}
