import SOQL

/// Compiles a parsed query against the org's schema: resolves objects, relationships and fields
/// case-insensitively to tables and ordinals, and reports unknown names the way Salesforce does
/// (`INVALID_TYPE`, `INVALID_FIELD`) with the position of the name in the query.
///
/// Runs inside `OrgStore.read`: semi-join subqueries (`Id IN (SELECT ...)`) are executed while compiling.
struct QueryCompiler {
    let reader: StoreReader
    /// The query text, for error messages.
    let text: String
    /// The current UTC day, for date literals.
    let today: SOQLDate
    /// queryAll: semi-joins and subqueries also see recycled rows.
    let includeDeleted: Bool

    // MARK: Errors

    func error(_ code: SOQLError.Code, _ reason: String, at position: SourcePosition?) -> SOQLError {
        SOQLError(code: code, reason: reason, position: position, query: text)
    }

    func invalidType(_ name: String, at position: SourcePosition) -> SOQLError {
        error(
            .invalidType,
            "sObject type '\(name)' is not supported. If you are attempting to use a custom object, be sure to "
                + "append the '__c' after the entity name. Please reference your WSDL or the describe call for the "
                + "appropriate names.", at: position)
    }

    func noSuchColumn(_ name: String, on object: String, at position: SourcePosition) -> SOQLError {
        error(
            .invalidField,
            "No such column '\(name)' on entity '\(object)'. If you are attempting to use a custom field, be sure to "
                + "append the '__c' after the custom field name. Please reference your WSDL or the describe call for "
                + "the appropriate names.", at: position)
    }

    func unknownRelationship(_ name: String, at position: SourcePosition) -> SOQLError {
        error(
            .invalidField,
            "Didn't understand relationship '\(name)' in field path. If you are attempting to use a custom "
                + "relationship, be sure to append the '__r' after the custom relationship name. Please reference "
                + "your WSDL or the describe call for the appropriate names.", at: position)
    }

    // MARK: Objects and paths

    /// The queryable table named `name`.
    func table(named name: String, at position: SourcePosition) throws -> ObjectTable {
        guard let table = reader.table(named: name), table.schema.queryable else {
            throw invalidType(name, at: position)
        }
        return table
    }

    /// Resolves `path` (relative to `table`, with an optional FROM alias) to an accessor.
    func resolve(_ path: FieldPath, from table: ObjectTable, alias: String?) throws -> FieldAccessor {
        var segments = path.removingAlias(alias).segments
        if segments.count > 1, segments[0].lowercased() == table.schema.name.lowercased(),
            table.schema.referenceField(relationshipName: segments[0]) == nil
        {
            segments.removeFirst()
        }
        if segments.count > 6 {
            throw error(
                .malformedQuery,
                "SOQL statements cannot query relationships that are more than 5 levels away from the root entity "
                    + "object.", at: path.position)
        }
        var candidates = [table]
        var hops: [ParentHop] = []
        var canonical: [String] = []
        for name in segments.dropLast() {
            guard let reference = candidates.lazy.compactMap({ $0.schema.referenceField(relationshipName: name) }).first
            else { throw unknownRelationship(name, at: path.position) }
            let targets = reference.referenceTo.compactMap { reader.table(named: $0) }
            guard !targets.isEmpty else { throw unknownRelationship(name, at: path.position) }
            let relationship = reference.relationshipName ?? name
            hops.append(ParentHop(referenceOrdinal: reference.ordinal, relationshipName: relationship, targets: targets))
            canonical.append(relationship)
            candidates = targets
        }
        let fieldName = segments.last ?? ""
        for candidate in candidates {
            if let field = candidate.schema.field(named: fieldName) {
                canonical.append(field.name)
                return FieldAccessor(
                    hops: hops, field: field, objectName: candidate.schema.name,
                    canonicalPath: canonical.joined(separator: "."))
            }
        }
        throw noSuchColumn(fieldName, on: candidates[0].schema.name, at: path.position)
    }

    // MARK: Query

