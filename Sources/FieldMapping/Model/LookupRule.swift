/// A parent reference resolved by Salesforce through the parent's external ID, e.g. `AccountId` from column
/// `account_key` via `Account.Legacy_Id__c`; sent as `{"Account": {"Legacy_Id__c": "..."}}` (REST) or as the
/// column `Account.Legacy_Id__c` (Bulk 2.0).
public struct LookupRule: Sendable {
    /// The reference field on the loaded object (`AccountId`, `Parent__c`).
    public var field: String
    /// The CSV header holding the parent's key.
    public var column: String
    /// The parent object (`Account`).
    public var parentObject: String
    /// The parent's external ID or idLookup field (`Legacy_Id__c`); `Id` means the column holds record ids.
    public var parentKey: String
    /// Where the rule is written.
    public var location: SourceLocation
    /// Transforms applied before sending.
    public var transforms: [ValueTransform] = []
    /// Key used when the cell is blank.
    public var defaultValue: String?
    /// Overrides the mapping's blank policy (null clears the reference).
    public var blankPolicy: BlankPolicy?
    /// True when `field` was written as a relationship name (`Account`, Data Loader's `Account:Legacy_Id__c`) and
    /// `parentObject` may be empty: validation resolves both from the describe.
    public var namedByRelationship = false

    public init(field: String, column: String, parentObject: String, parentKey: String, location: SourceLocation) {
        self.field = field
        self.column = column
        self.parentObject = parentObject
        self.parentKey = parentKey
        self.location = location
    }
}
