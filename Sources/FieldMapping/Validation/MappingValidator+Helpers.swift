import SalesforceConnection

/// Column checks and shared helpers of the validator.
extension MappingValidator {
    // MARK: - Columns

    func checkColumns(_ header: [String], _ state: inout State) {
        let present = Set(header)
        for rule in mapping.fields where !present.contains(rule.column) {
            missingColumn(rule.column, at: rule.location, header: header, &state)
        }
        for rule in mapping.lookups where !present.contains(rule.column) {
            missingColumn(rule.column, at: rule.location, header: header, &state)
        }
        let mapped = Set(mapping.mappedColumns)
        for column in header where !mapped.contains(column) {
            state.warning(
                .unmappedColumn, at: SourceLocation(file: mapping.path, line: 0), field: nil,
                "CSV column '\(column)' is not mapped and will not be loaded",
                fix: "map it under 'fields:' if it should be loaded")
        }
    }

    func missingColumn(_ column: String, at location: SourceLocation, header: [String], _ state: inout State) {
        let suggestion = FuzzyName.closest(to: column, among: header)
        state.error(
            .missingColumn, at: location, "column '\(column)' is not in the CSV header",
            fix: suggestion.map { "did you mean '\($0)'?" } ?? "the header has: \(header.joined(separator: ", "))")
    }

    // MARK: - Helpers

    func resolve(_ name: String, on object: ObjectDescribe, at location: SourceLocation, _ state: inout State)
        -> FieldDescribe?
    {
        if let field = object.field(named: name) { return field }
        state.error(
            .unknownField, at: location, field: name, "field '\(name)' does not exist on \(object.name)",
            fix: object.suggestion(forField: name) ?? "check the API name in Setup (custom fields end in __c)")
        return nil
    }

    func checkWritable(
        _ field: FieldDescribe, object: ObjectDescribe, at location: SourceLocation, _ state: inout State
    ) -> Bool {
        if field.calculated || field.autoNumber {
            state.error(
                .readOnlyField, at: location, field: field.name,
                "\(object.name).\(field.name) is \(field.autoNumber ? "an auto-number" : "a formula (calculated)") field and cannot be written",
                fix: "remove the mapping; Salesforce computes this field")
            return false
        }
        let name = "\(object.name).\(field.name)"
        switch mapping.operation {
        case .insert where !field.createable:
            state.error(
                .notCreateable, at: location, field: field.name, "\(name) is not createable",
                fix: "remove the mapping or check field-level security")
            return false
        case .update where !field.updateable:
            if field.name == "Id" { return true }
            state.error(
                .notUpdateable, at: location, field: field.name, "\(name) is not updateable",
                fix: "remove the mapping or check field-level security")
            return false
        case .upsert:
            if field.name == "Id" { return true }
            if !field.createable && !field.updateable {
                state.error(
                    .notCreateable, at: location, field: field.name, "\(name) is neither createable nor updateable",
                    fix: "remove the mapping or check field-level security")
                return false
            }
            if !field.createable {
                state.warning(
                    .notCreateable, at: location, field: field.name,
                    "\(name) is not createable: rows that create records will fail",
                    fix: "remove the mapping if the file holds new records")
            } else if !field.updateable {
                state.warning(
                    .notUpdateable, at: location, field: field.name,
                    "\(name) is not updateable: rows that match existing records will fail",
                    fix: "remove the mapping if the file holds existing records")
            }
        default:
            break
        }
        return true
    }

    func restrictedValues(_ field: FieldDescribe) -> [String]? {
        guard field.type == .picklist || field.type == .multipicklist, field.restrictedPicklist else { return nil }
        return field.picklistValues.filter(\.active).map(\.value)
    }

    func picklistFix(_ value: String, _ values: [String]) -> String {
        if let hit = FuzzyName.closest(to: value, among: values) { return "did you mean '\(hit)'?" }
        return "allowed values: \(values.prefix(12).joined(separator: ", "))\(values.count > 12 ? ", ..." : "")"
    }

    func externalIDFix(_ object: ObjectDescribe) -> String {
        let keys = object.fields.filter { $0.externalId || $0.idLookup }.map(\.name)
        return "use one of \(keys.joined(separator: ", "))"
    }
}
