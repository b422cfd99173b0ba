/// A compiled SOQL LIKE pattern: `%` any run, `_` one character, `\%` and `\_` literal; case-insensitive.
///
/// ASCII text (the common case) is matched byte by byte with on-the-fly case folding and no allocation;
/// other text is lower-cased and matched character by character.
struct LikePattern: Sendable {
    private enum Element: Sendable, Equatable {
        case literal([UInt8])  // one lower-cased character (UTF-8)
        case one
        case any
    }

    private let elements: [Element]
    /// The pattern as single bytes when every literal is ASCII (fast path), else nil.
    private let asciiElements: [Int16]?  // byte, or -1 for '_', -2 for '%'

    init(_ pattern: String) {
        var elements: [Element] = []
        var escaped = false
        for character in pattern.lowercased() {
            if escaped {
                elements.append(.literal(Array(String(character).utf8)))
                escaped = false
                continue
            }
            switch character {
            case "\\": escaped = true
            case "%": if elements.last != .any { elements.append(.any) }
            case "_": elements.append(.one)
            default: elements.append(.literal(Array(String(character).utf8)))
            }
        }
        if escaped { elements.append(.literal([UInt8(ascii: "\\")])) }
        self.elements = elements
        var ascii: [Int16]? = []
        for element in elements {
            switch element {
            case .any: ascii?.append(-2)
            case .one: ascii?.append(-1)
            case .literal(let bytes):
                if bytes.count == 1, bytes[0] < 0x80 { ascii?.append(Int16(bytes[0])) } else { ascii = nil }
            }
        }
        asciiElements = ascii
    }

    /// Whether `text` (UTF-8) matches.
    func matches(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        if let asciiElements, !text.contains(where: { $0 >= 0x80 }) {
            return Self.match(asciiElements, count: text.count) { i in
                let c = text[i]
                return Int16(c >= 0x41 && c <= 0x5A ? c + 0x20 : c)
            }
        }
        let characters = String(decoding: text, as: UTF8.self).lowercased().map { Array(String($0).utf8) }
        var table: [[UInt8]: Int16] = [:]
        var codes: [Int16] = []
        // Map each distinct character to a code so the same matcher serves both paths.
        func code(_ bytes: [UInt8]) -> Int16 {
            if let existing = table[bytes] { return existing }
            let next = Int16(1000 + table.count)
            table[bytes] = next
            return next
        }
        let pattern: [Int16] = elements.map { element in
            switch element {
            case .any: -2
            case .one: -1
            case .literal(let bytes): code(bytes)
            }
        }
        codes = characters.map(code)
        return Self.match(pattern, count: codes.count) { codes[$0] }
    }

    /// Greedy match with backtracking to the last `%`.
    private static func match(_ pattern: [Int16], count: Int, _ character: (Int) -> Int16) -> Bool {
        var p = 0
        var t = 0
        var starP = -1
        var starT = 0
        while t < count {
            if p < pattern.count {
                let element = pattern[p]
                if element == -2 {
                    starP = p
                    starT = t
                    p += 1
                    continue
                }
                if element == -1 || element == character(t) {
                    p += 1
                    t += 1
                    continue
                }
            }
            guard starP >= 0 else { return false }
            p = starP + 1
            starT += 1
            t = starT
        }
        while p < pattern.count, pattern[p] == -2 { p += 1 }
        return p == pattern.count
    }
}
