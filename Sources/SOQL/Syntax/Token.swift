/// One lexical token of a SOQL statement.
struct Token: Sendable {
    /// What kind of token this is; `text` carries the decoded value where one exists.
    enum Kind: Sendable, Equatable {
        case identifier
        /// A quoted string; `text` holds the decoded value.
        case string
        case number
        /// `YYYY-MM-DD`
        case date
        /// `YYYY-MM-DDThh:mm:ss[.sss](Z|±hh:mm)`
        case dateTime
        case comma, leftParen, rightParen, dot, colon
        case equals, notEquals, less, lessOrEqual, greater, greaterOrEqual
        case endOfInput
    }

    let kind: Kind
    /// The token text as written (identifiers, numbers, dates) or decoded (strings).
    let text: String
    /// The raw text as written, used in error messages.
    let raw: String
    let position: SourcePosition

    /// True when this is an identifier spelled `word`, ignoring case (SOQL keywords are case-insensitive).
    func isKeyword(_ word: String) -> Bool {
        kind == .identifier && text.utf8.count == word.utf8.count && text.uppercased() == word
    }

    /// The token as Salesforce quotes it in `unexpected token: '...'`.
    var quoted: String { kind == .endOfInput ? "'<EOF>'" : "'\(raw)'" }
}
