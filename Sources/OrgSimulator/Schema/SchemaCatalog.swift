import Foundation

/// Every object the org knows, loaded from a folder of describe JSON files (one per object, named
/// `<Object>.json`, plus an optional `_global.json` describeGlobal body).
public final class SchemaCatalog: Sendable {
    /// Objects in describeGlobal order (alphabetical by name).
    public let objects: [ObjectSchema]
    private let byLowercasedName: [String: ObjectSchema]
    private let byKeyPrefix: [String: ObjectSchema]

    public init(objects: [ObjectSchema]) {
        self.objects = objects.sorted { $0.name < $1.name }
        var byName: [String: ObjectSchema] = [:]
        var byPrefix: [String: ObjectSchema] = [:]
        for o in objects {
            byName[o.name.lowercased()] = o
            byPrefix[o.keyPrefix] = o
        }
        byLowercasedName = byName
        byKeyPrefix = byPrefix
    }

    /// The object named `name` (any case), or nil.
    public func object(named name: String) -> ObjectSchema? { byLowercasedName[name.lowercased()] }

    /// The object whose Ids start with `prefix` (case-sensitive, 3 characters).
    public func object(keyPrefix prefix: String) -> ObjectSchema? { byKeyPrefix[prefix] }

    /// Loads every `*.json` describe in `directory`.
    /// - Throws: `SchemaError` naming the file and what is wrong with it.
    public static func load(directory: String) throws -> SchemaCatalog {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: directory) else {
            throw SchemaError("cannot read schema folder '\(directory)'; pass a folder of describe JSON files")
        }
        var globalEntries: [String: JSONNode] = [:]
        let globalPath = (directory as NSString).appendingPathComponent("_global.json")
        if let data = fm.contents(atPath: globalPath) {
            let node = try parse(data, path: globalPath)
            for entry in node["sobjects"]?.arrayValue ?? [] {
                if let name = entry["name"]?.stringValue { globalEntries[name.lowercased()] = entry }
            }
        }
        var objects: [ObjectSchema] = []
        for file in names.sorted() where file.hasSuffix(".json") && !file.hasPrefix("_") {
            let path = (directory as NSString).appendingPathComponent(file)
            guard let data = fm.contents(atPath: path) else { throw SchemaError("cannot read '\(path)'") }
            let node = try parse(data, path: path)
            objects.append(try makeObject(node, bytes: Array(data), path: path, globalEntries: globalEntries))
        }
        guard !objects.isEmpty else {
            throw SchemaError("schema folder '\(directory)' holds no describe JSON files (<Object>.json)")
        }
        return SchemaCatalog(objects: objects)
    }

    private static func parse(_ data: Data, path: String) throws -> JSONNode {
        do { return try JSONNode.parse(Array(data)) } catch {
            throw SchemaError("'\(path)' is not valid JSON: \(error)")
        }
    }

    /// The top-level describe keys that make up a describeGlobal entry.
    static let globalKeys = [
        "activateable", "associateEntityType", "associateParentEntity", "createable", "custom", "customSetting",
        "deepCloneable", "deletable", "deprecatedAndHidden", "feedEnabled", "hasSubtypes", "isInterface",
        "isSubtype", "keyPrefix", "label", "labelPlural", "layoutable", "mergeable", "mruEnabled", "name",
        "queryable", "replicateable", "retrieveable", "searchable", "triggerable", "undeletable", "updateable",
        "urls",
    ]

    static func makeObject(
        _ node: JSONNode, bytes: [UInt8], path: String, globalEntries: [String: JSONNode]
    ) throws -> ObjectSchema {
        guard let name = node["name"]?.stringValue, let fieldNodes = node["fields"]?.arrayValue else {
            throw SchemaError("'\(path)' is not an sObject describe (needs 'name' and 'fields')")
        }
        guard let keyPrefix = node["keyPrefix"]?.stringValue, keyPrefix.utf8.count == 3 else {
            throw SchemaError("'\(path)': object \(name) has no 3-character keyPrefix")
        }
        var fields: [FieldSchema] = []
        for (i, f) in fieldNodes.enumerated() {
            guard let fname = f["name"]?.stringValue, let typeName = f["type"]?.stringValue else {
                throw SchemaError("'\(path)': field #\(i + 1) of \(name) lacks 'name' or 'type'")
            }
            let type = FieldType(rawValue: typeName) ?? .string
            let picks = (f["picklistValues"]?.arrayValue ?? []).filter { $0["active"]?.boolValue ?? true }
            let defaultValue = f["defaultValue"]
            fields.append(
                FieldSchema(
                    ordinal: i, name: fname, type: type,
                    length: f["length"]?.intValue ?? 0, precision: f["precision"]?.intValue ?? 0,
                    scale: f["scale"]?.intValue ?? 0, digits: f["digits"]?.intValue ?? 0,
                    nillable: f["nillable"]?.boolValue ?? true, createable: f["createable"]?.boolValue ?? false,
                    updateable: f["updateable"]?.boolValue ?? false,
                    defaultedOnCreate: f["defaultedOnCreate"]?.boolValue ?? false,
                    calculated: f["calculated"]?.boolValue ?? false, autoNumber: f["autoNumber"]?.boolValue ?? false,
                    externalID: f["externalId"]?.boolValue ?? false, idLookup: f["idLookup"]?.boolValue ?? false,
                    unique: f["unique"]?.boolValue ?? false, caseSensitive: f["caseSensitive"]?.boolValue ?? false,
                    custom: f["custom"]?.boolValue ?? false, filterable: f["filterable"]?.boolValue ?? true,
                    sortable: f["sortable"]?.boolValue ?? true, groupable: f["groupable"]?.boolValue ?? false,
                    aggregatable: f["aggregatable"]?.boolValue ?? false,
                    referenceTo: (f["referenceTo"]?.arrayValue ?? []).compactMap(\.stringValue),
                    relationshipName: f["relationshipName"]?.stringValue,
                    picklistValues: picks.compactMap { $0["value"]?.stringValue },
                    defaultPicklistValue: picks.first(where: { $0["defaultValue"]?.boolValue == true })?["value"]?
                        .stringValue,
                    restrictedPicklist: f["restrictedPicklist"]?.boolValue ?? false,
                    compoundFieldName: f["compoundFieldName"]?.stringValue,
                    defaultBoolean: defaultValue?.boolValue))
        }
        guard fields.contains(where: { $0.name == "Id" }) else {
            throw SchemaError("'\(path)': object \(name) has no Id field")
        }
        let children = (node["childRelationships"]?.arrayValue ?? []).compactMap { c -> ChildRelationship? in
            guard let child = c["childSObject"]?.stringValue, let field = c["field"]?.stringValue else { return nil }
            return ChildRelationship(
                childObject: child, field: field, relationshipName: c["relationshipName"]?.stringValue,
                cascadeDelete: c["cascadeDelete"]?.boolValue ?? false,
                restrictedDelete: c["restrictedDelete"]?.boolValue ?? false)
        }
        let entry: JSONNode
        if let given = globalEntries[name.lowercased()] {
            entry = given
        } else {
            var pairs: [(String, JSONNode)] = []
            for key in globalKeys {
                var value = node[key] ?? .null
                if key == "urls", let urls = value.objectPairs {
                    let keep: Set = [
                        "sobject", "describe", "rowTemplate", "compactLayouts", "approvalLayouts", "listviews",
                        "quickActions", "layouts",
                    ]
                    value = .object(urls.filter { keep.contains($0.0) })
                }
                pairs.append((key, value))
            }
            entry = .object(pairs)
        }
        var version = "62.0"
        if let sobjectURL = node["urls"]?["sobject"]?.stringValue,
            let range = sobjectURL.range(of: "/services/data/v")
        {
            let rest = sobjectURL[range.upperBound...]
            if let slash = rest.firstIndex(of: "/") { version = String(rest[..<slash]) }
        }
        return ObjectSchema(
            name: name, label: node["label"]?.stringValue ?? name, keyPrefix: keyPrefix,
            custom: node["custom"]?.boolValue ?? name.hasSuffix("__c"),
            createable: node["createable"]?.boolValue ?? true, updateable: node["updateable"]?.boolValue ?? true,
            deletable: node["deletable"]?.boolValue ?? true, queryable: node["queryable"]?.boolValue ?? true,
            fields: fields, childRelationships: children, describeJSON: bytes, globalEntryJSON: entry.serialized(),
            describeVersion: version)
    }
}

/// A schema folder or file that cannot be used, with what to do about it.
public struct SchemaError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
