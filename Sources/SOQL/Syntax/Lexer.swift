/// Splits SOQL text into tokens, tracking row and column for error messages.
///
/// Works on UTF-8 bytes: every SOQL delimiter is ASCII, so multi-byte characters only occur inside string
/// literals and are copied through unchanged.
struct Lexer {
    private let bytes: [UInt8]
    private let query: String
    private var index = 0
    private var row = 1
    private var lineStart = 0

    init(_ query: String) {
        self.query = query
        self.bytes = Array(query.utf8)
    }

    /// Tokenizes the whole text; the last token is always `.endOfInput`.
    /// - Throws: `SOQLError` (`MALFORMED_QUERY`) for unterminated strings, bad escapes and stray characters.
    static func tokenize(_ query: String) throws(SOQLError) -> [Token] {
        var lexer = Lexer(query)
        var tokens: [Token] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .endOfInput { return tokens }
        }
    }

    private func position(at offset: Int) -> SourcePosition {
        var column = 1
        var i = lineStart
        while i < offset {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return SourcePosition(offset: offset, row: row, column: column)
    }

    private func error(_ reason: String, at offset: Int) -> SOQLError {
        SOQLError(code: .malformedQuery, reason: reason, position: position(at: offset), query: query)
    }

    private func text(_ start: Int, _ end: Int) -> String {
        String(decoding: bytes[start..<end], as: UTF8.self)
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    private static func isIdentifierStart(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F
    }
    private static func isIdentifierPart(_ b: UInt8) -> Bool { isIdentifierStart(b) || isDigit(b) }

    private func byte(_ offset: Int) -> UInt8? { offset < bytes.count ? bytes[offset] : nil }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0D: index += 1
            case 0x0A:
                index += 1
                row += 1
                lineStart = index
            default: return
            }
        }
    }

    private mutating func next() throws(SOQLError) -> Token {
        skipWhitespace()
        let start = index
        let pos = position(at: start)
        guard index < bytes.count else {
            return Token(kind: .endOfInput, text: "", raw: "<EOF>", position: pos)
        }
        let b = bytes[index]
        func simple(_ kind: Token.Kind, _ length: Int) -> Token {
            index += length
            return Token(kind: kind, text: text(start, index), raw: text(start, index), position: pos)
        }
        switch b {
        case UInt8(ascii: ","): return simple(.comma, 1)
        case UInt8(ascii: "("): return simple(.leftParen, 1)
        case UInt8(ascii: ")"): return simple(.rightParen, 1)
        case UInt8(ascii: "."): return simple(.dot, 1)
        case UInt8(ascii: ":"): return simple(.colon, 1)
        case UInt8(ascii: "="): return simple(.equals, 1)
        case UInt8(ascii: "!"):
            if byte(index + 1) == UInt8(ascii: "=") { return simple(.notEquals, 2) }
            throw error("no viable alternative at character '!'", at: start)
        case UInt8(ascii: "<"):
            if byte(index + 1) == UInt8(ascii: "=") { return simple(.lessOrEqual, 2) }
            if byte(index + 1) == UInt8(ascii: ">") { return simple(.notEquals, 2) }
            return simple(.less, 1)
        case UInt8(ascii: ">"):
            if byte(index + 1) == UInt8(ascii: "=") { return simple(.greaterOrEqual, 2) }
            return simple(.greater, 1)
        case UInt8(ascii: "'"):
            return try lexString(start: start, position: pos)
        default:
            break
        }
        if Self.isIdentifierStart(b) {
            index += 1
            while index < bytes.count, Self.isIdentifierPart(bytes[index]) { index += 1 }
            let word = text(start, index)
            return Token(kind: .identifier, text: word, raw: word, position: pos)
        }
        let signed = (b == UInt8(ascii: "-") || b == UInt8(ascii: "+"))
        if Self.isDigit(b) || (signed && byte(index + 1).map(Self.isDigit) == true)
            || (b == UInt8(ascii: ".") && byte(index + 1).map(Self.isDigit) == true)
        {
            return try lexNumberOrDate(start: start, position: pos, signed: signed)
        }
        let character = text(start, min(bytes.count, start + utf8Length(of: b)))
        throw error("no viable alternative at character '\(character)'", at: start)
    }

    private func utf8Length(of lead: UInt8) -> Int {
        switch lead {
        case 0..<0x80: 1
        case 0xC0..<0xE0: 2
        case 0xE0..<0xF0: 3
        default: 4
        }
    }

    private mutating func lexNumberOrDate(start: Int, position pos: SourcePosition, signed: Bool) throws(SOQLError)
        -> Token
    {
        if signed { index += 1 }
        let digitsStart = index
        while index < bytes.count, Self.isDigit(bytes[index]) { index += 1 }
        // A date: exactly four digits, then '-' and a digit.
        if !signed, index - digitsStart == 4, byte(index) == UInt8(ascii: "-"),
            byte(index + 1).map(Self.isDigit) == true
        {
            return try lexDate(start: start, position: pos)
        }
        if byte(index) == UInt8(ascii: "."), byte(index + 1).map(Self.isDigit) == true {
            index += 1
            while index < bytes.count, Self.isDigit(bytes[index]) { index += 1 }
        }
        if let e = byte(index), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            var j = index + 1
            if let s = byte(j), s == UInt8(ascii: "-") || s == UInt8(ascii: "+") { j += 1 }
            if byte(j).map(Self.isDigit) == true {
                index = j
                while index < bytes.count, Self.isDigit(bytes[index]) { index += 1 }
            }
        }
        if index < bytes.count, Self.isIdentifierStart(bytes[index]) {
            // `12abc` is not a number followed by a name.
            while index < bytes.count, Self.isIdentifierPart(bytes[index]) { index += 1 }
            throw error("unexpected token: '\(text(start, index))'", at: start)
        }
        let value = text(start, index)
        return Token(kind: .number, text: value, raw: value, position: pos)
    }

    private mutating func digits(_ count: Int, start: Int) throws(SOQLError) {
        for _ in 0..<count {
            guard let b = byte(index), Self.isDigit(b) else { throw badDate(start: start) }
            index += 1
        }
    }

    private mutating func expect(_ ascii: Unicode.Scalar, start: Int) throws(SOQLError) {
        guard byte(index) == UInt8(ascii: ascii) else { throw badDate(start: start) }
        index += 1
    }

    private mutating func badDate(start: Int) -> SOQLError {
        while index < bytes.count, Self.isIdentifierPart(bytes[index]) || bytes[index] == UInt8(ascii: ":")
            || bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+")
            || bytes[index] == UInt8(ascii: ".")
        {
            index += 1
        }
        return error("line \(row):\(position(at: start).column - 1) no viable alternative at character "
            + "'\(text(start, index))'", at: start)
    }

    private mutating func lexDate(start: Int, position pos: SourcePosition) throws(SOQLError) -> Token {
        // Four year digits are consumed already.
        try expect("-", start: start)
        try digits(2, start: start)
        try expect("-", start: start)
        try digits(2, start: start)
        guard byte(index) == UInt8(ascii: "T") || byte(index) == UInt8(ascii: "t") else {
            if let b = byte(index), Self.isIdentifierPart(b) { throw badDate(start: start) }
            let value = text(start, index)
            return Token(kind: .date, text: value, raw: value, position: pos)
        }
        index += 1
        try digits(2, start: start)
        try expect(":", start: start)
        try digits(2, start: start)
        try expect(":", start: start)
        try digits(2, start: start)
        if byte(index) == UInt8(ascii: ".") {
            index += 1
            guard byte(index).map(Self.isDigit) == true else { throw badDate(start: start) }
            while index < bytes.count, Self.isDigit(bytes[index]) { index += 1 }
        }
        switch byte(index) {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            index += 1
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            index += 1
            try digits(2, start: start)
            if byte(index) == UInt8(ascii: ":") { index += 1 }
            try digits(2, start: start)
        default:
            throw badDate(start: start)
        }
        if let b = byte(index), Self.isIdentifierPart(b) { throw badDate(start: start) }
        let value = text(start, index)
        return Token(kind: .dateTime, text: value, raw: value, position: pos)
    }

    private mutating func lexString(start: Int, position pos: SourcePosition) throws(SOQLError) -> Token {
        index += 1
        var decoded: [UInt8] = []
        while true {
            guard index < bytes.count else {
                throw error("line \(pos.row):\(pos.column - 1) mismatched character '<EOF>' expecting '''", at: start)
            }
            let b = bytes[index]
            if b == UInt8(ascii: "'") {
                index += 1
                break
            }
            if b == 0x0A {
                row += 1
                lineStart = index + 1
            }
            if b == UInt8(ascii: "\\") {
                guard let e = byte(index + 1) else { continue }
                switch e {
                case UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "\\"): decoded.append(e)
                case UInt8(ascii: "n"): decoded.append(0x0A)
                case UInt8(ascii: "r"): decoded.append(0x0D)
                case UInt8(ascii: "t"): decoded.append(0x09)
                case UInt8(ascii: "b"): decoded.append(0x08)
                case UInt8(ascii: "f"): decoded.append(0x0C)
                // LIKE wildcards stay escaped so the matcher can tell a literal '%' from a wildcard.
                case UInt8(ascii: "%"), UInt8(ascii: "_"): decoded.append(b); decoded.append(e)
                default:
                    let sequence = text(index, min(bytes.count, index + 1 + utf8Length(of: e)))
                    let literal = text(start, index + 1 + utf8Length(of: e))
                    throw error("Invalid string literal '\(literal)'. Illegal character sequence '\(sequence)' "
                        + "in string literal.", at: start)
                }
                index += 2
                continue
            }
            decoded.append(b)
            index += 1
        }
        return Token(kind: .string, text: String(decoding: decoded, as: UTF8.self), raw: text(start, index),
                     position: pos)
    }
}
