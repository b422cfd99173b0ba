/// sObject create, retrieve, update, delete, and retrieve/upsert/delete by external ID (reference §6).
enum SObjectRoutes {
    static func install(into router: inout Router) {
        router.add("POST", .versioned, ["sobjects", ":object"]) { try create($0) }
        router.add("GET", .versioned, ["sobjects", ":object", ":id"]) { try retrieve($0) }
        router.add("PATCH", .versioned, ["sobjects", ":object", ":id"]) { try update($0) }
        router.add("DELETE", .versioned, ["sobjects", ":object", ":id"]) { try delete($0) }
        router.add("POST", .versioned, ["sobjects", ":object", ":field", ":value"]) { context in
            // POST to the external-ID resource is not allowed except `…/Id` (handled by create path).
            throw APIError(status: 405, "METHOD_NOT_ALLOWED", "HTTP Method 'POST' not allowed. Allowed are GET,HEAD,PATCH,DELETE")
        }
        router.add("GET", .versioned, ["sobjects", ":object", ":field", ":value"]) { try retrieveByExternalID($0) }
        router.add("PATCH", .versioned, ["sobjects", ":object", ":field", ":value"]) { try upsert($0) }
        router.add("DELETE", .versioned, ["sobjects", ":object", ":field", ":value"]) { try deleteByExternalID($0) }
    }

    static func table(_ context: RouteContext) throws -> ObjectTable {
        guard let t = context.org.store.read({ $0.table(named: context.parameter("object")) }) else {
            throw APIError.notFound
        }
        return t
    }

    static func userID(_ context: RouteContext) -> String { context.org.userID(slot: context.user.userSlot) }

    static func saveResult(id: String, created: Bool?) -> [UInt8] {
        var w = JSONWriter()
        w.raw("{\"id\":")
        w.string(id)
        w.raw(",\"success\":true,\"errors\":[]")
        if let created { w.raw(created ? ",\"created\":true" : ",\"created\":false") }
        w.raw("}")
        return w.bytes
    }

    static func create(_ context: RouteContext) throws -> SimResponse {
        let table = try table(context)
        guard let pairs = try context.jsonBody().objectPairs else {
            throw APIError.malformedJSON("Cannot deserialize instance of sObject from a non-object value")
        }
        let input = RecordInput.fromJSON(pairs)
        let user = userID(context)
        let id: String = try context.org.store.write { writer in
            let saver = RecordSaver(writer: writer, table: table, userID: user)
            do {
                let slot = try saver.insert(input)
                return table.id(ofSlot: slot)
            } catch let error as SaveError { throw error.apiError }
        }
        var response = SimResponse.json(201, saveResult(id: id, created: nil))
        response.headers.append(("Location", "\(context.dataBase)/sobjects/\(table.schema.name)/\(id)"))
        return response
    }

    /// Resolves the `:id` path segment to a live slot, or throws 404 with Salesforce's messages.
    static func slot(_ context: RouteContext, table: ObjectTable, reader: StoreReader) throws -> Int {
        let id = context.parameter("id")
        guard RecordID.canonical15(id) != nil else {
            throw APIError(status: 404, "NOT_FOUND", "Provided external ID field does not exist or is not accessible: \(id)")
        }
        guard let slot = table.slot(ofID: id) else { throw APIError.notFound }
        if table.isRecycled(slot) { throw APIError(status: 404, "ENTITY_IS_DELETED", "entity is deleted") }
        return slot
    }

    static func requestedFields(_ context: RouteContext, schema: ObjectSchema) throws -> [FieldSchema]? {
        guard let list = context.request.queryValue("fields"), !list.isEmpty else { return nil }
        return try list.split(separator: ",").map { name in
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            guard let f = schema.field(named: trimmed) else {
                throw APIError(
                    status: 400, "INVALID_FIELD",
                    "No such column '\(trimmed)' on entity '\(schema.name)'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.")
            }
            return f
        }
    }

    static func retrieve(_ context: RouteContext) throws -> SimResponse {
        let table = try table(context)
        let fields = try requestedFields(context, schema: table.schema)
        return try context.org.store.read { reader in
            let slot = try slot(context, table: table, reader: reader)
            guard let row = table.row(at: slot) else { throw APIError.notFound }
            var w = JSONWriter(capacity: 2048)
            RecordRenderer.appendRecord(table: table, slot: slot, row: row, fields: fields, dataBase: context.dataBase, to: &w)
            return .json(200, w.bytes)
        }
    }

