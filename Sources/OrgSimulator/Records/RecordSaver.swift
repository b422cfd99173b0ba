import Foundation

/// Validates and applies inserts, updates, upserts and deletes inside one store write, the way
/// Salesforce validates them from describe: types, lengths, required fields, restricted picklists,
/// unique and external-ID values, references by Id or by a parent's external ID, and
/// create/update permissions.
struct RecordSaver {
    let writer: StoreWriter
    let table: ObjectTable
    /// 18-character Id of the acting user (CreatedById, LastModifiedById, default OwnerId).
    let userID: String
    let now: Int64

    init(writer: StoreWriter, table: ObjectTable, userID: String) {
        self.writer = writer
        self.table = table
        self.userID = userID
        now = Int64(Date().timeIntervalSince1970 * 1000)
    }

    var schema: ObjectSchema { table.schema }

    /// The result of a save: slot and whether it was created.
    struct Saved {
        let slot: Int
        let created: Bool
        var id: String { "" }
    }

    // MARK: insert / update / upsert

    /// Inserts a record; returns its slot.
    func insert(_ input: RecordInput) throws(SaveError) -> Int {
        guard schema.createable else {
            throw SaveError("INSUFFICIENT_ACCESS_OR_READONLY", "You do not have permission to create \(schema.name) records")
        }
        var values = [FieldValue](repeating: .null, count: schema.fields.count)
        var given = Set<Int>()
        try apply(input, to: &values, given: &given, creating: true)
        // Defaults and system fields.
        for field in schema.defaultedFields where !given.contains(field.ordinal) {
            if field.type == .boolean { values[field.ordinal] = .bool(field.defaultBoolean ?? false) }
            if let d = field.defaultPicklistValue, field.type == .picklist || field.type == .multipicklist {
                values[field.ordinal] = .text(d)
            }
            if field.autoNumber { values[field.ordinal] = .text(nextAutoNumber(field)) }
        }
        if let o = schema.ownerOrdinal, values[o].isNull { values[o] = .id(userID) }
        for o in [schema.createdDateOrdinal, schema.lastModifiedDateOrdinal, schema.systemModstampOrdinal] {
            if let o { values[o] = .dateTime(now) }
        }
        for o in [schema.createdByOrdinal, schema.lastModifiedByOrdinal] { if let o { values[o] = .id(userID) } }
        if let o = schema.isDeletedOrdinal { values[o] = .bool(false) }
        fillComputedName(&values)
        let missing = schema.requiredOnCreate.filter { values[$0.ordinal].isNull }
        if !missing.isEmpty {
            let names = missing.map(\.name)
            throw SaveError(
                "REQUIRED_FIELD_MISSING", "Required fields are missing: [\(names.joined(separator: ", "))]", fields: names)
        }
        try checkUnique(values, slot: nil)
        return table.insert(values)
    }

    /// Updates the live record in `slot`.
    func update(slot: Int, _ input: RecordInput) throws(SaveError) {
        guard let row = table.row(at: slot), table.isLive(slot) else {
            throw SaveError("ENTITY_IS_DELETED", "entity is deleted")
        }
        var values = row.decodeAll()
        while values.count < schema.fields.count { values.append(.null) }
        var given = Set<Int>()
        try apply(input, to: &values, given: &given, creating: false)
        for o in [schema.lastModifiedDateOrdinal, schema.systemModstampOrdinal] { if let o { values[o] = .dateTime(now) } }
        if let o = schema.lastModifiedByOrdinal { values[o] = .id(userID) }
        fillComputedName(&values)
        let cleared = schema.fields.filter {
            given.contains($0.ordinal) && !$0.nillable && $0.updateable && values[$0.ordinal].isNull && $0.type != .boolean
        }
        if !cleared.isEmpty {
            let names = cleared.map(\.name)
            throw SaveError(
                "REQUIRED_FIELD_MISSING", "Required fields are missing: [\(names.joined(separator: ", "))]", fields: names)
        }
        try checkUnique(values, slot: slot)
        table.replace(slot: slot, with: values)
    }

