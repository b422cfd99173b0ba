import SalesforceConnection
import Foundation

/// Checks a mapping against describe results and compiles it, reporting every problem rather than the first.
///
/// The classes checked: unknown object or field (with did-you-mean), fields not createable/updateable for the
/// operation, calculated and auto-number targets, required fields missing on insert/upsert, an upsert key that is
/// not an external ID or idLookup field, lookups that are not references to the named parent or whose parent key
/// is not an external ID, constants and value-map outputs outside a restricted picklist, and (given a CSV header)
/// mapped columns absent from the file and file columns left unmapped.
public struct MappingValidator {
    public let mapping: ImportMapping
    public let catalog: DescribeCatalog

    public init(mapping: ImportMapping, catalog: DescribeCatalog) {
        self.mapping = mapping
        self.catalog = catalog
    }

    /// The parent objects the mapping's lookups need described, given the loaded object's describe (lookups
    /// written by relationship name take their parent from the reference field).
    public static func parentObjects(of mapping: ImportMapping, object: ObjectDescribe?) -> [String] {
        var names: [String] = []
        for lookup in mapping.lookups {
            if !lookup.parentObject.isEmpty {
                names.append(lookup.parentObject)
            } else if let object,
                let field = object.field(relationship: lookup.field) ?? object.field(named: lookup.field),
                let parent = field.referenceTo.first
            {
                names.append(parent)
            }
        }
        return Array(Set(names)).sorted()
    }

    /// Validates and compiles.
    /// - Parameter csvHeader: the input file's header, to check mapped and unmapped columns; nil skips those checks.
    public func validate(csvHeader: [String]? = nil) -> ValidationReport {
        var state = State(mapping: mapping)
        state.diagnostics = mapping.problems
        let zone = checkTimeZone(&state)
        guard let object = catalog.object(mapping.object) else {
            if !mapping.object.isEmpty {
                let suggestion = FuzzyName.closest(to: mapping.object, among: catalog.candidateNames)
                state.error(
                    .unknownObject, at: mapping.objectLocation,
                    "object '\(mapping.object)' does not exist or is not accessible",
                    fix: suggestion.map { "did you mean '\($0)'?" } ?? "check the API name (custom objects end in __c)")
            }
            if let csvHeader { checkColumns(csvHeader, &state) }
            return state.report(object: mapping.object, externalIDField: mapping.externalIDField)
        }
        checkObjectPermissions(object, &state)
        if mapping.operation.isDestructive {
            compileDestructive(object, &state)
        } else {
            for rule in mapping.fields { compileField(rule, object: object, zone: zone, &state) }
            for rule in mapping.lookups { compileLookup(rule, object: object, &state) }
            for rule in mapping.constants { compileConstant(rule, object: object, zone: zone, &state) }
            checkKey(object, &state)
            checkRequired(object, &state)
        }
        if let csvHeader { checkColumns(csvHeader, &state) }
        return state.report(object: object.name, externalIDField: state.externalIDField)
    }

    // MARK: - Object level

    func checkTimeZone(_ state: inout State) -> TimeZone? {
        guard let name = mapping.timeZone else { return TimeZone(identifier: "UTC") }
        if let zone = TimeZone(identifier: name) { return zone }
        let suggestion = FuzzyName.closest(to: name, among: TimeZone.knownTimeZoneIdentifiers)
        state.error(
            .invalidValue, at: mapping.timeZoneLocation, "time zone '\(name)' is not an IANA time zone name",
            fix: suggestion.map { "did you mean '\($0)'?" } ?? "write a name such as 'Europe/Paris' or 'UTC'")
        return TimeZone(identifier: "UTC")
    }

    func checkObjectPermissions(_ object: ObjectDescribe, _ state: inout State) {
        let allowed: Bool
        switch mapping.operation {
        case .insert: allowed = object.createable
        case .update: allowed = object.updateable
        case .upsert: allowed = object.createable && object.updateable
        case .delete, .hardDelete: allowed = object.deletable
        }
        if !allowed {
            state.error(
                .operationNotAllowed, at: mapping.operationLocation,
                "\(object.name) does not allow \(mapping.operation.rawValue) for this user",
                fix: "choose another operation or ask an admin for the object permission")
        }
    }

    // MARK: - Rules

