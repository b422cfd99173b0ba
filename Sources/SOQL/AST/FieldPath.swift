/// A field reference as written: `Name`, `Account.Owner.Name`, or with the FROM alias `c.Account.Name`.
///
/// Segments keep the case the user wrote; evaluators resolve them case-insensitively and report canonical names.
/// Equality ignores `position`, so a parsed query equals the same query built in code.
public struct FieldPath: Sendable, Hashable, CustomStringConvertible {
    /// Name segments in order; the last is the field, the others relationship names.
    public var segments: [String]
    /// Where the path starts in the query text.
    public var position: SourcePosition

    /// Creates a path from segments.
    public init(_ segments: [String], position: SourcePosition = SourcePosition()) {
        self.segments = segments
        self.position = position
    }

    /// Creates a path from dotted text, e.g. `"Account.Owner.Name"`.
    public init(dotted: String, position: SourcePosition = SourcePosition()) {
        self.init(dotted.split(separator: ".").map(String.init), position: position)
    }

    /// The dotted text, e.g. `Account.Owner.Name`.
    public var description: String { segments.joined(separator: ".") }

    /// The last segment: the field name.
    public var fieldName: String { segments.last ?? "" }

    /// The relationship segments before the field (empty for a plain field).
    public var relationships: ArraySlice<String> { segments.dropLast() }

    /// The path without a leading FROM alias (`c.Account.Name` with alias `c` → `Account.Name`).
    ///
    /// Aliases compare case-insensitively, as Salesforce does.
    public func removingAlias(_ alias: String?) -> FieldPath {
        guard let alias, segments.count > 1, segments[0].lowercased() == alias.lowercased() else { return self }
        return FieldPath(Array(segments.dropFirst()), position: position)
    }

    public static func == (lhs: FieldPath, rhs: FieldPath) -> Bool { lhs.segments == rhs.segments }
    public func hash(into hasher: inout Hasher) { hasher.combine(segments) }
}
