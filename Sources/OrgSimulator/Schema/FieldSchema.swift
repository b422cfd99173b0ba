/// One field of an object, read from its describe JSON. Only the attributes the simulator acts on
/// are kept; the describe bytes themselves are served verbatim. A class, so that passing a field
/// around the per-record save and query paths costs one reference count, not one per property.
public final class FieldSchema: Sendable {
    /// Position of the field in its object's describe `fields` array: the index of its value in a `Row`.
    public let ordinal: Int
    /// Canonical API name (`AccountId`, `Legacy_Id__c`).
    public let name: String
    public let type: FieldType
    public let length: Int
    public let precision: Int
    public let scale: Int
    public let digits: Int
    public let nillable: Bool
    public let createable: Bool
    public let updateable: Bool
    public let defaultedOnCreate: Bool
    public let calculated: Bool
    public let autoNumber: Bool
    public let externalID: Bool
    public let idLookup: Bool
    public let unique: Bool
    public let caseSensitive: Bool
    public let custom: Bool
    public let filterable: Bool
    public let sortable: Bool
    public let groupable: Bool
    public let aggregatable: Bool
    /// Target objects of a reference (`["Account"]`, polymorphic `["Group","User"]`).
    public let referenceTo: [String]
    /// `Account` for `AccountId`, `Account__r` for `Account__c`; nil for non-references or unnamed ones.
    public let relationshipName: String?
    /// Active picklist values in describe order.
    public let picklistValues: [String]
    /// The default picklist value, if one is flagged.
    public let defaultPicklistValue: String?
    public let restrictedPicklist: Bool
    /// Name of the compound field this field is a component of (`BillingAddress` for `BillingCity`).
    public let compoundFieldName: String?
    /// The `defaultValue` of booleans (`false` unless describe says otherwise).
    public let defaultBoolean: Bool?

    init(
        ordinal: Int,
        name: String,
        type: FieldType,
        length: Int,
        precision: Int,
        scale: Int,
        digits: Int,
        nillable: Bool,
        createable: Bool,
        updateable: Bool,
        defaultedOnCreate: Bool,
        calculated: Bool,
        autoNumber: Bool,
        externalID: Bool,
        idLookup: Bool,
        unique: Bool,
        caseSensitive: Bool,
        custom: Bool,
        filterable: Bool,
        sortable: Bool,
        groupable: Bool,
        aggregatable: Bool,
        referenceTo: [String],
        relationshipName: String?,
        picklistValues: [String],
        defaultPicklistValue: String?,
        restrictedPicklist: Bool,
        compoundFieldName: String?,
        defaultBoolean: Bool?
    ) {
        self.ordinal = ordinal
        self.name = name
        self.type = type
        self.length = length
        self.precision = precision
        self.scale = scale
        self.digits = digits
        self.nillable = nillable
        self.createable = createable
        self.updateable = updateable
        self.defaultedOnCreate = defaultedOnCreate
        self.calculated = calculated
        self.autoNumber = autoNumber
        self.externalID = externalID
        self.idLookup = idLookup
        self.unique = unique
        self.caseSensitive = caseSensitive
        self.custom = custom
        self.filterable = filterable
        self.sortable = sortable
        self.groupable = groupable
        self.aggregatable = aggregatable
        self.referenceTo = referenceTo
        self.relationshipName = relationshipName
        self.picklistValues = picklistValues
        self.defaultPicklistValue = defaultPicklistValue
        self.restrictedPicklist = restrictedPicklist
        self.compoundFieldName = compoundFieldName
        self.defaultBoolean = defaultBoolean
    }

    /// Required on create: not nillable, createable, and not filled in by the platform.
    public var isRequiredOnCreate: Bool { !nillable && createable && !defaultedOnCreate && type != .boolean }
}
