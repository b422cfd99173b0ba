import RecordFiles
import SalesforceConnection

/// `sfexport get`: one record by id or by an external ID value, printed as JSON.
public enum RecordLookup {
    /// The record `id` of `object` (all fields, or `fields`), without `attributes`.
    public static func byID(_ client: SalesforceClient, object: String, id: String, fields: [String]?) async throws
        -> JSONValue
    {
        let record = try await client.retrieve(object, id: id, fields: fields)
        return withoutAttributes(.object(record))
    }

    /// The record whose `field` equals `value`, found with a query (all fields from describe unless `fields`).
    /// - Throws: `ExportError` (usage) when no record or more than one matches.
    public static func byExternalID(
        _ client: SalesforceClient, object: String, field: String, value: String, fields: [String]?
    ) async throws -> JSONValue {
        let describe = try await client.describe(object)
        guard let keyField = describe.field(named: field) else {
            throw ExportError.usage("\(describe.name) has no field '\(field)'; see `sfexport describe \(describe.name)`")
        }
        let names = fields ?? describe.fields.filter { $0.type.rawValue != "address" && $0.type.rawValue != "location" }
            .map(\.name)
        let soql = "SELECT \(names.joined(separator: ", ")) FROM \(describe.name) WHERE \(keyField.name) = '\(escape(value))' LIMIT 2"
        var records: [JSONValue] = []
        for try await page in client.query(soql) { records += page.records }
        guard records.count == 1, let record = records.first else {
            throw ExportError.usage(
                records.isEmpty
                    ? "no \(describe.name) has \(keyField.name) = '\(value)'"
                    : "more than one \(describe.name) has \(keyField.name) = '\(value)'; use an external ID field or the record id")
        }
        return withoutAttributes(record)
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "'": out += "\\'"
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out
    }

    static func withoutAttributes(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let object):
            var kept: [(String, JSONValue)] = []
            for key in object.keys where key != "attributes" {
                if let member = object[key] { kept.append((key, withoutAttributes(member))) }
            }
            return .object(JSONObject(kept))
        case .array(let items):
            return .array(items.map(withoutAttributes))
        default:
            return value
        }
    }
}
