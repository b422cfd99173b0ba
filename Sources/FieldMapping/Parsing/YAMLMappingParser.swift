import Yams

/// Reads the YAML mapping format (see mappings/README.md), keeping the line of every key for messages.
///
/// Problems that do not prevent reading the rest (unknown keys, values of the wrong shape) become diagnostics in
/// `ImportMapping.problems`; only unparseable YAML throws.
struct YAMLMappingParser {
    let path: String

    static let topLevelKeys = [
        "object", "operation", "externalIdField", "timeZone", "blankCells", "fields", "lookups", "constants",
    ]
    static let fieldKeys = ["field", "transform", "format", "values", "default", "blank"]
    static let lookupKeys = ["column", "parent", "key", "transform", "default", "blank"]

    func parse(_ text: String) throws -> ImportMapping {
        var mapping = ImportMapping(path: path, format: .yaml)
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw FieldMappingError(.syntax, "\(path): not valid YAML: \(Self.describe(error))")
        }
        guard let root, let top = root.mapping else {
            throw FieldMappingError(
                .syntax, "\(path): a mapping file is a YAML mapping with at least 'object' and 'fields'")
        }
        var sawObject = false
        var sawOperation = false
        for (keyNode, value) in top {
            let key = keyNode.scalar?.string ?? ""
            let at = location(keyNode)
            switch canonical(key, among: Self.topLevelKeys) {
            case "object":
                if let name = scalar(value, key: key, at: at, into: &mapping) {
                    mapping.object = name
                    mapping.objectLocation = location(value)
                    sawObject = true
                }
            case "operation":
                guard let name = scalar(value, key: key, at: at, into: &mapping) else { continue }
                mapping.operationLocation = location(value)
                sawOperation = true
                if let operation = ImportOperation(name: name) {
                    mapping.operation = operation
                } else {
                    mapping.problems.append(
                        MappingDiagnostic(
                            .error, .invalidValue, at: location(value),
                            "operation '\(name)' is not one of insert, update, upsert, delete, hardDelete",
                            fix: suggestionClause(name, among: ImportOperation.allCases.map(\.rawValue))
                                ?? "write one of them"))
                }
            case "externalIdField":
                if let name = scalar(value, key: key, at: at, into: &mapping) {
                    mapping.externalIDField = name
                    mapping.externalIDFieldLocation = location(value)
                }
            case "timeZone":
                if let zone = scalar(value, key: key, at: at, into: &mapping) {
                    mapping.timeZone = zone
                    mapping.timeZoneLocation = location(value)
                }
            case "blankCells":
                if let policy = blankPolicy(value, at: at, into: &mapping) { mapping.blankPolicy = policy }
            case "fields":
                parseFields(value, at: at, into: &mapping)
            case "lookups":
                parseLookups(value, at: at, into: &mapping)
            case "constants":
                parseConstants(value, at: at, into: &mapping)
            default:
                unknownKey(key, at: at, among: Self.topLevelKeys, into: &mapping)
            }
        }
        let top0 = SourceLocation(file: path, line: 1)
        if !sawObject {
            mapping.problems.append(
                MappingDiagnostic(
                    .error, .invalidValue, at: top0, "the mapping names no object",
                    fix: "add a line 'object: Contact' (the API name of the object to load)"))
        }
        if !sawOperation {
            mapping.problems.append(
                MappingDiagnostic(
                    .error, .invalidValue, at: top0, "the mapping names no operation",
                    fix: "add a line 'operation: insert' (or update, upsert, delete, hardDelete)"))
        }
        return mapping
    }

    // MARK: - Sections

    private func parseFields(_ node: Node, at: SourceLocation, into mapping: inout ImportMapping) {
        guard let pairs = node.mapping else {
            if node.scalar?.string.isEmpty == false || node.sequence != nil {
                mapping.problems.append(
                    MappingDiagnostic(
                        .error, .invalidValue, at: at, "'fields' must map CSV columns to fields",
                        fix: "write one 'column: Field' line per column under 'fields:'"))
            }
            return
        }
        for (keyNode, value) in pairs {
            let column = keyNode.scalar?.string ?? ""
            let ruleAt = location(keyNode)
            if let field = value.scalar?.string {
                if field.isEmpty {
                    mapping.problems.append(
                        MappingDiagnostic(
                            .warning, .invalidValue, at: ruleAt,
                            "column '\(column)' is mapped to nothing and will be ignored",
                            fix: "name a field or remove the line"))
                    continue
                }
                mapping.fields.append(FieldRule(column: column, field: field, location: ruleAt))
                continue
            }
            guard let options = value.mapping else {
                mapping.problems.append(
                    MappingDiagnostic(
                        .error, .invalidValue, at: ruleAt,
                        "column '\(column)' must map to a field name or to options with 'field:'",
                        fix: "write '\(column): FieldName'"))
                continue
            }
            var rule = FieldRule(column: column, field: "", location: ruleAt)
            for (optionKey, optionValue) in options {
                let name = optionKey.scalar?.string ?? ""
                let optionAt = location(optionKey)
                switch canonical(name, among: Self.fieldKeys) {
                case "field":
                    rule.field = scalar(optionValue, key: name, at: optionAt, into: &mapping) ?? ""
                case "transform":
                    rule.transforms = transforms(optionValue, at: optionAt, into: &mapping)
                case "format":
                    rule.format = scalar(optionValue, key: name, at: optionAt, into: &mapping)
                case "values":
                    rule.valueMap = valueMap(optionValue, at: optionAt, into: &mapping)
                case "default":
                    rule.defaultValue = scalar(optionValue, key: name, at: optionAt, into: &mapping)
                case "blank":
                    rule.blankPolicy = blankPolicy(optionValue, at: optionAt, into: &mapping)
                default:
                    unknownKey(name, at: optionAt, among: Self.fieldKeys, into: &mapping)
                }
            }
            if rule.field.isEmpty {
                mapping.problems.append(
                    MappingDiagnostic(
                        .error, .invalidValue, at: ruleAt, "column '\(column)' has options but no 'field:'",
                        fix: "add 'field: FieldName' under '\(column):'"))
                continue
            }
            mapping.fields.append(rule)
        }
    }

    private func parseLookups(_ node: Node, at: SourceLocation, into mapping: inout ImportMapping) {
        guard let pairs = node.mapping else {
            if node.scalar?.string.isEmpty == false || node.sequence != nil {
                mapping.problems.append(
                    MappingDiagnostic(
                        .error, .invalidValue, at: at, "'lookups' must map reference fields to their parent keys",
                        fix: "write 'AccountId: {column: account_key, parent: Account, key: Legacy_Id__c}'"))
            }
            return
        }
        for (keyNode, value) in pairs {
            let field = keyNode.scalar?.string ?? ""
            let ruleAt = location(keyNode)
            guard let options = value.mapping else {
                mapping.problems.append(
                    MappingDiagnostic(
                        .error, .invalidValue, at: ruleAt, field: field,
                        "lookup '\(field)' needs 'column', 'parent' and 'key'",
                        fix: "write '\(field): {column: parent_key, parent: Account, key: Legacy_Id__c}'"))
                continue
            }
            var column: String?
            var parent: String?
            var key: String?
            var transforms: [ValueTransform] = []
            var defaultValue: String?
            var blank: BlankPolicy?
            for (optionKey, optionValue) in options {
                let name = optionKey.scalar?.string ?? ""
                let optionAt = location(optionKey)
                switch canonical(name, among: Self.lookupKeys) {
                case "column": column = scalar(optionValue, key: name, at: optionAt, into: &mapping)
                case "parent": parent = scalar(optionValue, key: name, at: optionAt, into: &mapping)
                case "key": key = scalar(optionValue, key: name, at: optionAt, into: &mapping)
                case "transform": transforms = self.transforms(optionValue, at: optionAt, into: &mapping)
                case "default": defaultValue = scalar(optionValue, key: name, at: optionAt, into: &mapping)
                case "blank": blank = blankPolicy(optionValue, at: optionAt, into: &mapping)
                default: unknownKey(name, at: optionAt, among: Self.lookupKeys, into: &mapping)
                }
            }
            let missing = [("column", column), ("parent", parent), ("key", key)].filter { $0.1?.isEmpty ?? true }
            if !missing.isEmpty {
                mapping.problems.append(
                    MappingDiagnostic(
                        .error, .invalidValue, at: ruleAt, field: field,
                        "lookup '\(field)' lacks \(missing.map { "'\($0.0)'" }.joined(separator: ", "))",
                        fix: "a lookup needs column (CSV header), parent (object) and key (the parent's external ID)"))
                continue
            }
            var rule = LookupRule(
                field: field, column: column ?? "", parentObject: parent ?? "", parentKey: key ?? "", location: ruleAt)
            rule.transforms = transforms
            rule.defaultValue = defaultValue
            rule.blankPolicy = blank
            mapping.lookups.append(rule)
        }
    }

    private func parseConstants(_ node: Node, at: SourceLocation, into mapping: inout ImportMapping) {
        guard let pairs = node.mapping else {
            if node.scalar?.string.isEmpty == false || node.sequence != nil {
                mapping.problems.append(
                    MappingDiagnostic(
                        .error, .invalidValue, at: at, "'constants' must map fields to values",
                        fix: "write 'LeadSource: Web' lines under 'constants:'"))
            }
            return
        }
        for (keyNode, value) in pairs {
            let field = keyNode.scalar?.string ?? ""
            let ruleAt = location(keyNode)
            guard let text = scalar(value, key: field, at: ruleAt, into: &mapping) else { continue }
            mapping.constants.append(ConstantRule(field: field, value: text, location: ruleAt))
        }
    }

    // MARK: - Values

    private func scalar(_ node: Node, key: String, at: SourceLocation, into mapping: inout ImportMapping) -> String? {
        if let text = node.scalar?.string { return text }
        mapping.problems.append(
            MappingDiagnostic(
                .error, .invalidValue, at: at, "'\(key)' must be a single value, not a list or mapping",
                fix: "write '\(key): value' on one line"))
        return nil
    }

    private func blankPolicy(_ node: Node, at: SourceLocation, into mapping: inout ImportMapping) -> BlankPolicy? {
        let text = node.scalar?.string.lowercased() ?? ""
        switch text {
        case "skip", "ignore", "leave": return .skip
        case "null", "~", "clear": return .null
        default:
            mapping.problems.append(
                MappingDiagnostic(
                    .error, .invalidValue, at: at, "blank policy '\(text)' is neither 'skip' nor 'null'",
                    fix: "write 'skip' (leave the field alone) or 'null' (clear it)"))
            return nil
        }
    }

    private func transforms(_ node: Node, at: SourceLocation, into mapping: inout ImportMapping) -> [ValueTransform] {
        let names: [Node] = node.sequence.map { Array($0) } ?? [node]
        var result: [ValueTransform] = []
        for item in names {
            let name = item.scalar?.string ?? ""
            if let transform = ValueTransform(rawValue: name.lowercased()) {
                result.append(transform)
            } else {
                mapping.problems.append(
                    MappingDiagnostic(
                        .error, .invalidValue, at: location(item, fallback: at), "unknown transform '\(name)'",
                        fix: suggestionClause(name, among: ValueTransform.allCases.map(\.rawValue))
                            ?? "use trim, upper or lower (dates take 'format:')"))
            }
        }
        return result
    }

    private func valueMap(_ node: Node, at: SourceLocation, into mapping: inout ImportMapping) -> [ValueMapEntry] {
        guard let pairs = node.mapping else {
            mapping.problems.append(
                MappingDiagnostic(
                    .error, .invalidValue, at: at, "'values' must map cell values to field values",
                    fix: "write 'values: {W: Web, P: Phone Inquiry}'"))
            return []
        }
        return pairs.compactMap { key, value in
            guard let from = key.scalar?.string, let to = value.scalar?.string else { return nil }
            return ValueMapEntry(from: from, to: to, location: location(key, fallback: at))
        }
    }

    // MARK: - Helpers

    private func location(_ node: Node, fallback: SourceLocation? = nil) -> SourceLocation {
        guard let mark = node.mark else { return fallback ?? SourceLocation(file: path, line: 0) }
        return SourceLocation(file: path, line: mark.line, column: mark.column)
    }

    /// Matches a key ignoring case and a few spellings (`externalIDField`, `external_id_field`).
    private func canonical(_ key: String, among known: [String]) -> String? {
        let folded = FuzzyName.fold(key)
        if let hit = known.first(where: { FuzzyName.fold($0) == folded }) { return hit }
        switch folded {
        case "externalid", "externalidfieldname", "upsertkey": return "externalIdField"
        case "timezone", "tz": return "timeZone"
        case "blank", "blankvalues", "blanks": return known.contains("blankCells") ? "blankCells" : "blank"
        case "transforms": return "transform"
        case "valuemap", "map": return "values"
        case "object", "sobject", "sobjecttype": return "object"
        case "parentobject": return "parent"
        case "parentkey", "externalidfield2": return "key"
        default: return nil
        }
    }

    private func unknownKey(_ key: String, at: SourceLocation, among known: [String], into mapping: inout ImportMapping)
    {
        mapping.problems.append(
            MappingDiagnostic(
                .warning, .unknownKey, at: at, "unknown key '\(key)' is ignored",
                fix: suggestionClause(key, among: known) ?? "known keys: \(known.joined(separator: ", "))"))
    }

    private func suggestionClause(_ word: String, among candidates: [String]) -> String? {
        FuzzyName.closest(to: word, among: candidates).map { "did you mean '\($0)'?" }
    }

    private static func describe(_ error: YamlError) -> String {
        "\(error)".replacingOccurrences(of: "\n", with: " ")
    }
}
