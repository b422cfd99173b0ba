/// A value written to a field on every row.
public struct ConstantRule: Sendable {
    public var field: String
    public var value: String
    public var location: SourceLocation

    public init(field: String, value: String, location: SourceLocation) {
        self.field = field
        self.value = value
        self.location = location
    }
}
