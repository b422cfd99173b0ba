/// A compiled SOQL LIKE pattern: `%` any run, `_` one character, `\%` and `\_` literal; case-insensitive.
struct LikePattern: Sendable {
    private enum Element: Sendable, Equatable {
        case literal([UInt8])  // one lower-cased character (UTF-8)
        case one
        case any
    }

    private let elements: [Element]

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
    }

    /// Whether `text` (UTF-8) matches.
    func matches(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        let isASCII = !text.contains { $0 >= 0x80 }
        let characters: [[UInt8]]
        if isASCII {
            characters = text.map { [$0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0] }
        } else {
            characters = String(decoding: text, as: UTF8.self).lowercased().map { Array(String($0).utf8) }
        }
        // Greedy match with backtracking to the last `%`.
        var p = 0
        var t = 0
        var starP = -1
        var starT = 0
        while t < characters.count {
            if p < elements.count {
                switch elements[p] {
                case .any:
                    starP = p
                    starT = t
                    p += 1
                    continue
                case .one:
                    p += 1
                    t += 1
                    continue
                case .literal(let bytes) where bytes == characters[t]:
                    p += 1
                    t += 1
                    continue
                default:
                    break
                }
            }
            guard starP >= 0 else { return false }
            p = starP + 1
            starT += 1
            t = starT
        }
        while p < elements.count, elements[p] == .any { p += 1 }
        return p == elements.count
    }
}
