import Foundation
import RecordFiles
import SalesforceConnection

/// Text and JSON renderings of describe results for `sfexport describe`: the org's objects, or one
/// object's fields with what a mapping author needs (type, length, required, createable/updateable,
/// external ID, picklist values, reference targets and relationship names).
public enum SchemaReport {
    /// One line per object: name, label, and capabilities.
    public static func objectsText(_ global: GlobalDescribe) -> String {
        let width = min(48, global.sobjects.map(\.name.count).max() ?? 10)
        var lines = [pad("OBJECT", width) + "  " + pad("LABEL", 32) + "  ACCESS"]
        for object in global.sobjects {
            var access: [String] = []
            if object.queryable { access.append("query") }
            if object.createable { access.append("create") }
            if object.updateable { access.append("update") }
            if object.deletable { access.append("delete") }
            lines.append(pad(object.name, width) + "  " + pad(object.label, 32) + "  " + access.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The objects as a JSON array.
    public static func objectsJSON(_ global: GlobalDescribe) -> String {
        let values: [JSONValue] = global.sobjects.map { object in
            .object(
                JSONObject([
                    ("name", .string(object.name)), ("label", .string(object.label)),
                    ("custom", .bool(object.custom)), ("queryable", .bool(object.queryable)),
                    ("createable", .bool(object.createable)), ("updateable", .bool(object.updateable)),
                    ("deletable", .bool(object.deletable)), ("keyPrefix", object.keyPrefix.map { .string($0) } ?? .null),
                ]))
        }
        return String(decoding: JSONValue.array(values).serialized(), as: UTF8.self) + "\n"
    }

    /// One line per field.
    public static func fieldsText(_ describe: ObjectDescribe) -> String {
        var lines = ["\(describe.name) (\(describe.label)), \(describe.fields.count) fields"]
        let width = min(40, describe.fields.map(\.name.count).max() ?? 10)
        lines.append(pad("FIELD", width) + "  " + pad("TYPE", 18) + "  " + pad("FLAGS", 28) + "  DETAILS")
        for field in describe.fields {
            lines.append(
                pad(field.name, width) + "  " + pad(typeText(field), 18) + "  " + pad(flags(field).joined(separator: ","), 28)
                    + "  " + details(field))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The object's fields as JSON.
    public static func fieldsJSON(_ describe: ObjectDescribe) -> String {
        let fields: [JSONValue] = describe.fields.map { .object(fieldObject($0)) }
        let children: [JSONValue] = describe.childRelationships.compactMap { child in
            guard let name = child.relationshipName else { return nil }
            return .object(
                JSONObject([
                    ("relationshipName", .string(name)), ("childSObject", .string(child.childSObject)),
                    ("field", .string(child.field)),
                ]))
        }
        let object = JSONValue.object(
            JSONObject([
                ("name", .string(describe.name)), ("label", .string(describe.label)),
                ("queryable", .bool(describe.queryable)), ("createable", .bool(describe.createable)),
                ("updateable", .bool(describe.updateable)), ("fields", .array(fields)),
                ("childRelationships", .array(children)),
            ]))
        return String(decoding: object.serialized(), as: UTF8.self) + "\n"
    }

    static func fieldObject(_ field: FieldDescribe) -> JSONObject {
        var o = JSONObject()
        o.append("name", .string(field.name))
        o.append("label", .string(field.label))
        o.append("type", .string(field.type.rawValue))
        o.append("length", .number(field.length))
        o.append("required", .bool(field.isRequiredOnCreate))
        o.append("nillable", .bool(field.nillable))
        o.append("createable", .bool(field.createable))
        o.append("updateable", .bool(field.updateable))
        o.append("externalId", .bool(field.externalId))
        o.append("idLookup", .bool(field.idLookup))
        o.append("unique", .bool(field.unique))
        o.append("calculated", .bool(field.calculated))
        o.append("referenceTo", .array(field.referenceTo.map { JSONValue.string($0) }))
        o.append("relationshipName", field.relationshipName.map { JSONValue.string($0) } ?? .null)
        o.append("picklistValues", .array(field.picklistValues.map { JSONValue.string($0.value) }))
        o.append("compoundFieldName", field.compoundFieldName.map { JSONValue.string($0) } ?? .null)
        return o
    }

    static func typeText(_ field: FieldDescribe) -> String {
        switch field.type.rawValue {
        case "string", "textarea", "email", "phone", "url", "picklist", "multipicklist", "encryptedstring":
            return "\(field.type.rawValue)(\(field.length))"
        case "double", "currency", "percent":
            return "\(field.type.rawValue)(\(field.precision),\(field.scale))"
        default:
            return field.type.rawValue
        }
    }

    static func flags(_ field: FieldDescribe) -> [String] {
        var flags: [String] = []
        if field.isRequiredOnCreate { flags.append("required") }
        if field.createable { flags.append("create") }
        if field.updateable { flags.append("update") }
        if field.externalId { flags.append("externalId") }
        if field.idLookup && !field.externalId { flags.append("idLookup") }
        if field.unique { flags.append("unique") }
        if field.calculated { flags.append("formula") }
        return flags
    }

    static func details(_ field: FieldDescribe) -> String {
        var parts: [String] = []
        if !field.referenceTo.isEmpty {
            parts.append("-> " + field.referenceTo.joined(separator: "|") + (field.relationshipName.map { " as \($0)" } ?? ""))
        }
        if !field.picklistValues.isEmpty {
            let values = field.picklistValues.prefix(8).map(\.value).joined(separator: ", ")
            parts.append("[" + values + (field.picklistValues.count > 8 ? ", ..." : "") + "]")
        }
        if let compound = field.compoundFieldName { parts.append("part of \(compound)") }
        return parts.joined(separator: " ")
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
