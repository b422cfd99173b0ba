/// A byte-level JSON parser (RFC 8259) over a contiguous buffer.
///
/// Hand-written instead of Foundation's `JSONSerialization`/`JSONDecoder` because those convert numbers to
/// `Double`/`NSNumber` (losing the exact text), drop key order, and allocate bridged objects per value; this one
/// scans bytes once, builds strings straight from the input slice when a string has no escapes, and keeps
/// numbers as text.
struct JSONParser {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0
    private var depth = 0
    private var scratch: [UInt8] = []
    static let maximumDepth = 512

    private init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws -> JSONValue {
        var parser = JSONParser(bytes)
        parser.skipWhitespace()
        let value = try parser.parseValue()
        parser.skipWhitespace()
        if parser.position < bytes.count { throw parser.failure("unexpected data after the JSON value") }
        return value
    }

    // MARK: values

    private mutating func parseValue() throws -> JSONValue {
        guard position < bytes.count else { throw failure("unexpected end of JSON input, expected a value") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return .object(try parseObject())
        case UInt8(ascii: "["): return .array(try parseArray())
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"):
            try expectWord("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectWord("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectWord("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .number(try parseNumber())
        default:
            throw failure("unexpected character \(describe(bytes[position])), expected a value")
        }
    }

    private mutating func parseObject() throws -> JSONObject {
        try enter()
        position += 1
        // Salesforce records carry 5-50 fields: reserving up front replaces five or six doublings per object
        // with one allocation.
        var members: [JSONObject.Element] = []
        members.reserveCapacity(24)
        skipWhitespace()
        if position < bytes.count && bytes[position] == UInt8(ascii: "}") {
            position += 1
            depth -= 1
            return JSONObject(uniqueMembers: members)
        }
        var index: [String: Int]? = nil
        while true {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                throw failure("expected a quoted object key")
            }
            let key = try parseString()
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
                throw failure("expected ':' after object key \"\(key)\"")
            }
            position += 1
            skipWhitespace()
            let value = try parseValue()
            // Duplicate keys: the last value wins, at the first position. Small objects scan; big ones index.
            if members.count < 32 {
                if let existing = members.firstIndex(where: { $0.key == key }) {
                    members[existing].value = value
                } else {
                    members.append((key, value))
                }
            } else {
                if index == nil {
                    var built: [String: Int] = [:]
                    for (offset, member) in members.enumerated() { built[member.key] = offset }
                    index = built
                }
                if let existing = index?[key] {
                    members[existing].value = value
                } else {
                    index?[key] = members.count
                    members.append((key, value))
                }
            }
            skipWhitespace()
            guard position < bytes.count else { throw failure("unexpected end of JSON input inside an object") }
            let next = bytes[position]
            position += 1
            if next == UInt8(ascii: ",") { continue }
            if next == UInt8(ascii: "}") { break }
            position -= 1
            throw failure("expected ',' or '}' in an object, found \(describe(next))")
        }
        depth -= 1
        return JSONObject(uniqueMembers: members)
    }