    func compileField(_ rule: FieldRule, object: ObjectDescribe, zone: TimeZone?, _ state: inout State) {
        guard let field = resolve(rule.field, on: object, at: rule.location, &state) else { return }
        guard checkWritable(field, object: object, at: rule.location, &state) else { return }
        guard state.claim(field.name, at: rule.location) else { return }
        if let picklistValues = restrictedValues(field) {
            for entry in rule.valueMap where !entry.to.isEmpty {
                let items = field.type == .multipicklist ? entry.to.split(separator: ";").map(String.init) : [entry.to]
                for item in items where !picklistValues.contains(where: { $0.lowercased() == item.lowercased() }) {
                    state.error(
                        .picklistValueNotAllowed, at: entry.location, field: field.name,
                        "value map output '\(item)' is not a value of the restricted picklist \(object.name).\(field.name)",
                        fix: picklistFix(item, picklistValues))
                }
            }
        }
        let required = mapping.operation.creates && isRequired(field)
        let compiled = CellConverter.compile(
            field: field, transforms: rule.transforms, format: rule.format,
            valueMap: Dictionary(rule.valueMap.map { ($0.from, $0.to) }, uniquingKeysWith: { first, _ in first }),
            defaultValue: rule.defaultValue, blank: rule.blankPolicy ?? mapping.blankPolicy, timeZone: zone,
            required: required || isKey(field))
        switch compiled {
        case .success(let converter):
            state.columns.append(CompiledColumn(column: rule.column, target: .field(field.name), converter: converter))
        case .failure(let failure):
            state.error(
                failure.code == "INVALID_FORMAT" ? .invalidValue : .invalidConstant, at: rule.location,
                field: field.name, "\(field.name): \(failure.message)",
                fix: failure.code == "INVALID_FORMAT"
                    ? "use pattern letters yyyy MM dd HH mm ss SSS a XXX" : "make the default a valid \(field.type.rawValue)")
        }
    }

    func compileLookup(_ rule: LookupRule, object: ObjectDescribe, _ state: inout State) {
        let field: FieldDescribe
        if let byRelationship = object.field(relationship: rule.field), rule.namedByRelationship
            || object.field(named: rule.field) == nil
        {
            field = byRelationship
        } else if let byName = object.field(named: rule.field) {
            field = byName
        } else {
            let relationships = object.fields.compactMap(\.relationshipName)
            let suggestion =
                object.suggestion(forField: rule.field)
                ?? FuzzyName.closest(to: rule.field, among: relationships).map { "did you mean '\($0)'?" }
            state.error(
                .unknownField, at: rule.location, field: rule.field,
                "lookup field '\(rule.field)' does not exist on \(object.name)",
                fix: suggestion ?? "name the reference field (e.g. AccountId) or its relationship (Account)")
            return
        }
        guard field.type == .reference, let relationship = field.relationshipName else {
            state.error(
                .lookupNotReference, at: rule.location, field: field.name,
                "\(object.name).\(field.name) is a \(field.type.rawValue) field, not a reference, so it cannot be a lookup",
                fix: "map it under 'fields:' or choose a reference field")
            return
        }
        let parentName = rule.parentObject.isEmpty ? (field.referenceTo.first ?? "") : rule.parentObject
        guard let target = field.referenceTo.first(where: { $0.lowercased() == parentName.lowercased() }) else {
            state.error(
                .lookupNotReference, at: rule.location, field: field.name,
                "\(object.name).\(field.name) refers to \(field.referenceTo.joined(separator: " or ")), not \(parentName)",
                fix: "set 'parent: \(field.referenceTo.first ?? "")' or choose the reference field to \(parentName)")
            return
        }
        guard checkWritable(field, object: object, at: rule.location, &state) else { return }
        guard state.claim(field.name, at: rule.location) else { return }
        guard let parent = catalog.object(target) else {
            state.error(
                .unknownParentObject, at: rule.location, field: field.name,
                "the parent object \(target) could not be described", fix: "check access to \(target)")
            return
        }
        guard let key = parent.field(named: rule.parentKey) else {
            state.error(
                .unknownField, at: rule.location, field: field.name,
                "parent key '\(rule.parentKey)' does not exist on \(parent.name)",
                fix: parent.suggestion(forField: rule.parentKey) ?? externalIDFix(parent))
            return
        }
        guard key.externalId || key.idLookup else {
            state.error(
                .lookupParentKeyNotExternalID, at: rule.location, field: field.name,
                "\(parent.name).\(key.name) is neither an External ID nor an idLookup field, so Salesforce cannot find parents by it",
                fix: externalIDFix(parent))
            return
        }
        let required = mapping.operation.creates && isRequired(field)
        let converterField = key.type == .id ? field : key
        let compiled = CellConverter.compile(
            field: converterField, transforms: rule.transforms, defaultValue: rule.defaultValue,
            blank: rule.blankPolicy ?? mapping.blankPolicy, required: required)
        switch compiled {
        case .success(let converter):
            let wire: WireTarget =
                key.type == .id
                ? .field(field.name)
                : .lookup(
                    field: field.name, relationship: relationship, parentObject: parent.name, parentKey: key.name,
                    polymorphic: field.referenceTo.count > 1)
            state.columns.append(CompiledColumn(column: rule.column, target: wire, converter: converter))
        case .failure(let failure):
            state.error(
                .invalidConstant, at: rule.location, field: field.name, "\(field.name): \(failure.message)",
                fix: "make the default a valid \(parent.name).\(key.name) value")
        }
    }

