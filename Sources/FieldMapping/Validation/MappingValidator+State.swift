extension MappingValidator {
    /// Accumulates findings and compiled pieces while the rules are walked.
    struct State {
        let mapping: ImportMapping
        var diagnostics: [MappingDiagnostic] = []
        var columns: [CompiledColumn] = []
        var constants: [CompiledConstant] = []
        var claimed: [String: SourceLocation] = [:]
        var externalIDField: String?
        var keyColumnIndex: Int?
        var keyIsCaseSensitive = false

        init(mapping: ImportMapping) { self.mapping = mapping }

        mutating func error(
            _ kind: MappingDiagnostic.Kind, at location: SourceLocation, field: String? = nil, _ message: String,
            fix: String? = nil
        ) {
            diagnostics.append(MappingDiagnostic(.error, kind, at: location, field: field, message, fix: fix))
        }

        mutating func warning(
            _ kind: MappingDiagnostic.Kind, at location: SourceLocation, field: String? = nil, _ message: String,
            fix: String? = nil
        ) {
            diagnostics.append(MappingDiagnostic(.warning, kind, at: location, field: field, message, fix: fix))
        }

        /// Records that `field` is written; a second writer is an error.
        mutating func claim(_ field: String, at location: SourceLocation) -> Bool {
            if let first = claimed[field] {
                error(
                    .duplicateField, at: location, field: field,
                    "\(field) is already written by line \(first.line)", fix: "keep one mapping for \(field)")
                return false
            }
            claimed[field] = location
            return true
        }

        func report(object: String, externalIDField: String?) -> ValidationReport {
            let sorted = diagnostics.enumerated().sorted { lhs, rhs in
                let l = lhs.element.location
                let r = rhs.element.location
                if l.file != r.file { return l.file < r.file }
                if l.line != r.line { return l.line < r.line }
                return lhs.offset < rhs.offset
            }.map(\.element)
            return ValidationReport(
                diagnostics: sorted,
                compiled: CompiledMapping(
                    object: object, operation: mapping.operation, externalIDField: externalIDField, columns: columns,
                    constants: constants, keyColumnIndex: keyColumnIndex, keyIsCaseSensitive: keyIsCaseSensitive))
        }
    }
}
