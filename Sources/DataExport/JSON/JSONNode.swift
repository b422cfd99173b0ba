/// One value in a parsed JSON page, stored in a flat array (`JSONDocument.nodes`) instead of a tree of
/// enums: a 2,000-record page is parsed with one growing array and no per-value allocation.
///
/// Scalars keep byte ranges into the page, so a string that needs no unescaping is copied to the
/// output without ever becoming a Swift `String`.
struct JSONNode {
    enum Kind: UInt8 {
        case object, array, string, number, trueValue, falseValue, null
    }

    var kind: Kind
    /// For strings: the content contains a backslash escape and must be decoded before use.
    var escaped: Bool
    /// For strings: content without quotes. For other scalars: the literal. For containers: from the
    /// opening to past the closing bracket.
    var start: Int
    var end: Int
    /// The member name (without quotes) when the node is an object member; empty otherwise.
    var keyStart: Int
    var keyEnd: Int
    /// Index of the first child (containers), or -1.
    var firstChild: Int
    /// Index of the next sibling in the parent container, or -1.
    var nextSibling: Int
}
