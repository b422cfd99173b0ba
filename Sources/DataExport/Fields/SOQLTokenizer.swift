/// Splits SOQL text into words, string literals and punctuation, keeping each token's range so the
/// statement can be edited in place (adding an incremental condition) without reformatting it.
enum SOQLTokenizer {
    struct Token {
        enum Kind { case word, string, punctuation }
        var kind: Kind
        var text: String
        var range: Range<String.Index>
        var lowered: String { text.lowercased() }
        func isWord(_ word: String) -> Bool { kind == .word && text.lowercased() == word }
    }

    static func tokens(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character.isWhitespace {
                index = text.index(after: index)
                continue
            }
            let start = index
            if character == "'" {
                index = text.index(after: index)
                while index < text.endIndex {
                    let c = text[index]
                    if c == "\\" {
                        index = text.index(after: index)
                        if index < text.endIndex { index = text.index(after: index) }
                        continue
                    }
                    index = text.index(after: index)
                    if c == "'" { break }
                }
                tokens.append(Token(kind: .string, text: String(text[start..<index]), range: start..<index))
            } else if "(),".contains(character) || "=<>!".contains(character) {
                index = text.index(after: index)
                if "=<>!".contains(character) {
                    while index < text.endIndex, "=<>".contains(text[index]) { index = text.index(after: index) }
                }
                tokens.append(Token(kind: .punctuation, text: String(text[start..<index]), range: start..<index))
            } else {
                while index < text.endIndex {
                    let c = text[index]
                    if c.isWhitespace || "(),'=<>!".contains(c) { break }
                    index = text.index(after: index)
                }
                tokens.append(Token(kind: .word, text: String(text[start..<index]), range: start..<index))
            }
        }
        return tokens
    }
}
