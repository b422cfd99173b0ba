/// Builds the SOQL of an `--object` export: `--fields` (or every field from describe), `--where`,
/// `--limit`, plus the columns an incremental export needs.
public struct ObjectQuery: Sendable {
    public var object: String
    /// Field names or relationship paths; nil or `["all"]` means every field from describe.
    public var fields: [String]?
    public var whereClause: String?
    public var limit: Int?

    public init(object: String, fields: [String]? = nil, whereClause: String? = nil, limit: Int? = nil) {
        self.object = object
        self.fields = fields
        self.whereClause = whereClause
        self.limit = limit
    }

    /// Whether the field list comes from describe.
    public var wantsAllFields: Bool {
        guard let fields else { return true }
        return fields.count == 1 && fields[0].lowercased() == "all"
    }

    /// The statement.
    /// - Parameters:
    ///   - schema: the object's describe (needed for `all`).
    ///   - requiredFields: fields to add when missing (Id and SystemModstamp for incremental exports,
    ///     IsDeleted with `--include-deleted`).
    /// - Throws: `ExportError` (usage) for an empty field list or a non-queryable object.
    public func soql(schema: ExportSchema?, requiredFields: [String] = []) throws -> String {
        var names: [String]
        if wantsAllFields {
            guard let schema else { throw ExportError.usage("--fields all needs the describe of \(object)") }
            guard schema.queryable else { throw ExportError.usage("\(schema.name) cannot be queried (describe says queryable: false)") }
            names = schema.allExportFieldNames
        } else {
            names = (fields ?? []).map { $0.trimmingCharacters() }.filter { !$0.isEmpty }
        }
        for field in requiredFields where !names.contains(where: { $0.lowercased() == field.lowercased() }) {
            if let schema, schema.field(named: field) == nil { continue }
            names.append(field)
        }
        guard !names.isEmpty else { throw ExportError.usage("--fields is empty; name fields, or use --fields all") }
        var text = "SELECT " + names.joined(separator: ", ") + " FROM " + (schema?.name ?? object)
        if let whereClause, !whereClause.trimmingCharacters().isEmpty { text += " WHERE " + whereClause }
        if let limit { text += " LIMIT \(limit)" }
        return text
    }

    /// JSON types of the select list's plain fields, for JSON Lines written from Bulk CSV.
    public static func valueKinds(columns: [ExportColumn], schema: ExportSchema) -> [ValueKind] {
        columns.map { column in
            guard column.kind == .field, column.path.count == 1, let field = schema.field(named: column.path[0]) else {
                return .text
            }
            return ExportSchema.valueKind(forType: field.type)
        }
    }
}
