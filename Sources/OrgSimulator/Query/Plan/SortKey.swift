/// One compiled ORDER BY key.
struct SortKey: Sendable {
    let accessor: FieldAccessor
    let descending: Bool
    let nullsFirst: Bool
}
