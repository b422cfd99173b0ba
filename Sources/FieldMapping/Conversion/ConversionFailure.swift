/// Why a cell cannot be sent, with a Salesforce-style code so that locally rejected rows read like server errors
/// in the error file (`STRING_TOO_LONG:...`).
public struct ConversionFailure: Error, Sendable, Hashable, CustomStringConvertible {
    public var code: String
    public var message: String

    public init(_ code: String, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code):\(message)" }

    static func badType(_ value: String, _ what: String) -> ConversionFailure {
        ConversionFailure("INVALID_TYPE_ON_FIELD_IN_RECORD", "'\(value)' is not \(what)")
    }
}
