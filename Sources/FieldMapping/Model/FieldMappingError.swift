/// Errors that stop a mapping from being read at all (unreadable file, YAML syntax) or a cell from converting.
public struct FieldMappingError: Error, Sendable, CustomStringConvertible {
    public enum Code: Sendable, Hashable {
        case unreadableFile
        case syntax
        case unsupportedFormat
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
