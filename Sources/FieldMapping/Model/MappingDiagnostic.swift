/// One problem found in a mapping: where it is written, which field it concerns, what is wrong and how to fix it.
public struct MappingDiagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Comparable {
        case warning
        case error

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .warning && rhs == .error }
    }

    /// The class of problem, stable for scripts reading `--json` output.
    public enum Kind: String, Sendable, Hashable {
        case syntax
        case unknownKey
        case invalidValue
        case unknownObject
        case unknownField
        case notCreateable
        case notUpdateable
        case readOnlyField
        case requiredFieldMissing
        case invalidExternalIDField
        case lookupNotReference
        case lookupParentKeyNotExternalID
        case unknownParentObject
        case picklistValueNotAllowed
        case invalidConstant
        case duplicateField
        case missingColumn
        case unmappedColumn
        case missingIDColumn
        case operationNotAllowed
    }

    public var severity: Severity
    public var kind: Kind
    public var location: SourceLocation
    /// The field concerned, if any.
    public var field: String?
    /// What is wrong, one sentence.
    public var message: String
    /// What to do about it, one sentence; nil when the message already says it.
    public var fix: String?

    public init(
        _ severity: Severity, _ kind: Kind, at location: SourceLocation, field: String? = nil, _ message: String,
        fix: String? = nil
    ) {
        self.severity = severity
        self.kind = kind
        self.location = location
        self.field = field
        self.message = message
        self.fix = fix
    }

    /// `mappings/contacts.yaml:12: error: field 'Emial' does not exist on Contact; did you mean 'Email'?`
    public var description: String {
        var text = "\(location): \(severity.rawValue): \(message)"
        if let fix { text += "; \(fix)" }
        return text
    }
}
