import ArgumentParser

/// The exit codes of every sfbatch executable. Stable: scripts and schedulers branch on them.
///
/// | code | meaning |
/// |---|---|
/// | 0 | success |
/// | 1 | finished, but some rows were rejected (see the result files) |
/// | 2 | validation failed before anything was sent (mapping, CSV or describe checks) |
/// | 3 | authentication failed (login refused, credentials missing or unreadable) |
/// | 4 | network, TLS or proxy failure |
/// | 5 | Salesforce API error (bad query, API limit, job failed, outcome unknown) |
/// | 6 | local file error (cannot read input, cannot write output) |
/// | 7 | interrupted; the run can be resumed |
/// | 64 | usage error (bad or conflicting command-line options) |
public enum ExitStatus: Int32, Sendable, CaseIterable {
    case success = 0
    case rowsRejected = 1
    case validationFailed = 2
    case authenticationFailed = 3
    case networkFailure = 4
    case salesforceError = 5
    case fileError = 6
    case interrupted = 7
    case usage = 64

    /// The ArgumentParser exit code.
    public var exitCode: ExitCode { ExitCode(rawValue) }

    /// One-line meaning, for `--help` texts and docs.
    public var meaning: String {
        switch self {
        case .success: return "success"
        case .rowsRejected: return "finished, some rows rejected (see the result files)"
        case .validationFailed: return "validation failed; nothing was sent"
        case .authenticationFailed: return "authentication failed"
        case .networkFailure: return "network, TLS or proxy failure"
        case .salesforceError: return "Salesforce API error or API limit"
        case .fileError: return "local file error"
        case .interrupted: return "interrupted; resumable"
        case .usage: return "usage error"
        }
    }

    /// The exit-code table for `--help` discussions.
    public static var helpText: String {
        "Exit codes: " + allCases.map { "\($0.rawValue) \($0.meaning)" }.joined(separator: "; ") + "."
    }
}

extension ExitCode {
    /// 1: finished, some rows rejected.
    public static let rowsRejected = ExitStatus.rowsRejected.exitCode
    /// 2: validation failed, nothing sent.
    public static let validationFailed = ExitStatus.validationFailed.exitCode
    /// 3: authentication failed.
    public static let authenticationFailed = ExitStatus.authenticationFailed.exitCode
    /// 4: network, TLS or proxy failure.
    public static let networkFailure = ExitStatus.networkFailure.exitCode
    /// 5: Salesforce API error or limit.
    public static let salesforceError = ExitStatus.salesforceError.exitCode
    /// 6: local file error.
    public static let fileError = ExitStatus.fileError.exitCode
    /// 7: interrupted, resumable.
    public static let interrupted = ExitStatus.interrupted.exitCode
}
