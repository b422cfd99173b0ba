/// An object's full describe (`GET /sobjects/{Object}/describe`): its capabilities, fields and relationships.
public struct ObjectDescribe: Sendable, Codable, Equatable {
    public var name: String
    public var label: String
    public var labelPlural: String?
    /// Three-character id prefix (`001`); `nil` for objects without ids.
    public var keyPrefix: String?
    public var queryable: Bool
    public var createable: Bool
    public var updateable: Bool
    public var deletable: Bool
    public var undeletable: Bool
    public var custom: Bool
    public var fields: [FieldDescribe]
    public var childRelationships: [ChildRelationship]
    public var recordTypeInfos: [RecordTypeInfo]

    enum CodingKeys: String, CodingKey {
        case name, label, labelPlural, keyPrefix, queryable, createable, updateable, deletable, undeletable, custom,
            fields, childRelationships, recordTypeInfos
    }

    public init(
        name: String, label: String? = nil, keyPrefix: String? = nil, queryable: Bool = true,
        createable: Bool = true, updateable: Bool = true, deletable: Bool = true, custom: Bool = false,
        fields: [FieldDescribe] = [], childRelationships: [ChildRelationship] = []
    ) {
        self.name = name
        self.label = label ?? name
        labelPlural = nil
        self.keyPrefix = keyPrefix
        self.queryable = queryable
        self.createable = createable
        self.updateable = updateable
        self.deletable = deletable
        undeletable = false
        self.custom = custom
        self.fields = fields
        self.childRelationships = childRelationships
        recordTypeInfos = []
        buildIndex()
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        label = c.value(.label, default: name)
        labelPlural = c.optional(.labelPlural)
        keyPrefix = c.optional(.keyPrefix)
        queryable = c.value(.queryable, default: false)
        createable = c.value(.createable, default: false)
        updateable = c.value(.updateable, default: false)
        deletable = c.value(.deletable, default: false)
        undeletable = c.value(.undeletable, default: false)
        custom = c.value(.custom, default: false)
        fields = try c.decodeIfPresent([FieldDescribe].self, forKey: .fields) ?? []
        childRelationships = c.value(.childRelationships, default: [])
        recordTypeInfos = c.value(.recordTypeInfos, default: [])
        buildIndex()
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(label, forKey: .label)
        try c.encodeIfPresent(labelPlural, forKey: .labelPlural)
        try c.encodeIfPresent(keyPrefix, forKey: .keyPrefix)
        try c.encode(queryable, forKey: .queryable)
        try c.encode(createable, forKey: .createable)
        try c.encode(updateable, forKey: .updateable)
        try c.encode(deletable, forKey: .deletable)
        try c.encode(undeletable, forKey: .undeletable)
        try c.encode(custom, forKey: .custom)
        try c.encode(fields, forKey: .fields)
        try c.encode(childRelationships, forKey: .childRelationships)
        try c.encode(recordTypeInfos, forKey: .recordTypeInfos)
    }

    public static func == (lhs: ObjectDescribe, rhs: ObjectDescribe) -> Bool {
        lhs.name == rhs.name && lhs.fields == rhs.fields && lhs.childRelationships == rhs.childRelationships
            && lhs.keyPrefix == rhs.keyPrefix && lhs.createable == rhs.createable
            && lhs.updateable == rhs.updateable && lhs.deletable == rhs.deletable && lhs.queryable == rhs.queryable
    }

    /// Lower-cased field name → index in `fields`, because Salesforce names are case-insensitive.
    private var index: [String: Int] = [:]
    /// Lower-cased relationship name → index of the reference field that owns it.
    private var relationshipIndex: [String: Int] = [:]

    private mutating func buildIndex() {
        index = [:]
        relationshipIndex = [:]
        for (position, field) in fields.enumerated() {
            index[field.name.lowercased()] = position
            if let relationship = field.relationshipName { relationshipIndex[relationship.lowercased()] = position }
        }
    }

    /// The field named `name`, compared case-insensitively as Salesforce does.
    public func field(named name: String) -> FieldDescribe? {
        index[name.lowercased()].map { fields[$0] }
    }

    /// The reference field whose `relationshipName` is `name` (`Account` → `AccountId`), case-insensitively.
    public func field(forRelationship name: String) -> FieldDescribe? {
        relationshipIndex[name.lowercased()].map { fields[$0] }
    }

    /// Fields that can key an upsert: external ids and id lookups.
    public var upsertKeyFields: [FieldDescribe] { fields.filter { $0.isUpsertKey } }
}