    /// Compiles a top-level query.
    func compile(_ query: SOQLQuery) throws -> QueryPlan {
        let root = try table(named: query.object, at: query.objectPosition)
        if query.selectItems.contains(where: { if case .typeOf = $0 { true } else { false } }) {
            throw error(.malformedQuery, "TYPEOF is not supported by this org", at: nil)
        }
        if let offset = query.offset, offset > 2000 {
            throw error(.numberOutsideValidRange, "Maximum SOQL offset allowed is 2000", at: nil)
        }
        let filter = try query.whereCondition.map { try compileFilter($0, table: root, alias: query.alias) }
        if query.isCountOnly {
            return QueryPlan(
                table: root, shape: .count, nodes: [], columns: nil, filter: filter, order: [], limit: query.limit,
                offset: query.offset ?? 0, subqueries: [],
                bulkRestriction: "Aggregate queries (COUNT()) are not supported by Bulk API 2.0 query jobs")
        }
        if query.isAggregate || query.having != nil {
            let aggregate = try compileAggregate(query, table: root)
            return QueryPlan(
                table: root, shape: .aggregate(aggregate), nodes: [], columns: nil, filter: filter, order: [],
                limit: query.limit, offset: query.offset ?? 0, subqueries: [],
                bulkRestriction: "Aggregate queries and GROUP BY are not supported by Bulk API 2.0 query jobs")
        }
        var subqueries: [SubqueryPlan] = []
        let (nodes, columns) = try compileSelectList(
            query.selectItems, table: root, alias: query.alias, limit: query.limit, subqueries: &subqueries)
        let order = try compileOrder(query.orderBy, table: root, alias: query.alias)
        var restriction: String?
        if !subqueries.isEmpty {
            restriction = "Parent-to-child subqueries are not supported by Bulk API 2.0 query jobs"
        } else if columns == nil {
            restriction = "Compound address and location fields are not supported by Bulk API 2.0 query jobs"
        } else if query.offset != nil {
            restriction = "OFFSET is not supported by Bulk API 2.0 query jobs"
        }
        return QueryPlan(
            table: root, shape: .records, nodes: nodes, columns: columns, filter: filter, order: order,
            limit: query.limit, offset: query.offset ?? 0, subqueries: subqueries, bulkRestriction: restriction)
    }

    func compileOrder(_ items: [OrderItem], table: ObjectTable, alias: String?) throws -> [SortKey] {
        try items.map { item in
            guard case .field(let path) = item.key else {
                throw error(.malformedQuery, "Ordering by an aggregate needs GROUP BY", at: nil)
            }
            let accessor = try resolve(path, from: table, alias: alias)
            if accessor.storage == .compound || !accessor.field.sortable {
                throw error(
                    .invalidField, "field '\(accessor.field.name)' can not be sorted in a query call", at: path.position)
            }
            return SortKey(accessor: accessor, descending: item.isDescending, nullsFirst: item.effectiveNulls == .first)
        }
    }

    func compileSubquery(_ query: SOQLQuery, parent: ObjectTable) throws -> (String, SubqueryPlan) {
        guard let relationship = parent.schema.childRelationship(named: query.object),
            let name = relationship.relationshipName,
            let child = reader.table(named: relationship.childObject),
            let link = child.schema.field(named: relationship.field)
        else {
            throw error(
                .invalidType,
                "Didn't understand relationship '\(query.object)' in FROM part of query call. If you are attempting "
                    + "to use a custom relationship, be sure to append the '__r' after the custom relationship name. "
                    + "Please reference your WSDL or the describe call for the appropriate names.",
                at: query.objectPosition)
        }
        if query.isAggregate || query.isCountOnly {
            throw error(.malformedQuery, "Aggregate functions are not supported in parent-to-child subqueries",
                        at: query.objectPosition)
        }
        var nested: [SubqueryPlan] = []
        let (nodes, _) = try compileSelectList(
            query.selectItems, table: child, alias: query.alias, limit: query.limit, subqueries: &nested)
        if !nested.isEmpty {
            throw error(.malformedQuery, "Parent-to-child subqueries cannot be nested", at: query.objectPosition)
        }
        let filter = try query.whereCondition.map { try compileFilter($0, table: child, alias: query.alias) }
        let order = try compileOrder(query.orderBy, table: child, alias: query.alias)
        return (
            name,
            SubqueryPlan(table: child, linkOrdinal: link.ordinal, nodes: nodes, filter: filter, order: order,
                         limit: query.limit)
        )
    }
}
