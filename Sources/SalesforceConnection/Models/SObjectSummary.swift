/// One entry of describeGlobal: an object's name and capabilities, without its fields.
public struct SObjectSummary: Sendable, Codable, Equatable {
    public var name: String
    public var label: String
    public var labelPlural: String?
    public var keyPrefix: String?
    public var custom: Bool
    public var customSetting: Bool
    public var queryable: Bool
    public var createable: Bool
    public var updateable: Bool
    public var deletable: Bool
    public var retrieveable: Bool
    public var searchable: Bool
    public var replicateable: Bool

    enum CodingKeys: String, CodingKey {
        case name, label, labelPlural, keyPrefix, custom, customSetting, queryable, createable, updateable, deletable,
            retrieveable, searchable, replicateable
    }

    public init(name: String, label: String? = nil, keyPrefix: String? = nil, custom: Bool = false) {
        self.name = name
        self.label = label ?? name
        labelPlural = nil
        self.keyPrefix = keyPrefix
        self.custom = custom
        customSetting = false
        queryable = true
        createable = true
        updateable = true
        deletable = true
        retrieveable = true
        searchable = true
        replicateable = true
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        label = c.value(.label, default: name)
        labelPlural = c.optional(.labelPlural)
        keyPrefix = c.optional(.keyPrefix)
        custom = c.value(.custom, default: false)
        customSetting = c.value(.customSetting, default: false)
        queryable = c.value(.queryable, default: false)
        createable = c.value(.createable, default: false)
        updateable = c.value(.updateable, default: false)
        deletable = c.value(.deletable, default: false)
        retrieveable = c.value(.retrieveable, default: false)
        searchable = c.value(.searchable, default: false)
        replicateable = c.value(.replicateable, default: false)
    }
}
