/// Renders stored records as REST JSON (`attributes` first, then fields in describe order).
public enum RecordRenderer {
    /// Appends `{"type":"Account","url":"/services/data/v62.0/sobjects/Account/001…"}`.
    public static func appendAttributes(object: String, id: String?, dataBase: String, to w: inout JSONWriter) {
        w.raw("\"attributes\":{\"type\":")
        w.string(object)
        if let id {
            w.raw(",\"url\":")
            w.string("\(dataBase)/sobjects/\(object)/\(id)")
        }
        w.raw("}")
    }

    /// Appends a compound address/location value built from its component fields, or null.
    public static func appendCompound(_ field: FieldSchema, schema: ObjectSchema, row: Row, to w: inout JSONWriter) {
        let parts = schema.fields.filter { $0.compoundFieldName == field.name && $0.name != field.name }
        guard parts.contains(where: { !row.isNull($0.ordinal) }) else {
            w.null()
            return
        }
        let prefix = field.type == .address ? String(field.name.dropLast("Address".count)) : ""
        var keyed: [(String, FieldSchema)] = parts.map { part in
            var key = part.name
            if !prefix.isEmpty, key.hasPrefix(prefix) { key = String(key.dropFirst(prefix.count)) }
            if field.type == .location, key.hasSuffix("__s") {
                key = String(key.dropLast(3)).components(separatedBy: "__").last ?? key
            }
            return (key.prefix(1).lowercased() + key.dropFirst(), part)
        }
        keyed.sort { $0.0 < $1.0 }
        w.raw("{")
        var first = true
        for (key, part) in keyed {
            w.comma(&first)
            w.key(key)
            row.appendJSON(at: part.ordinal, to: &w.bytes)
        }
        w.raw("}")
    }

    /// Appends a whole record: the listed fields, or every field when `fields` is nil.
    public static func appendRecord(
        table: ObjectTable, slot: Int, row: Row, fields: [FieldSchema]?, dataBase: String, to w: inout JSONWriter
    ) {
        let schema = table.schema
        w.raw("{")
        appendAttributes(object: schema.name, id: table.id(ofSlot: slot), dataBase: dataBase, to: &w)
        for field in fields ?? schema.fields {
            w.raw(",")
            w.key(field.name)
            if field.type.storage == .compound {
                appendCompound(field, schema: schema, row: row, to: &w)
            } else {
                row.appendJSON(at: field.ordinal, to: &w.bytes)
            }
        }
        w.raw("}")
    }
}
