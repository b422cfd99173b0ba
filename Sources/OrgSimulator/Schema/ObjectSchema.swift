/// One object's schema, built from its describe JSON (`samples/schema/Account.json` or a user's dump).
///
/// Field names resolve case-insensitively, as in SOQL and the REST API.
public final class ObjectSchema: Sendable {
    /// Canonical API name (`Account`, `Invoice__c`).
    public let name: String
    public let label: String
    /// Three-character Id prefix (`001`).
    public let keyPrefix: String
    public let custom: Bool
    public let createable: Bool
    public let updateable: Bool
    public let deletable: Bool
    public let queryable: Bool
    /// Fields in describe order; `fields[i].ordinal == i`.
    public let fields: [FieldSchema]
    public let childRelationships: [ChildRelationship]
    /// The describe body as loaded (URLs use the version in the file, see `describeVersion`).
    public let describeJSON: [UInt8]
    /// The global describe entry for this object (describeGlobal `sobjects[]` element), serialized.
    public let globalEntryJSON: [UInt8]
    /// The API version the URLs in `describeJSON` were recorded with (e.g. `62.0`).
    public let describeVersion: String

    private let ordinalByLowercasedName: [String: Int]
    private let ordinalByName: [String: Int]
    /// Fields required on create, unique fields, and fields with defaults: precomputed for the save path.
    let requiredOnCreate: [FieldSchema]
    let uniqueFields: [FieldSchema]
    let defaultedFields: [FieldSchema]
    private let relationshipOrdinalByLowercasedName: [String: Int]
    private let childByLowercasedName: [String: Int]

    /// Ordinal of `Id`, `IsDeleted`, `Name`, and the system fields, when the object has them.
    public let idOrdinal: Int
    public let isDeletedOrdinal: Int?
    public let nameOrdinal: Int?
    public let ownerOrdinal: Int?
    public let createdDateOrdinal: Int?
    public let createdByOrdinal: Int?
    public let lastModifiedDateOrdinal: Int?
    public let lastModifiedByOrdinal: Int?
    public let systemModstampOrdinal: Int?

    init(
        name: String, label: String, keyPrefix: String, custom: Bool, createable: Bool, updateable: Bool,
        deletable: Bool, queryable: Bool, fields: [FieldSchema], childRelationships: [ChildRelationship],
        describeJSON: [UInt8], globalEntryJSON: [UInt8], describeVersion: String
    ) {
        self.name = name
        self.label = label
        self.keyPrefix = keyPrefix
        self.custom = custom
        self.createable = createable
        self.updateable = updateable
        self.deletable = deletable
        self.queryable = queryable
        self.fields = fields
        self.childRelationships = childRelationships
        self.describeJSON = describeJSON
        self.globalEntryJSON = globalEntryJSON
        self.describeVersion = describeVersion
        var byName: [String: Int] = [:]
        var byRelationship: [String: Int] = [:]
        for field in fields {
            byName[field.name.lowercased()] = field.ordinal
            if let rel = field.relationshipName { byRelationship[rel.lowercased()] = field.ordinal }
        }
        ordinalByLowercasedName = byName
        ordinalByName = Dictionary(fields.map { ($0.name, $0.ordinal) }, uniquingKeysWith: { a, _ in a })
        requiredOnCreate = fields.filter { $0.isRequiredOnCreate && !$0.autoNumber }
        uniqueFields = fields.filter { $0.unique && $0.type != .id }
        defaultedFields = fields.filter {
            $0.type == .boolean || $0.autoNumber
                || ($0.defaultPicklistValue != nil && ($0.type == .picklist || $0.type == .multipicklist))
        }
        relationshipOrdinalByLowercasedName = byRelationship
        var children: [String: Int] = [:]
        for (i, child) in childRelationships.enumerated() {
            if let rel = child.relationshipName { children[rel.lowercased()] = i }
        }
        childByLowercasedName = children
        idOrdinal = byName["id"] ?? 0
        isDeletedOrdinal = byName["isdeleted"]
        nameOrdinal = byName["name"]
        ownerOrdinal = byName["ownerid"]
        createdDateOrdinal = byName["createddate"]
        createdByOrdinal = byName["createdbyid"]
        lastModifiedDateOrdinal = byName["lastmodifieddate"]
        lastModifiedByOrdinal = byName["lastmodifiedbyid"]
        systemModstampOrdinal = byName["systemmodstamp"]
    }

    /// The field named `name` (any case), or nil.
    public func field(named name: String) -> FieldSchema? {
        if let exact = ordinalByName[name] { return fields[exact] }
        return ordinalByLowercasedName[name.lowercased()].map { fields[$0] }
    }

    /// The reference field whose relationship name is `relationshipName` (any case): `Account` → `AccountId`.
    public func referenceField(relationshipName: String) -> FieldSchema? {
        relationshipOrdinalByLowercasedName[relationshipName.lowercased()].map { fields[$0] }
    }

    /// The child relationship named `name` (any case): `Contacts` on Account.
    public func childRelationship(named name: String) -> ChildRelationship? {
        childByLowercasedName[name.lowercased()].map { childRelationships[$0] }
    }

    /// Key prefix as bytes, for minting Ids.
    public var keyPrefixBytes: [UInt8] { Array(keyPrefix.utf8) }
}
