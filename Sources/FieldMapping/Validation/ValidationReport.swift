/// The outcome of validating a mapping: every diagnostic, and the compiled mapping built from the rules that
/// passed.
public struct ValidationReport: Sendable {
    public var diagnostics: [MappingDiagnostic]
    public var compiled: CompiledMapping

    public var errorCount: Int { diagnostics.count { $0.severity == .error } }
    public var warningCount: Int { diagnostics.count { $0.severity == .warning } }
    public var hasErrors: Bool { errorCount > 0 }
}
