/// `TYPEOF What WHEN Account THEN Phone, Name WHEN Opportunity THEN Amount ELSE Name END`.
public struct TypeOfClause: Sendable, Hashable {
    /// One `WHEN <type> THEN <fields>` branch.
    public struct Branch: Sendable, Hashable {
        /// The sObject type name as written.
        public var objectType: String
        /// Fields selected when the related record has that type.
        public var fields: [FieldPath]

        /// Creates a branch.
        public init(objectType: String, fields: [FieldPath]) {
            self.objectType = objectType
            self.fields = fields
        }
    }

    /// The polymorphic relationship (e.g. `What`, `Owner`).
    public var relationship: FieldPath
    /// The WHEN branches in order.
    public var branches: [Branch]
    /// The ELSE fields (empty when there is no ELSE).
    public var elseFields: [FieldPath]

    /// Creates a TYPEOF clause.
    public init(relationship: FieldPath, branches: [Branch], elseFields: [FieldPath]) {
        self.relationship = relationship
        self.branches = branches
        self.elseFields = elseFields
    }
}
