/// The exit codes our executables document (README "Exit codes"), by class of failure.
///
/// Kept in one place so the corpus asserts the documented contract, not whatever a run returned.
enum DocumentedExit {
    /// Wrong or missing options (sysexits EX_USAGE).
    static let usage: Int32 = 64
    /// Input data the tool cannot read: malformed CSV, wrong encoding, truncated gzip (EX_DATAERR).
    static let badInput: Int32 = 65
    /// An input file that does not exist or cannot be opened (EX_NOINPUT).
    static let noInput: Int32 = 66
    /// The org could not be reached: connection refused, DNS, TLS (EX_UNAVAILABLE).
    static let unreachable: Int32 = 69
    /// Output could not be created (EX_CANTCREAT).
    static let cannotCreate: Int32 = 73
    /// Login refused: wrong or expired credentials (EX_NOPERM).
    static let authentication: Int32 = 77
    /// A mapping or query the org rejects: unknown object or field, SOQL errors (EX_CONFIG).
    static let invalidRequest: Int32 = 78
    /// `sfimport validate` found errors.
    static let validationErrors: Int32 = 65
}
