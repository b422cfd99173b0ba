import SOQL

/// Builds the nested output tree: fields of one relationship are grouped under one parent key, placed where the
/// relationship is first mentioned, as Salesforce nests them.
private final class NodeBuilder {
    enum Entry {
        case node(OutputNode)
        case parent(name: String, hop: ParentHop, objectName: String, builder: NodeBuilder)
    }

    var entries: [Entry] = []

    func child(for hop: ParentHop, objectName: String) -> NodeBuilder {
        let lower = hop.relationshipName.lowercased()
        for entry in entries {
            if case .parent(let name, _, _, let builder) = entry, name == lower { return builder }
        }
        let builder = NodeBuilder()
        entries.append(.parent(name: lower, hop: hop, objectName: objectName, builder: builder))
        return builder
    }

    func build() -> [OutputNode] {
        entries.map { entry in
            switch entry {
            case .node(let node): node
            case .parent(_, let hop, let objectName, let builder):
                .parent(key: ValueJSON.key(hop.relationshipName), hop: hop, objectName: objectName,
                        children: builder.build())
            }
        }
    }
}

extension QueryCompiler {
    /// Compiles a non-aggregate SELECT list into output nodes, and into flat Bulk columns when it has neither
    /// subqueries nor compound fields.
    func compileSelectList(
        _ items: [SelectItem], table: ObjectTable, alias: String?, limit: Int?, subqueries: inout [SubqueryPlan]
    ) throws -> ([OutputNode], [FlatColumn]?) {
        let root = NodeBuilder()
        var columns: [FlatColumn]? = []
        var seen = Set<String>()

        func add(_ accessor: FieldAccessor, key: String? = nil, position: SourcePosition?, fromFieldsFunction: Bool)
            throws
        {
            let identity = accessor.canonicalPath.lowercased()
            if seen.contains(identity) {
                if fromFieldsFunction { return }
                throw error(.malformedQuery, "duplicate field selected: \(accessor.canonicalPath)", at: position)
            }
            seen.insert(identity)
            var builder = root
            var objectName = table.schema.name
            for hop in accessor.hops {
                objectName = hop.targets[0].schema.name
                builder = builder.child(for: hop, objectName: objectName)
            }
            let field = accessor.field
            let keyBytes = ValueJSON.key(key ?? field.name)
            if field.type.storage == .compound {
                guard let owner = reader.table(named: accessor.objectName) else { return }
                builder.entries.append(.node(.compound(key: keyBytes, field: field, parts: compoundParts(field, owner))))
                columns = nil
            } else {
                builder.entries.append(.node(.field(key: keyBytes, ordinal: field.ordinal, storage: field.type.storage, name: field.name)))
                columns?.append(FlatColumn(header: accessor.canonicalPath, accessor: accessor))
            }
        }

        for item in items {
            switch item {
            case .field(let path):
                try add(resolve(path, from: table, alias: alias), position: path.position, fromFieldsFunction: false)
            case .function(let call):
                let name = call.name.lowercased()
                guard name == "tolabel" || name == "format" || name == "convertcurrency" else {
                    throw error(.malformedQuery, "\(call.name)() is not supported in the SELECT list of this org",
                                at: call.position)
                }
                let accessor = try resolve(call.argument, from: table, alias: alias)
                try add(accessor, key: accessor.hops.isEmpty ? call.alias : nil, position: call.position,
                        fromFieldsFunction: false)
            case .fields(let selector, let position):
                if selector != .standard, (limit ?? Int.max) > 200 {
                    throw error(.malformedQuery, "The SOQL FIELDS function must have a LIMIT of at most 200",
                                at: position)
                }
                for field in table.schema.fields {
                    if selector == .standard && field.custom { continue }
                    if selector == .custom && !field.custom { continue }
                    if field.type.storage == .compound && field.type != .address && field.type != .location {
                        continue
                    }
                    let accessor = FieldAccessor(
                        hops: [], field: field, objectName: table.schema.name, canonicalPath: field.name)
                    try add(accessor, position: position, fromFieldsFunction: true)
                }
            case .subquery(let query):
                let (name, plan) = try compileSubquery(query, parent: table)
                guard !seen.contains(name.lowercased()) else {
                    throw error(.malformedQuery, "duplicate field selected: \(name)", at: query.objectPosition)
                }
                seen.insert(name.lowercased())
                root.entries.append(.node(.subquery(key: ValueJSON.key(name), index: subqueries.count)))
                subqueries.append(plan)
                columns = nil
            case .aggregate(let call):
                throw error(.malformedQuery, "Aggregate functions need GROUP BY or only aggregates in the SELECT list",
                            at: call.position)
            case .typeOf:
                throw error(.malformedQuery, "TYPEOF is not supported by this org", at: nil)
            }
        }
        return (root.build(), columns)
    }

    /// The components of a compound field, keyed as Salesforce renders them (`BillingCity` → `city`), sorted by key.
    func compoundParts(_ field: FieldSchema, _ table: ObjectTable) -> [OutputNode.CompoundPart] {
        var prefix = field.name
        if field.type == .address, prefix.hasSuffix("Address") {
            prefix.removeLast("Address".count)
        } else if prefix.hasSuffix("__c") {
            prefix.removeLast(3)
            prefix += "__"
        }
        var parts: [(String, FieldSchema)] = []
        for component in table.schema.fields where component.compoundFieldName == field.name {
            var name = component.name
            if name.hasPrefix(prefix) { name.removeFirst(prefix.count) }
            if name.hasSuffix("__s") { name.removeLast(3) }
            guard let first = name.first else { continue }
            parts.append((first.lowercased() + name.dropFirst(), component))
        }
        return parts.sorted { $0.0 < $1.0 }.map { OutputNode.CompoundPart(key: ValueJSON.key($0.0), field: $0.1) }
    }
}
