/// sObject Collections: create, update, upsert, delete and retrieve (reference §7), ≤ 200 records,
/// with `allOrNone` rollback. Well-formed requests answer 200 even when records fail.
enum CollectionRoutes {
    static let maxRecords = 200

    static func install(into router: inout Router) {
        router.add("POST", .versioned, ["composite", "sobjects"]) { try save($0, mode: .create) }
        router.add("PATCH", .versioned, ["composite", "sobjects"]) { try save($0, mode: .update) }
        router.add("DELETE", .versioned, ["composite", "sobjects"]) { try delete($0) }
        router.add("PATCH", .versioned, ["composite", "sobjects", ":object", ":field"]) { try save($0, mode: .upsert) }
        router.add("GET", .versioned, ["composite", "sobjects", ":object"]) { try retrieve($0) }
        router.add("POST", .versioned, ["composite", "sobjects", ":object"]) { try retrieve($0) }
    }

    enum Mode { case create, update, upsert }

    /// One record's outcome.
    struct Outcome {
        var id: String?
        var error: SaveError?
        var created: Bool?
    }

    static func save(_ context: RouteContext, mode: Mode) throws -> SimResponse {
        let body = try context.jsonBody()
        guard let records = body["records"]?.arrayValue else {
            throw APIError(status: 400, "JSON_PARSER_ERROR", "Required field records is missing or not a list")
        }
        guard records.count <= maxRecords else {
            throw APIError(
                status: 400, "EXCEEDED_ID_LIMIT", "Maximum number of records in a collection is \(maxRecords)",
                fields: [])
        }
        let allOrNone = body["allOrNone"]?.boolValue ?? false
        let org = context.org
        let user = org.userID(slot: context.user.userSlot)
        let lockRate = org.faults.snapshot.lockRate
        var upsertTable: ObjectTable?
        var upsertField: FieldSchema?
        if mode == .upsert {
            guard let t = org.store.read({ $0.table(named: context.parameter("object")) }) else {
                throw APIError.notFound
            }
            guard let f = t.schema.field(named: context.parameter("field")), f.externalID || f.idLookup else {
                throw APIError(
                    status: 404, "NOT_FOUND",
                    "Provided external ID field does not exist or is not accessible: \(context.parameter("field"))")
            }
            upsertTable = t
            upsertField = f
        }
        let outcomes: [Outcome] = org.store.write { writer in
            var outcomes: [Outcome] = []
            // Rollback journal: tables and slots inserted, and prior values of updated rows.
            var inserted: [(ObjectTable, Int)] = []
            var previous: [(ObjectTable, Int, [FieldValue])] = []
            for record in records {
                guard let pairs = record.objectPairs else {
                    outcomes.append(Outcome(error: SaveError("JSON_PARSER_ERROR", "Each record must be a JSON object")))
                    continue
                }
                let type = record["attributes"]?["type"]?.stringValue
                let table: ObjectTable
                if let upsertTable {
                    if let type, type.lowercased() != upsertTable.schema.name.lowercased() {
                        outcomes.append(Outcome(error: SaveError("INVALID_TYPE", "Record type \(type) does not match \(upsertTable.schema.name)")))
                        continue
                    }
                    table = upsertTable
                } else {
                    guard let type else {
                        outcomes.append(Outcome(error: SaveError("INVALID_TYPE", "Must send a concrete entity type.")))
                        continue
                    }
                    guard let t = writer.table(named: type) else {
                        outcomes.append(Outcome(error: SaveError("INVALID_TYPE", "sObject type '\(type)' is not supported.")))
                        continue
                    }
                    table = t
                }
                if lockRate > 0, Double.random(in: 0..<1) < lockRate {
                    org.stats.fault("lock")
                    outcomes.append(Outcome(error: .lockFailure))
                    continue
                }
                let saver = RecordSaver(writer: writer, table: table, userID: user)
                do {
                    switch mode {
                    case .create:
                        if record["id"] != nil || record["Id"].map({ $0 != .null }) == true {
                            throw SaveError("INVALID_FIELD", "cannot specify Id in an insert call", fields: ["Id"])
                        }
                        let slot = try saver.insert(RecordInput.fromJSON(pairs))
                        inserted.append((table, slot))
                        outcomes.append(Outcome(id: table.id(ofSlot: slot)))
                    case .update:
                        guard let id = record["id"]?.stringValue ?? record["Id"]?.stringValue else {
                            throw SaveError("MISSING_ARGUMENT", "Id not specified in an update call", fields: [])
                        }
                        guard RecordID.canonical15(id) != nil else {
                            throw SaveError("MALFORMED_ID", "malformed id \(id)", fields: ["Id"])
                        }
                        guard let slot = table.slot(ofID: id), table.isLive(slot), let row = table.row(at: slot) else {
                            throw SaveError("ENTITY_IS_DELETED", "entity is deleted", fields: [])
                        }
                        previous.append((table, slot, row.decodeAll()))
                        try saver.update(slot: slot, RecordInput.fromJSON(pairs, skip: ["attributes", "id"]))
                        outcomes.append(Outcome(id: table.id(ofSlot: slot)))
                    case .upsert:
                        guard let field = upsertField else { throw SaveError("INVALID_FIELD", "no external ID field") }
                        let input = RecordInput.fromJSON(pairs)
                        let key = input.value(named: field.name) ?? .null
                        if let existing = table.slots(where: field, equals: (try? saver.convert(key, field: field)) ?? .null).first,
                            let row = table.row(at: existing)
                        {
                            previous.append((table, existing, row.decodeAll()))
                        }
                        let saved = try saver.upsert(keyField: field, keyValue: key, input)
                        if saved.created { inserted.append((table, saved.slot)) }
                        outcomes.append(Outcome(id: table.id(ofSlot: saved.slot), created: saved.created))
                    }
                } catch {
                    outcomes.append(Outcome(error: error as? SaveError ?? SaveError("UNKNOWN_EXCEPTION", "\(error)")))
                }
            }
            if allOrNone, outcomes.contains(where: { $0.error != nil }) {
                for (table, slot, values) in previous.reversed() { table.replace(slot: slot, with: values) }
                for (table, slot) in inserted.reversed() { table.purge(slot: slot) }
                outcomes = outcomes.map { $0.error != nil ? Outcome(error: $0.error) : Outcome(error: .rolledBack) }
            }
            return outcomes
        }
        return .json(200) { w in
            w.raw("[")
            var first = true
            for o in outcomes {
                w.comma(&first)
                write(o, to: &w, withCreated: mode == .upsert)
            }
            w.raw("]")
        }
    }

