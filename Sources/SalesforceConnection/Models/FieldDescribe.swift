/// One field of an object, from `GET /sobjects/{Object}/describe`: everything mapping validation and value
/// conversion need (type, size, write rules, keys, picklist values, references).
///
/// Missing or `null` attributes decode to their neutral value (`0`, `false`, `[]`), as Salesforce itself sends
/// them, so a describe from an older or newer API version always decodes.
public struct FieldDescribe: Sendable, Codable, Equatable {
    public var name: String
    public var label: String
    public var type: FieldType
    public var soapType: String?
    public var custom: Bool
    /// Maximum characters for text types, else 0.
    public var length: Int
    public var byteLength: Int
    /// Total digits for `double`, `currency`, `percent`.
    public var precision: Int
    /// Digits after the decimal point for `double`, `currency`, `percent`.
    public var scale: Int
    /// Maximum digits for `int`.
    public var digits: Int
    /// False means required on create unless `defaultedOnCreate`.
    public var nillable: Bool
    public var createable: Bool
    public var updateable: Bool
    public var defaultedOnCreate: Bool
    public var calculated: Bool
    public var autoNumber: Bool
    /// The field is flagged External ID (usable as an upsert key).
    public var externalId: Bool
    /// The field can identify a record in upserts and relationship lookups (Id, Name-like, external ids).
    public var idLookup: Bool
    public var unique: Bool
    public var caseSensitive: Bool
    public var nameField: Bool
    /// Objects a `reference` field may point to.
    public var referenceTo: [String]
    /// Name used to traverse the reference (`Account`, `Owner`, `Parent__r`).
    public var relationshipName: String?
    public var polymorphicForeignKey: Bool
    public var picklistValues: [PicklistEntry]
    public var restrictedPicklist: Bool
    public var dependentPicklist: Bool
    public var controllerName: String?
    /// The compound field this field belongs to (`BillingAddress` for `BillingCity`).
    public var compoundFieldName: String?
    public var filterable: Bool
    public var sortable: Bool
    public var groupable: Bool
    public var htmlFormatted: Bool
    public var extraTypeInfo: String?
    public var deprecatedAndHidden: Bool

    /// A field with the given name and type and neutral attributes; tests and derived fields use it.
    public init(name: String, type: FieldType, label: String? = nil) {
        self.name = name
        self.label = label ?? name
        self.type = type
        soapType = nil
        custom = name.hasSuffix("__c")
        length = 0
        byteLength = 0
        precision = 0
        scale = 0
        digits = 0
        nillable = true
        createable = true
        updateable = true
        defaultedOnCreate = false
        calculated = false
        autoNumber = false
        externalId = false
        idLookup = false
        unique = false
        caseSensitive = false
        nameField = false
        referenceTo = []
        relationshipName = nil
        polymorphicForeignKey = false
        picklistValues = []
        restrictedPicklist = false
        dependentPicklist = false
        controllerName = nil
        compoundFieldName = nil
        filterable = true
        sortable = true
        groupable = true
        htmlFormatted = false
        extraTypeInfo = nil
        deprecatedAndHidden = false
    }

    enum CodingKeys: String, CodingKey {
        case name, label, type, soapType, custom, length, byteLength, precision, scale, digits, nillable, createable,
            updateable, defaultedOnCreate, calculated, autoNumber, externalId, idLookup, unique, caseSensitive,
            nameField, referenceTo, relationshipName, polymorphicForeignKey, picklistValues, restrictedPicklist,
            dependentPicklist, controllerName, compoundFieldName, filterable, sortable, groupable, htmlFormatted,
            extraTypeInfo, deprecatedAndHidden
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        label = c.value(.label, default: name)
        type = c.value(.type, default: FieldType.string)
        soapType = c.optional(.soapType)
        custom = c.value(.custom, default: false)
        length = c.value(.length, default: 0)
        byteLength = c.value(.byteLength, default: 0)
        precision = c.value(.precision, default: 0)
        scale = c.value(.scale, default: 0)
        digits = c.value(.digits, default: 0)
        nillable = c.value(.nillable, default: true)
        createable = c.value(.createable, default: false)
        updateable = c.value(.updateable, default: false)
        defaultedOnCreate = c.value(.defaultedOnCreate, default: false)
        calculated = c.value(.calculated, default: false)
        autoNumber = c.value(.autoNumber, default: false)
        externalId = c.value(.externalId, default: false)
        idLookup = c.value(.idLookup, default: false)
        unique = c.value(.unique, default: false)
        caseSensitive = c.value(.caseSensitive, default: false)
        nameField = c.value(.nameField, default: false)
        referenceTo = c.value(.referenceTo, default: [])
        relationshipName = c.optional(.relationshipName)
        polymorphicForeignKey = c.value(.polymorphicForeignKey, default: false)
        picklistValues = c.value(.picklistValues, default: [])
        restrictedPicklist = c.value(.restrictedPicklist, default: false)
        dependentPicklist = c.value(.dependentPicklist, default: false)
        controllerName = c.optional(.controllerName)
        compoundFieldName = c.optional(.compoundFieldName)
        filterable = c.value(.filterable, default: false)
        sortable = c.value(.sortable, default: false)
        groupable = c.value(.groupable, default: false)
        htmlFormatted = c.value(.htmlFormatted, default: false)
        extraTypeInfo = c.optional(.extraTypeInfo)
        deprecatedAndHidden = c.value(.deprecatedAndHidden, default: false)
    }

    /// True when a create must supply a value: not nillable, not defaulted, and createable.
    public var isRequiredOnCreate: Bool { !nillable && !defaultedOnCreate && createable && type != .boolean }

    /// True when upsert and relationship lookups can key on this field.
    public var isUpsertKey: Bool { externalId || idLookup }
}
