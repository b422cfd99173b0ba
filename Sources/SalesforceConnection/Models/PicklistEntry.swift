/// One value of a picklist field (`picklistValues[]` in describe).
public struct PicklistEntry: Sendable, Codable, Equatable {
    /// The API value written to records.
    public var value: String
    /// The label shown in the UI.
    public var label: String?
    /// Inactive values are refused on write by restricted picklists.
    public var active: Bool
    /// True for the field's default value.
    public var defaultValue: Bool
    /// Base64 bitmap of controlling values, for dependent picklists.
    public var validFor: String?

    public init(value: String, label: String? = nil, active: Bool = true, defaultValue: Bool = false,
                validFor: String? = nil) {
        self.value = value
        self.label = label
        self.active = active
        self.defaultValue = defaultValue
        self.validFor = validFor
    }

    enum CodingKeys: String, CodingKey { case value, label, active, defaultValue, validFor }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        value = c.value(.value, default: "")
        label = c.optional(.label)
        active = c.value(.active, default: true)
        defaultValue = c.value(.defaultValue, default: false)
        validFor = c.optional(.validFor)
    }
}
