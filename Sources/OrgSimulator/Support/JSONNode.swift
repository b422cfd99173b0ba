import RecordFiles

/// A parsed JSON request body: the simulator's own small parser, so a malformed body becomes a
/// `JSON_PARSER_ERROR` instead of a crash, and numbers keep their exact text.
///
/// Objects keep key order (Salesforce echoes fields in request order in some places).
enum JSONNode: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONNode])
    case object([(String, JSONNode)])

    static func == (lhs: JSONNode, rhs: JSONNode) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.number(a), .number(b)): return a == b
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    /// The value under `key` (exact match first, then case-insensitive) when this is an object.
    subscript(key: String) -> JSONNode? {
        guard case let .object(pairs) = self else { return nil }
        if let hit = pairs.first(where: { $0.0 == key }) { return hit.1 }
        let lower = key.lowercased()
        return pairs.first(where: { $0.0.lowercased() == lower })?.1
    }

    var stringValue: String? { if case let .string(s) = self { return s }; return nil }
    var boolValue: Bool? { if case let .bool(b) = self { return b }; return nil }
    var arrayValue: [JSONNode]? { if case let .array(a) = self { return a }; return nil }
    var objectPairs: [(String, JSONNode)]? { if case let .object(o) = self { return o }; return nil }
    var intValue: Int? {
        switch self {
        case let .number(n): return Int(n) ?? Double(n).flatMap { $0.rounded() == $0 ? Int(exactly: $0) : nil }
        case let .string(s): return Int(s)
        default: return nil
        }
    }

    /// Parses `bytes` with RecordFiles' parser; throws `JSONNodeError` naming the line and column on malformed
    /// input (the route turns it into `JSON_PARSER_ERROR`).
    static func parse(_ bytes: [UInt8]) throws -> JSONNode {
        do {
            return JSONNode(try JSONValue.parse(bytes))
        } catch let error as RecordFileError {
            throw JSONNodeError(description: error.description)
        }
    }

    /// The same value in the simulator's request-body form.
    init(_ value: JSONValue) {
        switch value {
        case .null: self = .null
        case let .bool(b): self = .bool(b)
        case let .number(n): self = .number(n)
        case let .string(s): self = .string(s)
        case let .array(items): self = .array(items.map(JSONNode.init))
        case let .object(members): self = .object(members.map { ($0.key, JSONNode($0.value)) })
        }
    }
}

/// Why a body failed to parse, with its line and column.
struct JSONNodeError: Error, CustomStringConvertible {
    let description: String
}
