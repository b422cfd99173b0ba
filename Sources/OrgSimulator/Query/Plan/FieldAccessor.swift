/// A field reached from a root record: zero or more parent hops, then a field of the last object.
///
/// Compiled once per query (names resolved to ordinals), then applied to every row.
final class FieldAccessor: Sendable {
    /// Parent hops from the root object.
    let hops: [ParentHop]
    /// The field on the final object (for polymorphic hops: on the first candidate object).
    let field: FieldSchema
    /// The object `field` belongs to.
    let objectName: String
    /// Canonical dotted path (`Account.Owner.Name`).
    let canonicalPath: String

    init(hops: [ParentHop], field: FieldSchema, objectName: String, canonicalPath: String) {
        self.hops = hops
        self.field = field
        self.objectName = objectName
        self.canonicalPath = canonicalPath
        ordinal = field.ordinal
    }

    /// `field.ordinal`, kept apart for the hot path.
    let ordinal: Int

    /// The storage of the field's values.
    var storage: FieldType.StorageKind { field.type.storage }

    /// The row and ordinal holding the value for `row`, or nil when a parent on the way is missing.
    @inline(__always)
    func locate(_ row: Row) -> (Row, Int)? {
        if hops.isEmpty { return (row, ordinal) }
        var current = row
        var table: ObjectTable?
        for hop in hops {
            guard let (parent, parentTable) = hop.parent(of: current) else { return nil }
            current = parent
            table = parentTable
        }
        guard let table else { return nil }
        if table.schema.name == objectName { return (current, field.ordinal) }
        // Polymorphic lookup that landed on another object: resolve the field by name there.
        guard let other = table.schema.field(named: field.name) else { return nil }
        return (current, other.ordinal)
    }

    /// The decoded value for `row` (`.null` when a parent is missing).
    @inline(__always)
    func value(_ row: Row) -> FieldValue {
        guard let (target, ordinal) = locate(row) else { return .null }
        return target.value(at: ordinal)
    }
}