    func compileConstant(_ rule: ConstantRule, object: ObjectDescribe, zone: TimeZone?, _ state: inout State) {
        guard let field = resolve(rule.field, on: object, at: rule.location, &state) else { return }
        guard checkWritable(field, object: object, at: rule.location, &state) else { return }
        guard state.claim(field.name, at: rule.location) else { return }
        let compiled = CellConverter.compile(field: field, timeZone: zone)
        guard case .success(let converter) = compiled else { return }
        switch converter.convert(rule.value) {
        case .success(let value):
            state.constants.append(CompiledConstant(target: .field(field.name), value: value))
        case .failure(let failure):
            if failure.code == "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST" {
                state.error(
                    .picklistValueNotAllowed, at: rule.location, field: field.name,
                    "constant '\(rule.value)' is not a value of the restricted picklist \(object.name).\(field.name)",
                    fix: picklistFix(rule.value, restrictedValues(field) ?? []))
            } else {
                state.error(
                    .invalidConstant, at: rule.location, field: field.name,
                    "constant for \(field.name) cannot be sent: \(failure.message)",
                    fix: "write a valid \(field.type.rawValue) value")
            }
        }
    }

    func compileDestructive(_ object: ObjectDescribe, _ state: inout State) {
        var found = false
        for rule in mapping.fields {
            guard rule.field.lowercased() == "id" else {
                state.warning(
                    .invalidValue, at: rule.location, field: rule.field,
                    "'\(rule.field)' is ignored: \(mapping.operation.rawValue) only reads the Id column",
                    fix: "remove the line or leave it")
                continue
            }
            guard let idField = object.field(named: "Id"), !found else { continue }
            found = true
            if case .success(let converter) = CellConverter.compile(field: idField, required: true) {
                state.keyColumnIndex = state.columns.count
                state.columns.append(CompiledColumn(column: rule.column, target: .field("Id"), converter: converter))
            }
        }
        for rule in mapping.lookups {
            state.warning(
                .invalidValue, at: rule.location, field: rule.field,
                "lookup '\(rule.field)' is ignored: \(mapping.operation.rawValue) only reads the Id column")
        }
        for rule in mapping.constants {
            state.warning(
                .invalidValue, at: rule.location, field: rule.field,
                "constant '\(rule.field)' is ignored: \(mapping.operation.rawValue) only reads the Id column")
        }
        if !found {
            state.error(
                .missingIDColumn, at: mapping.operationLocation,
                "\(mapping.operation.rawValue) needs the record Id, but no column is mapped to Id",
                fix: "add 'id_column: Id' under 'fields:'")
        }
    }

    // MARK: - Keys and required fields

    func checkKey(_ object: ObjectDescribe, _ state: inout State) {
        switch mapping.operation {
        case .upsert:
            guard let name = mapping.externalIDField, !name.isEmpty else {
                state.error(
                    .invalidExternalIDField, at: mapping.operationLocation,
                    "upsert needs an external ID field to match records", fix: externalIDFix(object))
                return
            }
            guard let key = object.field(named: name) else {
                state.error(
                    .invalidExternalIDField, at: mapping.externalIDFieldLocation, field: name,
                    "upsert key '\(name)' does not exist on \(object.name)",
                    fix: object.suggestion(forField: name) ?? externalIDFix(object))
                return
            }
            state.externalIDField = key.name
            guard key.externalId || key.idLookup else {
                state.error(
                    .invalidExternalIDField, at: mapping.externalIDFieldLocation, field: key.name,
                    "upsert key \(object.name).\(key.name) is neither an External ID nor an idLookup field",
                    fix: externalIDFix(object))
                return
            }
            state.keyIsCaseSensitive = key.caseSensitive
            if let index = state.columns.firstIndex(where: { $0.target == .field(key.name) }) {
                state.keyColumnIndex = index
            } else {
                state.error(
                    .invalidExternalIDField, at: mapping.externalIDFieldLocation, field: key.name,
                    "the upsert key \(key.name) is not read from any column",
                    fix: "map the CSV column holding the key to \(key.name) under 'fields:'")
            }
        case .update:
            if let index = state.columns.firstIndex(where: { $0.target == .field("Id") }) {
                state.keyColumnIndex = index
                state.keyIsCaseSensitive = true
            } else {
                state.error(
                    .missingIDColumn, at: mapping.operationLocation,
                    "update needs the record Id, but no column is mapped to Id",
                    fix: "map the Id column, or use 'operation: upsert' with an external ID field")
            }
        default:
            break
        }
    }

    func checkRequired(_ object: ObjectDescribe, _ state: inout State) {
        guard mapping.operation.creates else { return }
        for field in object.fields where isRequired(field) && !state.claimed.keys.contains(field.name) {
            if mapping.operation == .upsert, field.name == state.externalIDField { continue }
            state.error(
                .requiredFieldMissing, at: mapping.objectLocation, field: field.name,
                "\(object.name).\(field.name) is required on \(mapping.operation.rawValue) but nothing is mapped to it",
                fix: "map a column to \(field.name) or add it under 'constants:'")
        }
    }

    func isRequired(_ field: FieldDescribe) -> Bool {
        field.createable && !field.nillable && !field.defaultedOnCreate && field.type != .boolean
    }

    func isKey(_ field: FieldDescribe) -> Bool {
        switch mapping.operation {
        case .upsert: return field.name.lowercased() == (mapping.externalIDField ?? "").lowercased()
        case .update: return field.name == "Id"
        default: return false
        }
    }
}
