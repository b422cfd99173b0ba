/// Maps CSV columns to record input: plain field names, `Relationship.ExternalIdField` parent
/// columns, `#N/A` as null and an empty cell as "leave unchanged" (Bulk API 2.0 rules).
struct CSVRecordMapper {
    enum Column {
        case field(String)
        case parent(relationship: String, targetType: String?, field: String)
    }

    let columns: [Column]
    let header: [String]

    /// Checks the header against the object.
    /// - Throws: a message naming the first unknown column.
    init(header: [String], schema: ObjectSchema) throws(SaveError) {
        self.header = header
        var columns: [Column] = []
        for name in header {
            let trimmed = name
            if let dot = trimmed.firstIndex(of: ".") {
                var relationship = String(trimmed[..<dot])
                let field = String(trimmed[trimmed.index(after: dot)...])
                var target: String?
                if let colon = relationship.firstIndex(of: ":") {
                    target = String(relationship[..<colon])
                    relationship = String(relationship[relationship.index(after: colon)...])
                }
                guard schema.referenceField(relationshipName: relationship) != nil else {
                    throw SaveError("InvalidBatch", "Field name not found : \(trimmed)")
                }
                columns.append(.parent(relationship: relationship, targetType: target, field: field))
            } else {
                guard schema.field(named: trimmed) != nil else {
                    throw SaveError("InvalidBatch", "Field name not found : \(trimmed)")
                }
                columns.append(.field(trimmed))
            }
        }
        self.columns = columns
    }

    /// The record input of one CSV row; empty cells are skipped, `#N/A` clears.
    func input(_ cells: [String], skipEmpty: Bool = true) -> RecordInput {
        var input = RecordInput()
        for (i, column) in columns.enumerated() where i < cells.count {
            let cell = cells[i]
            if cell.isEmpty && skipEmpty { continue }
            let value: RecordInput.Value = cell == "#N/A" ? .null : .text(cell)
            switch column {
            case let .field(name): input.fields.append((name, value))
            case let .parent(relationship, target, field):
                input.parents.append(.init(relationship: relationship, targetType: target, field: field, value: value))
            }
        }
        return input
    }
}
