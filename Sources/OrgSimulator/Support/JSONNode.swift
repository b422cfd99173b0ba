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

    /// Parses `bytes`; throws `JSONNodeError` with the byte offset on malformed input.
    static func parse(_ bytes: [UInt8]) throws -> JSONNode {
        var parser = JSONNodeParser(bytes: bytes)
        parser.skipSpace()
        let value = try parser.parseValue(depth: 0)
        parser.skipSpace()
        guard parser.index == bytes.count else { throw parser.error("unexpected trailing characters") }
        return value
    }
}

/// Where and why a body failed to parse.
struct JSONNodeError: Error, CustomStringConvertible {
    let offset: Int
    let reason: String
    var description: String { "\(reason) at [line:1, column:\(offset + 1)]" }
}

private struct JSONNodeParser {
    let bytes: [UInt8]
    var index = 0

    func error(_ reason: String) -> JSONNodeError { JSONNodeError(offset: index, reason: reason) }

    mutating func skipSpace() {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 {
            index += 1
        }
    }

    mutating func parseValue(depth: Int) throws -> JSONNode {
        guard depth < 64 else { throw error("nesting too deep") }
        guard index < bytes.count else { throw error("Unexpected end-of-input") }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            index += 1
            var pairs: [(String, JSONNode)] = []
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(pairs) }
            while true {
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error("Unexpected character, expected a field name") }
                let key = try parseString()
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("Unexpected character, expected ':'") }
                index += 1
                skipSpace()
                pairs.append((key, try parseValue(depth: depth + 1)))
                skipSpace()
                guard index < bytes.count else { throw error("Unexpected end-of-input in object") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(pairs) }
                throw error("Unexpected character, expected ',' or '}'")
            }
        case UInt8(ascii: "["):
            index += 1
            var items: [JSONNode] = []
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
            while true {
                skipSpace()
                items.append(try parseValue(depth: depth + 1))
                skipSpace()
                guard index < bytes.count else { throw error("Unexpected end-of-input in array") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
                throw error("Unexpected character, expected ',' or ']'")
            }
        case UInt8(ascii: "\""):
            return .string(try parseString())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        default:
            return try parseNumber()
        }
    }

    mutating func literal(_ word: String) throws {
        let w = Array(word.utf8)
        guard index + w.count <= bytes.count, Array(bytes[index..<index + w.count]) == w else {
            throw error("Unrecognized token")
        }
        index += w.count
    }

    mutating func parseNumber() throws -> JSONNode {
        let start = index
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        var digits = 0
        while index < bytes.count {
            let c = bytes[index]
            if (c >= 0x30 && c <= 0x39) { digits += 1; index += 1; continue }
            if c == UInt8(ascii: ".") || c == UInt8(ascii: "e") || c == UInt8(ascii: "E") || c == UInt8(ascii: "+") || c == UInt8(ascii: "-") {
                index += 1; continue
            }
            break
        }
        guard digits > 0 else { index = start; throw error("Unrecognized token") }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard Double(text) != nil else { throw error("Malformed number '\(text)'") }
        return .number(text)
    }

    mutating func parseString() throws -> String {
        index += 1  // opening quote
        var out: [UInt8] = []
        while index < bytes.count {
            let c = bytes[index]
            if c == UInt8(ascii: "\"") {
                index += 1
                return String(decoding: out, as: UTF8.self)
            }
            if c == UInt8(ascii: "\\") {
                index += 1
                guard index < bytes.count else { break }
                let e = bytes[index]
                index += 1
                switch e {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if scalar >= 0xD800, scalar < 0xDC00, index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
                        bytes[index + 1] == UInt8(ascii: "u")
                    {
                        index += 2
                        let low = try hex4()
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low &- 0xDC00)
                    }
                    let s = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                    out.append(contentsOf: Array(String(Character(s)).utf8))
                default: out.append(e)
                }
                continue
            }
            if c < 0x20 { throw error("Illegal unquoted character in string") }
            out.append(c)
            index += 1
        }
        throw error("Unexpected end-of-input in string")
    }

    mutating func hex4() throws -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("Unexpected end-of-input in escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[index]
            index += 1
            v <<= 4
            switch c {
            case 0x30...0x39: v |= UInt32(c - 0x30)
            case 0x41...0x46: v |= UInt32(c - 0x41 + 10)
            case 0x61...0x66: v |= UInt32(c - 0x61 + 10)
            default: throw error("Illegal hex digit in escape")
            }
        }
        return v
    }
}