    static func write(_ o: Outcome, to w: inout JSONWriter, withCreated: Bool) {
        w.raw("{")
        if let id = o.id {
            w.key("id")
            w.string(id)
            w.raw(",")
        }
        if let e = o.error {
            w.raw("\"success\":false,\"errors\":[{")
            w.key("statusCode")
            w.string(e.code)
            w.raw(",")
            w.key("message")
            w.string(e.message)
            w.raw(",\"fields\":[")
            var first = true
            for f in e.fields {
                w.comma(&first)
                w.string(f)
            }
            w.raw("]}]")
        } else {
            w.raw("\"success\":true,\"errors\":[]")
            if withCreated, let c = o.created { w.raw(c ? ",\"created\":true" : ",\"created\":false") }
        }
        w.raw("}")
    }

    static func delete(_ context: RouteContext) throws -> SimResponse {
        let ids = (context.request.queryValue("ids") ?? "").split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        guard !ids.isEmpty else { throw APIError(status: 400, "MISSING_ARGUMENT", "ids parameter is required") }
        guard ids.count <= maxRecords else {
            throw APIError(status: 400, "EXCEEDED_ID_LIMIT", "Maximum number of ids is \(maxRecords)")
        }
        let allOrNone = context.request.queryValue("allOrNone")?.lowercased() == "true"
        let org = context.org
        let user = org.userID(slot: context.user.userSlot)
        let lockRate = org.faults.snapshot.lockRate
        let outcomes: [Outcome] = org.store.write { writer in
            var outcomes: [Outcome] = []
            var targets: [(ObjectTable, Int)?] = []
            for id in ids {
                guard RecordID.canonical15(id) != nil else {
                    outcomes.append(Outcome(id: id, error: SaveError("MALFORMED_ID", "malformed id \(id)")))
                    targets.append(nil)
                    continue
                }
                guard let loc = writer.locate(id: id) else {
                    outcomes.append(Outcome(id: id, error: SaveError("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id")))
                    targets.append(nil)
                    continue
                }
                if loc.table.isRecycled(loc.slot) {
                    outcomes.append(Outcome(id: id, error: SaveError("ENTITY_IS_DELETED", "entity is deleted")))
                    targets.append(nil)
                    continue
                }
                if lockRate > 0, Double.random(in: 0..<1) < lockRate {
                    org.stats.fault("lock")
                    outcomes.append(Outcome(id: id, error: .lockFailure))
                    targets.append(nil)
                    continue
                }
                outcomes.append(Outcome(id: loc.table.id(ofSlot: loc.slot)))
                targets.append((loc.table, loc.slot))
            }
            if allOrNone, outcomes.contains(where: { $0.error != nil }) {
                return outcomes.map { $0.error != nil ? Outcome(id: $0.id, error: $0.error) : Outcome(id: $0.id, error: .rolledBack) }
            }
            for (i, target) in targets.enumerated() {
                guard let (table, slot) = target else { continue }
                if let error = RecordSaver(writer: writer, table: table, userID: user).delete(slots: [slot], hard: false)[slot] {
                    outcomes[i].error = error
                }
            }
            return outcomes
        }
        return .json(200) { w in
            w.raw("[")
            var first = true
            for o in outcomes {
                w.comma(&first)
                write(o, to: &w, withCreated: false)
            }
            w.raw("]")
        }
    }

