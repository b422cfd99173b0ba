/// One key of a rendered record, in SELECT order: a field, a compound field, a nested parent or a subquery.
///
/// Keys are pre-rendered as `"Name":` bytes so rendering a record is a sequence of appends.
indirect enum OutputNode: Sendable {
    /// A field of the current object: its ordinal, storage and canonical name (for polymorphic parents).
    case field(key: [UInt8], ordinal: Int, storage: FieldType.StorageKind, name: String)
    /// A compound address or location field, built from its component fields.
    case compound(key: [UInt8], field: FieldSchema, parts: [CompoundPart])
    /// A child-to-parent relationship: a nested object with its own `attributes`, or `null`.
    case parent(key: [UInt8], hop: ParentHop, objectName: String, children: [OutputNode])
    /// A parent-to-child subquery; `index` selects its plan in `QueryPlan.subqueries`.
    case subquery(key: [UInt8], index: Int)

    /// One component of a compound field (`BillingCity` → key `city`).
    struct CompoundPart: Sendable {
        let key: [UInt8]
        let field: FieldSchema
    }
}

/// Where a flattened (Bulk CSV) column reads its value.
struct FlatColumn: Sendable {
    /// Header text: canonical dotted path (`Account.Owner.Name`).
    let header: String
    let accessor: FieldAccessor
}
