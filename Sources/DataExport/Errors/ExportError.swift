/// The one error type of the export engine.
///
/// A struct over a private code so cases can be added without breaking callers. `description` is one
/// sentence that names the object, file or field involved and says what to do.
public struct ExportError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The class of failure, used by the executable to choose its exit code.
    public enum Kind: Sendable, Equatable {
        /// The command line or query is unusable as given (exit code "usage").
        case usage
        /// The server returned fewer or more rows than it announced; the output was not committed.
        case countMismatch
        /// Reading or writing a local file failed.
        case io
        /// The server sent something the engine cannot interpret.
        case protocolViolation
        /// A resume was asked for but the journal does not match this export.
        case resume
    }

    /// The class of failure.
    public let kind: Kind
    /// One actionable sentence.
    public let description: String

    public init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }

    static func usage(_ message: String) -> ExportError { ExportError(.usage, message) }
    static func io(_ message: String) -> ExportError { ExportError(.io, message) }
    static func protocolViolation(_ message: String) -> ExportError { ExportError(.protocolViolation, message) }
}
