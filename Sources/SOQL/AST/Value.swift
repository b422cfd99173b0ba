/// A literal on the right side of a comparison.
public indirect enum Value: Sendable, Hashable, CustomStringConvertible {
    /// A string literal, decoded (escapes resolved; `\%` and `\_` kept for LIKE).
    case string(String)
    /// A number exactly as written (`42`, `-1.5`), so no precision is lost.
    case number(String)
    case boolean(Bool)
    case null
    /// `2024-01-31`
    case date(SOQLDate)
    /// `2024-01-31T12:34:56Z`
    case dateTime(SOQLDateTime)
    /// `TODAY`, `LAST_N_DAYS:30`, ...
    case relativeDate(RelativeDate)
    /// `('a', 'b')` after IN, NOT IN, INCLUDES, EXCLUDES.
    case list([Value])
    /// A semi-join or anti-join: `(SELECT AccountId FROM Contact WHERE ...)`.
    case subquery(SOQLQuery)

    /// The literal as SOQL text.
    public var description: String {
        switch self {
        case .string(let text): Value.quote(text)
        case .number(let text): text
        case .boolean(let flag): flag ? "true" : "false"
        case .null: "null"
        case .date(let date): date.description
        case .dateTime(let dateTime): dateTime.description
        case .relativeDate(let literal): literal.description
        case .list(let items): "(" + items.map(\.description).joined(separator: ", ") + ")"
        case .subquery(let query): "(" + query.description + ")"
        }
    }

    /// Quotes and escapes a string for SOQL: `O'Brien` → `'O\'Brien'`.
    ///
    /// An escaped LIKE wildcard (`\%`, `\_`, kept escaped by the lexer) is written back as written, so a
    /// rendered `LIKE '50\%'` still matches a literal percent sign.
    public static func quote(_ text: String) -> String {
        var out = "'"
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case "'": out += "\\'"
            case "\\" where index + 1 < scalars.count && (scalars[index + 1] == "%" || scalars[index + 1] == "_"):
                out += "\\"
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "'"
    }
}
