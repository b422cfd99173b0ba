/// A child relationship of an object (`childRelationships[]` in describe): which object points here, by which field.
public struct ChildRelationship: Sendable, Codable, Equatable {
    /// The child object (`Contact`).
    public var childSObject: String
    /// The child's lookup field (`AccountId`).
    public var field: String
    /// The name used in parent-to-child subqueries (`Contacts`); `nil` for relationships SOQL cannot traverse.
    public var relationshipName: String?
    /// Deleting the parent deletes the children.
    public var cascadeDelete: Bool
    /// Deleting the parent is refused while children exist.
    public var restrictedDelete: Bool

    public init(childSObject: String, field: String, relationshipName: String? = nil, cascadeDelete: Bool = false,
                restrictedDelete: Bool = false) {
        self.childSObject = childSObject
        self.field = field
        self.relationshipName = relationshipName
        self.cascadeDelete = cascadeDelete
        self.restrictedDelete = restrictedDelete
    }

    enum CodingKeys: String, CodingKey { case childSObject, field, relationshipName, cascadeDelete, restrictedDelete }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        childSObject = c.value(.childSObject, default: "")
        field = c.value(.field, default: "")
        relationshipName = c.optional(.relationshipName)
        cascadeDelete = c.value(.cascadeDelete, default: false)
        restrictedDelete = c.value(.restrictedDelete, default: false)
    }
}