    /// Upserts on `keyField` with `keyValue` (from the URL or the record). Several matches throw
    /// `MultipleMatches` (REST answers 300).
    func upsert(keyField: FieldSchema, keyValue: RecordInput.Value, _ input: RecordInput) throws(SaveError) -> Saved {
        var input = input
        let key = try convert(keyValue, field: keyField)
        if keyField.type == .id {
            if key.isNull {
                input.fields.removeAll { $0.name.lowercased() == "id" }
                return Saved(slot: try insert(input), created: true)
            }
            guard let text = key.text, let slot = table.slot(ofID: text), table.isLive(slot) else {
                throw SaveError("NOT_FOUND", "Provided external ID field does not exist or is not accessible: \(key.text ?? "")")
            }
            input.fields.removeAll { $0.name.lowercased() == "id" }
            try update(slot: slot, input)
            return Saved(slot: slot, created: false)
        }
        guard keyField.externalID || keyField.idLookup else {
            throw SaveError(
                "INVALID_FIELD", "Field \(keyField.name) is not an external ID or idLookup field on \(schema.name)",
                fields: [keyField.name])
        }
        if key.isNull {
            throw SaveError("MISSING_ARGUMENT", "\(keyField.name) not specified", fields: [keyField.name])
        }
        let matches = table.slots(where: keyField, equals: key)
        if matches.count > 1 {
            throw SaveError(
                "DUPLICATE_EXTERNAL_ID",
                "\(keyField.name): more than one record found for external id field: \(matches.map { table.id(ofSlot: $0) })",
                fields: [keyField.name])
        }
        if let slot = matches.first {
            input.fields.removeAll { $0.name.lowercased() == keyField.name.lowercased() }
            try update(slot: slot, input)
            return Saved(slot: slot, created: false)
        }
        if input.value(named: keyField.name) == nil { input.fields.append((keyField.name, keyValue)) }
        return Saved(slot: try insert(input), created: true)
    }

    // MARK: delete

    /// Moves records to the recycle bin (or purges them when `hard`), cascading to children whose
    /// relationship has cascadeDelete and refusing parents of restrictedDelete children.
    func delete(slots: [Int], hard: Bool) -> [Int: SaveError] {
        var errors: [Int: SaveError] = [:]
        guard schema.deletable else {
            for s in slots {
                errors[s] = SaveError("INSUFFICIENT_ACCESS_OR_READONLY", "insufficient access rights on object id")
            }
            return errors
        }
        var ids = Set<String>()
        for slot in slots where table.isLive(slot) || (hard && table.isRecycled(slot)) {
            ids.insert(table.id(ofSlot: slot))
        }
        // Restricted children block the delete of their parent.
        for child in schema.childRelationships where child.restrictedDelete {
            guard let childTable = writer.table(named: child.childObject),
                let field = childTable.schema.field(named: child.field)
            else { continue }
            childTable.forEachRow { _, row in
                if case let .id(parent) = row.value(at: field.ordinal), ids.contains(parent),
                    let slot = table.slot(ofID: parent)
                {
                    errors[slot] = SaveError(
                        "DELETE_FAILED",
                        "Your attempt to delete \(parent) could not be completed because it is associated with the following \(childTable.schema.name) records.")
                    ids.remove(parent)
                }
            }
        }
        for slot in slots where errors[slot] == nil {
            if hard {
                table.purge(slot: slot)
            } else {
                table.recycle(slot: slot, at: now, by: userID)
            }
        }
        // Cascade to children.
        if !ids.isEmpty {
            for child in schema.childRelationships where child.cascadeDelete {
                guard let childTable = writer.table(named: child.childObject),
                    let field = childTable.schema.field(named: child.field)
                else { continue }
                var doomed: [Int] = []
                childTable.forEachRow(includeRecycled: hard) { slot, row in
                    if case let .id(parent) = row.value(at: field.ordinal), ids.contains(parent) { doomed.append(slot) }
                }
                if !doomed.isEmpty {
                    let saver = RecordSaver(writer: writer, table: childTable, userID: userID)
                    _ = saver.delete(slots: doomed, hard: hard)
                }
            }
        }
        return errors
    }

    // MARK: field conversion