    static func retrieve(_ context: RouteContext) throws -> SimResponse {
        guard let table = context.org.store.read({ $0.table(named: context.parameter("object")) }) else {
            throw APIError.notFound
        }
        var ids: [String]
        var fieldNames: [String]
        if context.request.method == "POST" {
            let body = try context.jsonBody()
            ids = (body["ids"]?.arrayValue ?? []).compactMap(\.stringValue)
            fieldNames = (body["fields"]?.arrayValue ?? []).compactMap(\.stringValue)
            guard ids.count <= 2000 else { throw APIError(status: 400, "EXCEEDED_ID_LIMIT", "Maximum number of ids is 2000") }
        } else {
            ids = (context.request.queryValue("ids") ?? "").split(separator: ",").map { String($0) }
            fieldNames = (context.request.queryValue("fields") ?? "").split(separator: ",").map { String($0) }
            guard ids.count <= 800 else { throw APIError(status: 414, "URI_TOO_LONG", "The request URI is too long") }
        }
        guard !fieldNames.isEmpty else { throw APIError(status: 400, "MISSING_ARGUMENT", "fields parameter is required") }
        let fields = try fieldNames.map { name -> FieldSchema in
            let n = name.trimmingCharacters(in: .whitespaces)
            guard let f = table.schema.field(named: n) else {
                throw APIError(status: 400, "INVALID_FIELD", "No such column '\(n)' on entity '\(table.schema.name)'.")
            }
            return f
        }
        return context.org.store.read { _ in
            var w = JSONWriter(capacity: 1024 * ids.count)
            w.raw("[")
            var first = true
            for id in ids {
                w.comma(&first)
                if let slot = table.slot(ofID: id.trimmingCharacters(in: .whitespaces)), table.isLive(slot),
                    let row = table.row(at: slot)
                {
                    RecordRenderer.appendRecord(table: table, slot: slot, row: row, fields: fields, dataBase: context.dataBase, to: &w)
                } else {
                    w.null()
                }
            }
            w.raw("]")
            return .json(200, w.bytes)
        }
    }
}
