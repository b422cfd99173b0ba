import Foundation

/// Settings given on the command line that complete or override a mapping file (an `.sdl` file names no object).
public struct MappingOverrides: Sendable {
    public var object: String?
    public var operation: ImportOperation?
    public var externalIDField: String?
    public var timeZone: String?

    public init(
        object: String? = nil, operation: ImportOperation? = nil, externalIDField: String? = nil,
        timeZone: String? = nil
    ) {
        self.object = object
        self.operation = operation
        self.externalIDField = externalIDField
        self.timeZone = timeZone
    }
}

/// Reads a mapping file, choosing YAML or Data Loader `.sdl` by extension.
public enum MappingLoader {
    /// Loads and parses the mapping at `path`.
    /// - Throws: `FieldMappingError` when the file cannot be read or is not valid YAML.
    public static func load(path: String, overrides: MappingOverrides = MappingOverrides()) throws -> ImportMapping {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FieldMappingError(.unreadableFile, "\(path): cannot read the mapping file; check the path")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw FieldMappingError(.unreadableFile, "\(path): the mapping file is not UTF-8 text")
        }
        return try parse(text, path: path, overrides: overrides)
    }

    /// Parses mapping text; `path` names the file in messages and selects the format (`.sdl` or YAML).
    public static func parse(_ text: String, path: String, overrides: MappingOverrides = MappingOverrides()) throws
        -> ImportMapping
    {
        var mapping: ImportMapping
        if path.lowercased().hasSuffix(".sdl") {
            mapping = SDLMappingParser(path: path).parse(text)
            if overrides.object == nil {
                mapping.problems.append(
                    MappingDiagnostic(
                        .error, .invalidValue, at: SourceLocation(file: path, line: 0),
                        "an .sdl mapping names no object", fix: "pass --object (and --operation)"))
            }
        } else {
            mapping = try YAMLMappingParser(path: path).parse(text)
        }
        let commandLine = SourceLocation(file: "command line", line: 0)
        if let object = overrides.object {
            mapping.object = object
            mapping.objectLocation = commandLine
            mapping.problems.removeAll { $0.message.contains("names no object") }
        }
        if let operation = overrides.operation {
            mapping.operation = operation
            mapping.operationLocation = commandLine
            mapping.problems.removeAll { $0.message.contains("names no operation") }
        }
        if let key = overrides.externalIDField {
            mapping.externalIDField = key
            mapping.externalIDFieldLocation = commandLine
        }
        if let zone = overrides.timeZone {
            mapping.timeZone = zone
            mapping.timeZoneLocation = commandLine
        }
        return mapping
    }
}
