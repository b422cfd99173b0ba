import SalesforceConnection
/// Writes a starter YAML mapping for a CSV header (`sfimport mapping init`): each column is matched to a field by
/// API name or label, ignoring case, spaces and underscores; `Relationship.Key` headers become lookups; columns
/// that match nothing are listed as comments for the user to map or drop.
public struct StarterMapping: Sendable {
    public struct Match: Sendable, Equatable {
        public var column: String
        public var field: String?
        /// For `Account.Legacy_Id__c` headers.
        public var lookup: (field: String, parent: String, key: String)?

        public static func == (lhs: Match, rhs: Match) -> Bool {
            lhs.column == rhs.column && lhs.field == rhs.field && lhs.lookup?.field == rhs.lookup?.field
                && lhs.lookup?.key == rhs.lookup?.key
        }
    }

    public let object: ObjectDescribe
    public let header: [String]
    public let operation: ImportOperation
    public let matches: [Match]

    public init(object: ObjectDescribe, header: [String], operation: ImportOperation = .insert) {
        self.object = object
        self.header = header
        self.operation = operation
        var byName: [String: FieldDescribe] = [:]
        var byLabel: [String: FieldDescribe] = [:]
        for field in object.fields where field.createable || field.updateable || field.name == "Id" {
            byName[FuzzyName.fold(field.name)] = field
            if byLabel[FuzzyName.fold(field.label)] == nil { byLabel[FuzzyName.fold(field.label)] = field }
        }
        var used = Set<String>()
        matches = header.map { column in
            if let dot = column.firstIndex(of: "."),
                let reference = object.field(relationship: String(column[..<dot])),
                let parent = reference.referenceTo.first, !used.contains(reference.name)
            {
                used.insert(reference.name)
                return Match(
                    column: column, field: nil,
                    lookup: (reference.name, parent, String(column[column.index(after: dot)...])))
            }
            let folded = FuzzyName.fold(column)
            if let field = byName[folded] ?? byLabel[folded] ?? byName[folded + "id"] ?? byName[folded + "c"],
                !used.contains(field.name)
            {
                used.insert(field.name)
                return Match(column: column, field: field.name, lookup: nil)
            }
            return Match(column: column, field: nil, lookup: nil)
        }
    }

    /// Fields required on insert that no column matched.
    public var missingRequired: [String] {
        let mapped = Set(matches.compactMap { $0.field ?? $0.lookup?.field })
        return object.fields.filter {
            $0.createable && !$0.nillable && !$0.defaultedOnCreate && $0.type != .boolean && !mapped.contains($0.name)
        }.map(\.name)
    }

    /// The YAML text.
    public func yaml(inputName: String) -> String {
        var lines: [String] = []
        lines.append("# Starter mapping for \(object.name), written by `sfimport mapping init` from \(inputName).")
        lines.append("# Check every line, then: sfimport validate --mapping <this file> --input \(inputName)")
        lines.append("object: \(object.name)")
        lines.append("operation: \(operation.rawValue)  # insert | update | upsert | delete | hardDelete")
        let keys =
            object.fields.filter(\.externalId).map(\.name)
            + object.fields.filter { !$0.externalId && $0.idLookup && $0.name != "Id" }.map(\.name) + ["Id"]
        let mappedKey = matches.compactMap(\.field).first { name in
            object.field(named: name).map { $0.externalId } ?? false
        }
        if let mappedKey {
            lines.append("externalIdField: \(mappedKey)  # used by upsert; one of \(keys.joined(separator: ", "))")
        } else {
            lines.append("# externalIdField: \(keys.first ?? "Id")  # for upsert: one of \(keys.joined(separator: ", "))")
        }
        lines.append("blankCells: skip  # skip: leave the field alone; null: clear it")
        lines.append("fields:")
        for match in matches {
            if let field = match.field { lines.append("  \(Self.key(match.column)): \(field)") }
        }
        let lookups = matches.filter { $0.lookup != nil }
        if !lookups.isEmpty {
            lines.append("lookups:")
            for match in lookups {
                guard let lookup = match.lookup else { continue }
                lines.append(
                    "  \(lookup.field): {column: \(Self.key(match.column)), parent: \(lookup.parent), key: \(lookup.key)}")
            }
        }
        let unmatched = matches.filter { $0.field == nil && $0.lookup == nil }
        if !unmatched.isEmpty {
            lines.append("# UNMATCHED: no field matches these columns; map them under 'fields:' or leave them out:")
            for match in unmatched {
                let hint = FuzzyName.closest(to: match.column, among: object.fields.map(\.name))
                lines.append("#  \(Self.key(match.column)): \(hint.map { "\($0)?" } ?? "???")")
            }
        }
        let missing = missingRequired
        if !missing.isEmpty {
            lines.append("# REQUIRED on insert but not mapped: \(missing.joined(separator: ", "))")
            lines.append("# constants:")
            for name in missing { lines.append("#   \(name): <value>") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A YAML key, quoted unless it is plain.
    static func key(_ text: String) -> String {
        let plain = !text.isEmpty && text.unicodeScalars.allSatisfy {
            ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == " " || $0 == "-")
        } && text.first != " " && text.last != " " && text.first != "-"
        if plain { return text }
        return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            + "\""
    }
}