    private mutating func parseArray() throws -> [JSONValue] {
        try enter()
        position += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if position < bytes.count && bytes[position] == UInt8(ascii: "]") {
            position += 1
            depth -= 1
            return elements
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue())
            skipWhitespace()
            guard position < bytes.count else { throw failure("unexpected end of JSON input inside an array") }
            let next = bytes[position]
            position += 1
            if next == UInt8(ascii: ",") { continue }
            if next == UInt8(ascii: "]") { break }
            position -= 1
            throw failure("expected ',' or ']' in an array, found \(describe(next))")
        }
        depth -= 1
        return elements
    }

    private mutating func enter() throws {
        depth += 1
        if depth > Self.maximumDepth { throw failure("JSON nested deeper than \(Self.maximumDepth) levels") }
    }

    private mutating func expectWord(_ word: StaticString) throws {
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count else { throw failure("unexpected end of JSON input") }
        let start = word.utf8Start
        for offset in 0..<count where bytes[position + offset] != start[offset] {
            throw failure("invalid literal, expected \(word)")
        }
        position += count
    }

    private mutating func parseNumber() throws -> String {
        let start = position
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard position < bytes.count, isDigit(bytes[position]) else { throw failure("a number needs digits") }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
        } else {
            while position < bytes.count && isDigit(bytes[position]) { position += 1 }
        }
        if position < bytes.count && bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard position < bytes.count, isDigit(bytes[position]) else {
                throw failure("a number needs digits after the decimal point")
            }
            while position < bytes.count && isDigit(bytes[position]) { position += 1 }
        }
        if position < bytes.count && (bytes[position] | 0x20) == UInt8(ascii: "e") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            guard position < bytes.count, isDigit(bytes[position]) else {
                throw failure("a number needs digits in its exponent")
            }
            while position < bytes.count && isDigit(bytes[position]) { position += 1 }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
    }

    @inline(__always)
    private func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

    // MARK: strings

    private mutating func parseString() throws -> String {
        position += 1
        let start = position
        // Most strings have no escapes: find the closing quote with the vector scan the serializer uses and
        // build one String straight from the input (validated as UTF-8 by the same call).
        position = nextSpecial(from: position)
        guard position < bytes.count else { throw failure("unterminated string") }
        switch bytes[position] {
        case UInt8(ascii: "\""):
            let slice = UnsafeBufferPointer(rebasing: bytes[start..<position])
            position += 1
            return try makeString(slice, at: start)
        case UInt8(ascii: "\\"):
            return try parseEscapedString(from: start)
        default:
            throw failure("unescaped control character \(describe(bytes[position])) in a string")
        }
    }

    /// The offset of the next quote, backslash or control character at or after `offset`, or the end.
    @inline(__always)
    private func nextSpecial(from offset: Int) -> Int {
        guard let base = bytes.baseAddress else { return bytes.count }
        return JSONEscaping.nextEscape(base, from: offset, count: bytes.count)
    }

    /// Validates with the vectorised check, then builds the String: `String(validating:)` takes a generic
    /// element-by-element path here (measured 3x slower than this pair).
    private func makeString(_ slice: UnsafeBufferPointer<UInt8>, at offset: Int) throws -> String {
        if let base = slice.baseAddress, let bad = UTF8Validation.firstInvalid(base, slice.count) {
            var copy = self
            copy.position = offset + bad
            throw copy.failure("invalid UTF-8 in a string")
        }
        return String(decoding: slice, as: UTF8.self)
    }

    /// The slow path for strings with escapes: runs between escapes are copied in bulk into `scratch`.
    private mutating func parseEscapedString(from start: Int) throws -> String {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<position]))
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                return try scratch.withUnsafeBufferPointer { try makeString($0, at: start) }
            case UInt8(ascii: "\\"):
                try parseEscape()
                let runEnd = nextSpecial(from: position)
                if runEnd > position {
                    scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[position..<runEnd]))
                    position = runEnd
                }
            default:
                position -= 1
                throw failure("unescaped control character \(describe(byte)) in a string")
            }
        }
        throw failure("unterminated string")
    }

    private mutating func parseEscape() throws {
        guard position < bytes.count else { throw failure("unterminated string") }
        let byte = bytes[position]
        position += 1
        switch byte {
        case UInt8(ascii: "\""): scratch.append(0x22)
        case UInt8(ascii: "\\"): scratch.append(0x5c)
        case UInt8(ascii: "/"): scratch.append(0x2f)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0c)
        case UInt8(ascii: "n"): scratch.append(0x0a)
        case UInt8(ascii: "r"): scratch.append(0x0d)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try parseHex4()
            if (0xD800..<0xDC00).contains(scalar) {
                // A high surrogate must be followed by \u and a low surrogate to form one scalar.
                if position + 6 <= bytes.count && bytes[position] == UInt8(ascii: "\\")
                    && bytes[position + 1] == UInt8(ascii: "u")
                {
                    let saved = position
                    position += 2
                    let low = try parseHex4()
                    if (0xDC00..<0xE000).contains(low) {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else {
                        position = saved
                        scalar = 0xFFFD
                    }
                } else {
                    scalar = 0xFFFD
                }
            } else if (0xDC00..<0xE000).contains(scalar) {
                scalar = 0xFFFD  // A lone low surrogate has no UTF-8 form.
            }
            appendUTF8(scalar)
        default:
            position -= 1
            throw failure("invalid escape \\\(describe(byte)) in a string")
        }
    }

    private mutating func parseHex4() throws -> UInt32 {
        guard position + 4 <= bytes.count else { throw failure("unterminated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw failure("invalid hex digit \(describe(byte)) in a \\u escape")
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }

    private mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case 0..<0x80:
            scratch.append(UInt8(scalar))
        case 0x80..<0x800:
            scratch.append(UInt8(0xC0 | scalar >> 6))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            scratch.append(UInt8(0xE0 | scalar >> 12))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | scalar >> 18))
            scratch.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    // MARK: whitespace and errors

    @inline(__always)
    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    private func describe(_ byte: UInt8) -> String {
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x" + String(byte, radix: 16)
    }

    /// An error at the current position, with its line and column (computed only on this cold path).
    private func failure(_ message: String) -> RecordFileError {
        var line = 1
        var column = 1
        for offset in 0..<min(position, bytes.count) {
            if bytes[offset] == 0x0A {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return RecordFileError(.invalidJSON, message, line: line, column: column)
    }
}
