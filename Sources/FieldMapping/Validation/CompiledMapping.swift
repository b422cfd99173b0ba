/// A validated mapping bound to the describe: per column a precompiled converter and where its value goes.
/// Built by `MappingValidator`; rules that failed validation are left out.
public struct CompiledMapping: Sendable {
    public var object: String
    public var operation: ImportOperation
    /// Upsert key field (canonical API name).
    public var externalIDField: String?
    public var columns: [CompiledColumn]
    public var constants: [CompiledConstant]
    /// Index into `columns` of the column holding the record key (upsert key, or Id for update/delete).
    public var keyColumnIndex: Int?
    /// Whether record keys compare case-sensitively (Salesforce external IDs usually do not).
    public var keyIsCaseSensitive: Bool

    /// Every wire target in order: columns first, then constants.
    public var targets: [WireTarget] { columns.map(\.target) + constants.map(\.target) }
}

/// One CSV column bound to its target.
public struct CompiledColumn: Sendable {
    public var column: String
    public var target: WireTarget
    public var converter: CellConverter
}

/// A constant value bound to its target.
public struct CompiledConstant: Sendable {
    public var target: WireTarget
    public var value: WireValue
}

/// Where a value goes in a record.
public enum WireTarget: Sendable, Hashable {
    /// A field by API name.
    case field(String)
    /// A parent reference by the parent's external ID: REST `{"Account": {"Legacy_Id__c": v}}`, Bulk column
    /// `Account.Legacy_Id__c` (polymorphic: `Account:Owner.Username`... written `Type:Relationship.Key`).
    case lookup(field: String, relationship: String, parentObject: String, parentKey: String, polymorphic: Bool)

    /// The field the value ends up in.
    public var fieldName: String {
        switch self {
        case .field(let name): return name
        case .lookup(let field, _, _, _, _): return field
        }
    }

    /// The Bulk API 2.0 CSV header for this target.
    public var bulkHeader: String {
        switch self {
        case .field(let name): return name
        case .lookup(_, let relationship, let parent, let key, let polymorphic):
            return polymorphic ? "\(parent):\(relationship).\(key)" : "\(relationship).\(key)"
        }
    }
}
