import Foundation
import SalesforceConnection

/// What `ConnectionOptions.resolve` produces: settings, credentials, the profile used, and the loggers.
public struct ResolvedConnection: Sendable {
    public var settings: ConnectionSettings
    public var credentials: Credentials
    /// The org profile, when `--org` named one.
    public var profile: OrgProfile?
    /// Name for audit logs: the profile name, else the instance or login URL.
    public var orgLabel: String
    /// The audit log, when `--audit-log` was given.
    public var auditLog: AuditLog?
}

extension ResolvedConnection {
    /// Records one data action in the audit log, when `--audit-log` was given.
    ///
    /// - Parameters:
    ///   - action: `query`, `export`, `insert`, `update`, `upsert`, `delete`, `hardDelete`.
    ///   - user: The user the session belongs to; defaults to the login principal (username or client id).
    public func audit(
        _ action: String, object: String?, records: Int, outcome: String, job: String? = nil, detail: String? = nil,
        user: String? = nil
    ) throws {
        guard let auditLog else { return }
        try auditLog.record(
            AuditLog.Entry(
                org: orgLabel, user: user ?? credentials.principal, action: action, object: object, records: records,
                outcome: outcome, job: job, detail: detail))
    }
}
