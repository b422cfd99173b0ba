/// One CSV column written to one field, with the cell's treatment.
public struct FieldRule: Sendable {
    /// The CSV header the values come from.
    public var column: String
    /// The target field's API name as written in the mapping.
    public var field: String
    /// Where the rule is written (the column key).
    public var location: SourceLocation
    /// Transforms applied in order before conversion.
    public var transforms: [ValueTransform] = []
    /// Input pattern for date, datetime and time cells (`dd/MM/yyyy`, `MM/dd/yyyy HH:mm`); nil accepts ISO 8601.
    public var format: String?
    /// Translation of cell values (after transforms) to field values, e.g. picklist codes to labels.
    public var valueMap: [ValueMapEntry] = []
    /// Value used when the cell is blank.
    public var defaultValue: String?
    /// Overrides the mapping's blank policy for this field.
    public var blankPolicy: BlankPolicy?

    public init(column: String, field: String, location: SourceLocation) {
        self.column = column
        self.field = field
        self.location = location
    }
}

/// One `from: to` entry of a value map.
public struct ValueMapEntry: Sendable, Hashable {
    public var from: String
    public var to: String
    public var location: SourceLocation

    public init(from: String, to: String, location: SourceLocation) {
        self.from = from
        self.to = to
        self.location = location
    }
}
