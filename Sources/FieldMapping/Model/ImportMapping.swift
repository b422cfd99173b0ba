/// A parsed mapping file: what to load, how, and how each CSV column becomes a field value.
///
/// Parsing is lenient: problems found while reading the file (unknown keys, wrong value shapes) are kept in
/// `problems` so that `sfimport validate` can report them together with the describe-based findings.
public struct ImportMapping: Sendable {
    /// The file format the mapping was read from.
    public enum Format: String, Sendable {
        case yaml
        case sdl
    }

    /// The mapping file's path as given.
    public var path: String
    public var format: Format
    /// Target object API name.
    public var object: String
    public var objectLocation: SourceLocation
    public var operation: ImportOperation
    public var operationLocation: SourceLocation
    /// Upsert key (required for upsert).
    public var externalIDField: String?
    public var externalIDFieldLocation: SourceLocation
    /// IANA time zone for datetime cells that carry no offset; nil means UTC.
    public var timeZone: String?
    public var timeZoneLocation: SourceLocation
    /// What blank cells mean unless a rule says otherwise.
    public var blankPolicy: BlankPolicy = .skip
    public var fields: [FieldRule] = []
    public var lookups: [LookupRule] = []
    public var constants: [ConstantRule] = []
    /// Problems found while reading the file.
    public var problems: [MappingDiagnostic] = []

    public init(path: String, format: Format) {
        self.path = path
        self.format = format
        let top = SourceLocation(file: path, line: 0)
        object = ""
        objectLocation = top
        operation = .insert
        operationLocation = top
        externalIDFieldLocation = top
        timeZoneLocation = top
    }

    /// Every CSV column the mapping reads, in rule order, without repeats.
    public var mappedColumns: [String] {
        var seen = Set<String>()
        var columns: [String] = []
        for column in fields.map(\.column) + lookups.map(\.column) where seen.insert(column).inserted {
            columns.append(column)
        }
        return columns
    }
}