    private func apply(_ input: RecordInput, to values: inout [FieldValue], given: inout Set<Int>, creating: Bool)
        throws(SaveError)
    {
        for (name, raw) in input.fields {
            guard let field = schema.field(named: name) else {
                throw SaveError("INVALID_FIELD", "No such column '\(name)' on sobject of type \(schema.name)", fields: [name])
            }
            if field.type == .id { continue }  // an Id in the body is ignored (update carries it)
            let allowed = creating ? field.createable : field.updateable
            if !allowed {
                throw SaveError(
                    "INVALID_FIELD_FOR_INSERT_UPDATE",
                    "Unable to create/update fields: \(field.name). Please check the security settings of this field and verify that it is read/write for your profile or permission set.",
                    fields: [field.name])
            }
            values[field.ordinal] = try convert(raw, field: field)
            given.insert(field.ordinal)
        }
        for parent in input.parents {
            guard let field = schema.referenceField(relationshipName: parent.relationship) else {
                throw SaveError(
                    "INVALID_FIELD", "No such column '\(parent.relationship)' on sobject of type \(schema.name)",
                    fields: [parent.relationship])
            }
            let allowed = creating ? field.createable : field.updateable
            if !allowed {
                throw SaveError(
                    "INVALID_FIELD_FOR_INSERT_UPDATE", "Unable to create/update fields: \(field.name).",
                    fields: [field.name])
            }
            if case .null = parent.value {
                values[field.ordinal] = .null
            } else {
                values[field.ordinal] = .id(try resolveParent(parent, field: field))
            }
            given.insert(field.ordinal)
        }
    }

    /// Finds the parent named by external ID; its Id.
    func resolveParent(_ parent: RecordInput.ParentReference, field: FieldSchema) throws(SaveError) -> String {
        let targets = parent.targetType.map { [$0] } ?? field.referenceTo
        var tried = false
        for target in targets {
            guard let parentTable = writer.table(named: target) else { continue }
            guard let keyField = parentTable.schema.field(named: parent.field),
                keyField.externalID || keyField.idLookup
            else {
                if targets.count == 1 || parent.targetType != nil {
                    throw SaveError(
                        "INVALID_FIELD",
                        "Field name provided, \(parent.field) is not an External ID or indexed field for \(parentTable.schema.name)",
                        fields: [field.name])
                }
                continue
            }
            tried = true
            let saver = RecordSaver(writer: writer, table: parentTable, userID: userID)
            let key = try saver.convert(parent.value, field: keyField)
            let matches = parentTable.slots(where: keyField, equals: key)
            if matches.count == 1 { return parentTable.id(ofSlot: matches[0]) }
            if matches.count > 1 {
                throw SaveError(
                    "DUPLICATE_EXTERNAL_ID",
                    "Foreign key external ID: \(key.text ?? "") matches more than one record for field \(keyField.name) in entity \(parentTable.schema.name)",
                    fields: [field.name])
            }
            throw SaveError(
                "INVALID_CROSS_REFERENCE_KEY",
                "Foreign key external ID: \(key.text ?? "") not found for field \(keyField.name) in entity \(parentTable.schema.name)",
                fields: [field.name])
        }
        if !tried && !targets.contains(where: { writer.table(named: $0) != nil }) {
            throw SaveError(
                "INVALID_FIELD", "Cannot reference \(parent.relationship) by external ID: its object is not available",
                fields: [field.name])
        }
        throw SaveError("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", fields: [field.name])
    }

