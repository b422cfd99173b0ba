/// A JSON document as the record layer sees it.
///
/// Numbers keep their exact text (`"12.50"`, `"1e400"`, 18-digit Ids-as-numbers): converting through `Double`
/// would change values a user round-trips through sfbatch, so conversion happens only when asked
/// (`intValue`, `doubleValue`). Objects keep their key order (see `JSONObject`).
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// A number, as its exact JSON text.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)
}

extension JSONValue {
    /// Parses one JSON text (RFC 8259) from bytes; whitespace around the value is allowed, anything else is not.
    /// - Throws: `RecordFileError` (`.invalidJSON`) with the line and column of the first problem.
    public static func parse(_ bytes: some Collection<UInt8>) throws -> JSONValue {
        if let result = try bytes.withContiguousStorageIfAvailable({ try JSONParser.parse($0) }) {
            return result
        }
        let copy = Array(bytes)
        return try copy.withUnsafeBufferPointer { try JSONParser.parse($0) }
    }

    /// Parses one JSON text from a string.
    public static func parse(_ text: String) throws -> JSONValue {
        var text = text
        return try text.withUTF8 { try JSONParser.parse($0) }
    }

    /// A number value from an integer.
    public static func number(_ value: Int) -> JSONValue { .number(String(value)) }

    /// A number value from a double; non-finite values become `null` (JSON has no NaN or infinity).
    public static func number(_ value: Double) -> JSONValue {
        guard value.isFinite else { return .null }
        if value == value.rounded(), abs(value) < 1e15 { return .number(String(Int(value))) }
        return .number(String(value))
    }
}

extension JSONValue: CustomStringConvertible {
    /// The compact JSON text.
    public var description: String {
        String(decoding: serialized(), as: UTF8.self)
    }
}
