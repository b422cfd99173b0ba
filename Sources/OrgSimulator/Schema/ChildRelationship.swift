/// A parent-to-child relationship from describe `childRelationships` (`Account.Contacts`).
public struct ChildRelationship: Sendable {
    /// The child object (`Contact`).
    public let childObject: String
    /// The lookup field on the child (`AccountId`).
    public let field: String
    /// The relationship name used in subqueries (`Contacts`); nil when unnamed.
    public let relationshipName: String?
    public let cascadeDelete: Bool
    public let restrictedDelete: Bool
}