    /// Converts and validates one incoming value for `field`.
    func convert(_ raw: RecordInput.Value, field: FieldSchema) throws(SaveError) -> FieldValue {
        let text: String
        switch raw {
        case .null: return .null
        case let .text(t):
            if t.isEmpty { return .null }
            text = t
        case let .json(node):
            switch node {
            case .null: return .null
            case let .string(s): text = s
            case let .number(n): text = n
            case let .bool(b): text = b ? "true" : "false"
            case .array, .object:
                throw SaveError(
                    "JSON_PARSER_ERROR", "Cannot deserialize instance of \(field.type.rawValue) from \(node)",
                    fields: [field.name])
            }
            if text.isEmpty, field.type.storage != .text { return .null }
        }
        let bad = SaveError(
            "INVALID_TYPE_ON_FIELD_IN_RECORD", "\(field.name): value not of required type: \(text)", fields: [field.name])
        switch field.type.storage {
        case .text, .compound:
            if field.length > 0, text.utf8.count > field.length, text.count > field.length {
                throw SaveError(
                    "STRING_TOO_LONG", "\(field.name): data value too large: \(text.prefix(100)) (max length=\(field.length))",
                    fields: [field.name])
            }
            if field.type == .email, !text.isEmpty, !Self.looksLikeEmail(text) {
                throw SaveError("INVALID_EMAIL_ADDRESS", "\(field.name): invalid email address: \(text)", fields: [field.name])
            }
            if field.restrictedPicklist, field.type == .picklist || field.type == .multipicklist {
                let parts = field.type == .multipicklist ? text.split(separator: ";").map(String.init) : [text]
                for part in parts where !field.picklistValues.contains(part) {
                    throw SaveError(
                        "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
                        "\(field.name): bad value for restricted picklist field: \(part)", fields: [field.name])
                }
            }
            return text.isEmpty ? .null : .text(text)
        case .int:
            if let v = Int64(text) { return .int(v) }
            if let d = Double(text), d.rounded() == d, abs(d) < 9.2e18 { return .int(Int64(d)) }
            throw bad
        case .double:
            guard let d = Double(text), d.isFinite else { throw bad }
            return .double(d)
        case .bool:
            switch text.lowercased() {
            case "true", "1", "yes": return .bool(true)
            case "false", "0", "no": return .bool(false)
            default: throw bad
            }
        case .date:
            guard let d = ValueFormat.parseDate(text) else { throw bad }
            return .date(d)
        case .dateTime:
            guard let ms = ValueFormat.parseDateTime(text) else { throw bad }
            return .dateTime(ms)
        case .id:
            guard let id15 = RecordID.canonical15(text) else {
                throw SaveError(
                    "MALFORMED_ID", "\(field.name): id value of incorrect type: \(text)", fields: [field.name])
            }
            let id18 = String(decoding: id15 + RecordID.checksum(id15), as: UTF8.self)
            if field.type == .reference {
                let prefix = String(decoding: id15[0..<3], as: UTF8.self)
                let loadedTargets = field.referenceTo.compactMap { writer.table(named: $0) }
                if let table = loadedTargets.first(where: { $0.schema.keyPrefix == prefix }) {
                    guard let slot = table.slot(ofID: id18), table.isLive(slot) else {
                        throw SaveError(
                            "INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", fields: [field.name])
                    }
                } else if loadedTargets.count == field.referenceTo.count || writer.reader.locate(id: id18) != nil {
                    // Every target is loaded (or the Id belongs to another loaded object): wrong type.
                    throw SaveError(
                        "FIELD_INTEGRITY_EXCEPTION",
                        "\(field.name): id value of incorrect type: \(id18)", fields: [field.name])
                }
            }
            return .id(id18)
        }
    }

    /// One `@` with text before it, a dot after it, and no spaces (byte scan: Foundation's
    /// `contains` is slow in the per-record path).
    static func looksLikeEmail(_ s: String) -> Bool {
        var at = -1
        var dotAfterAt = false
        for (i, c) in s.utf8.enumerated() {
            if c == 0x20 { return false }
            if c == UInt8(ascii: "@") {
                if at >= 0 { return false }
                at = i
            } else if c == UInt8(ascii: "."), at >= 0 {
                dotAfterAt = true
            }
        }
        return at > 0 && dotAfterAt
    }

    private func checkUnique(_ values: [FieldValue], slot: Int?) throws(SaveError) {
        for field in schema.uniqueFields {
            let v = values[field.ordinal]
            guard !v.isNull else { continue }
            let others = table.slots(where: field, equals: v).filter { $0 != slot }
            if let other = others.first {
                throw SaveError(
                    "DUPLICATE_VALUE",
                    "duplicate value found: \(field.name) duplicates value on record with id: \(table.id(ofSlot: other))",
                    fields: [field.name])
            }
        }
    }

    /// Contact/Lead/User `Name` is built from FirstName and LastName.
    private func fillComputedName(_ values: inout [FieldValue]) {
        guard let name = schema.nameOrdinal, !schema.fields[name].createable,
            let last = schema.field(named: "LastName")
        else { return }
        let first = schema.field(named: "FirstName").flatMap { values[$0.ordinal].text } ?? ""
        let lastText = values[last.ordinal].text ?? ""
        let full = [first, lastText].filter { !$0.isEmpty }.joined(separator: " ")
        values[name] = full.isEmpty ? .null : .text(full)
    }

    private func nextAutoNumber(_ field: FieldSchema) -> String {
        let n = (table.autoNumbers[field.ordinal] ?? table.slotCount) + 1
        table.autoNumbers[field.ordinal] = n
        let digits = String(n)
        let padded = String(repeating: "0", count: max(0, 8 - digits.count)) + digits
        if schema.custom {
            return String(schema.name.replacingOccurrences(of: "__c", with: "").prefix(3)).uppercased() + "-" + padded
        }
        return padded
    }
}
