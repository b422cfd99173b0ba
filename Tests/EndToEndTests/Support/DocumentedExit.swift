/// The exit codes every sfbatch executable documents (CommandSupport `ExitStatus`, README "Exit codes").
///
/// Mirrored here rather than imported so the corpus asserts the documented contract independently:
/// if the code and the documentation drift apart, these tests fail.
enum DocumentedExit {
    /// Finished, but some rows were rejected (see the result files).
    static let rowsRejected: Int32 = 1
    /// Validation failed before anything was sent (mapping, CSV or describe checks).
    static let validationFailed: Int32 = 2
    /// Authentication failed (login refused, credentials missing or unreadable).
    static let authenticationFailed: Int32 = 3
    /// Network, TLS or proxy failure.
    static let networkFailure: Int32 = 4
    /// Salesforce API error (bad query, API limit, job failed).
    static let salesforceError: Int32 = 5
    /// Local file error (cannot read input, cannot write output).
    static let fileError: Int32 = 6
    /// Usage error (bad or conflicting options).
    static let usage: Int32 = 64
}