    static func update(_ context: RouteContext) throws -> SimResponse {
        let table = try table(context)
        guard let pairs = try context.jsonBody().objectPairs else {
            throw APIError.malformedJSON("Cannot deserialize instance of sObject from a non-object value")
        }
        let input = RecordInput.fromJSON(pairs)
        let user = userID(context)
        try context.org.store.write { writer in
            let slot = try slot(context, table: table, reader: writer.reader)
            do { try RecordSaver(writer: writer, table: table, userID: user).update(slot: slot, input) } catch let error as SaveError {
                throw error.apiError
            }
        }
        return .noContent
    }

    static func delete(_ context: RouteContext) throws -> SimResponse {
        let table = try table(context)
        let user = userID(context)
        try context.org.store.write { writer in
            let slot = try slot(context, table: table, reader: writer.reader)
            if let error = RecordSaver(writer: writer, table: table, userID: user).delete(slots: [slot], hard: false)[slot] {
                throw error.apiError
            }
        }
        return .noContent
    }

    /// The external-ID field of the path, or 404 as Salesforce answers for an unknown one.
    static func keyField(_ context: RouteContext, table: ObjectTable) throws -> FieldSchema {
        let name = context.parameter("field")
        guard let field = table.schema.field(named: name), field.externalID || field.idLookup else {
            throw APIError(
                status: 404, "NOT_FOUND",
                "Provided external ID field does not exist or is not accessible: \(name)")
        }
        return field
    }

    static func matches(_ context: RouteContext, table: ObjectTable, field: FieldSchema) -> [Int] {
        let value = context.parameter("value")
        return table.slots(where: field, equals: field.type == .id ? .id(value) : .text(value))
    }

    static func multipleChoices(_ context: RouteContext, table: ObjectTable, slots: [Int]) -> SimResponse {
        .json(300) { w in
            w.raw("[")
            var first = true
            for s in slots {
                w.comma(&first)
                w.string("\(context.dataBase)/sobjects/\(table.schema.name)/\(table.id(ofSlot: s))")
            }
            w.raw("]")
        }
    }

    static func retrieveByExternalID(_ context: RouteContext) throws -> SimResponse {
        let table = try table(context)
        let field = try keyField(context, table: table)
        let fields = try requestedFields(context, schema: table.schema)
        return try context.org.store.read { _ in
            let found = matches(context, table: table, field: field)
            if found.count > 1 { return multipleChoices(context, table: table, slots: found) }
            guard let slot = found.first, let row = table.row(at: slot) else { throw APIError.notFound }
            var w = JSONWriter(capacity: 2048)
            RecordRenderer.appendRecord(table: table, slot: slot, row: row, fields: fields, dataBase: context.dataBase, to: &w)
            return .json(200, w.bytes)
        }
    }

    static func upsert(_ context: RouteContext) throws -> SimResponse {
        let table = try table(context)
        let field = try keyField(context, table: table)
        guard let pairs = try context.jsonBody().objectPairs else {
            throw APIError.malformedJSON("Cannot deserialize instance of sObject from a non-object value")
        }
        let input = RecordInput.fromJSON(pairs)
        let user = userID(context)
        let value = context.parameter("value")
        let updateOnly = context.request.queryValue("updateOnly")?.lowercased() == "true"
        return try context.org.store.write { writer in
            let found = matches(context, table: table, field: field)
            if found.count > 1 { return multipleChoices(context, table: table, slots: found) }
            if updateOnly && found.isEmpty { throw APIError.notFound }
            let saver = RecordSaver(writer: writer, table: table, userID: user)
            do {
                let saved = try saver.upsert(keyField: field, keyValue: .text(value), input)
                let id = table.id(ofSlot: saved.slot)
                let version = Double(context.apiVersion) ?? 62
                if !saved.created && version < 46 { return .noContent }
                var response = SimResponse.json(saved.created ? 201 : 200, saveResult(id: id, created: saved.created))
                if saved.created {
                    response.headers.append(("Location", "\(context.dataBase)/sobjects/\(table.schema.name)/\(id)"))
                }
                return response
            } catch let error as SaveError { throw error.apiError }
        }
    }

    static func deleteByExternalID(_ context: RouteContext) throws -> SimResponse {
        let table = try table(context)
        let field = try keyField(context, table: table)
        let user = userID(context)
        return try context.org.store.write { writer in
            let found = matches(context, table: table, field: field)
            if found.count > 1 { return multipleChoices(context, table: table, slots: found) }
            guard let slot = found.first else { throw APIError.notFound }
            if let error = RecordSaver(writer: writer, table: table, userID: user).delete(slots: [slot], hard: false)[slot] {
                throw error.apiError
            }
            return .noContent
        }
    }
}
