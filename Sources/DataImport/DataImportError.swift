/// Errors that stop an import: unreadable input, a mapping that failed validation, a refused operation, a
/// journal that does not match the run being resumed.
public struct DataImportError: Error, Sendable, CustomStringConvertible {
    public enum Code: Sendable, Hashable {
        case input
        case mapping
        case validationFailed
        case operationRefused
        case confirmationRequired
        case journal
        case output
        case remote
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
