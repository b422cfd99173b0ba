/// The record format of an export file.
public enum OutputFormat: String, Sendable, CaseIterable, Codable {
    /// Comma (or `delimiter`) separated values with a header row.
    case csv
    /// JSON Lines: one JSON object per line (`.jsonl` or `.ndjson`).
    case jsonl
}

/// Compression applied to an export file.
public enum OutputCompression: String, Sendable, CaseIterable, Codable {
    case none
    case gzip
}

/// The format and compression an output path implies, and the rules for combining it with explicit flags.
public struct OutputSelection: Sendable, Equatable {
    public var format: OutputFormat
    public var compression: OutputCompression

    public init(format: OutputFormat, compression: OutputCompression) {
        self.format = format
        self.compression = compression
    }

    /// Infers the format from a file name: `.csv`, `.jsonl`, `.ndjson`, each optionally followed by `.gz`.
    ///
    /// Explicit `format` and `compression` win over the name; a name that says nothing (or `-` for
    /// stdout) falls back to CSV without compression.
    /// - Throws: `ExportError` (usage) when the name and an explicit flag contradict each other, e.g.
    ///   `--format jsonl -o out.csv`.
    public static func resolve(
        path: String, format: OutputFormat?, compression: OutputCompression?
    ) throws -> OutputSelection {
        let inferred = infer(path: path)
        if let format, let named = inferred.format, named != format {
            throw ExportError.usage(
                "the output name '\(path)' says \(named.rawValue) but --format is \(format.rawValue); rename the file or drop --format")
        }
        if let compression, let named = inferred.compression, named != compression {
            throw ExportError.usage(
                "the output name '\(path)' says \(named.rawValue == "gzip" ? "gzip (.gz)" : "uncompressed") but --compress is \(compression.rawValue); rename the file or drop --compress")
        }
        return OutputSelection(
            format: format ?? inferred.format ?? .csv,
            compression: compression ?? inferred.compression ?? .none)
    }

    /// What the name alone says; `nil` where it says nothing.
    static func infer(path: String) -> (format: OutputFormat?, compression: OutputCompression?) {
        if path == "-" { return (nil, nil) }
        var name = Substring(path.split(separator: "/").last ?? "")
        var compression: OutputCompression?
        if name.lowercased().hasSuffix(".gz") {
            compression = .gzip
            name = name.dropLast(3)
        }
        let lower = name.lowercased()
        if lower.hasSuffix(".csv") { return (.csv, compression ?? OutputCompression.none) }
        if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") { return (.jsonl, compression ?? OutputCompression.none) }
        return (nil, compression)
    }

    /// The file name extension for this selection (`csv`, `jsonl.gz`, ...), used by multi-object exports.
    public var fileExtension: String {
        format.rawValue + (compression == .gzip ? ".gz" : "")
    }
}
