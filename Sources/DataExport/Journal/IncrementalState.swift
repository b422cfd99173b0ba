import Foundation

/// The state file of `--incremental`: the newest `SystemModstamp` exported so far and the ids carrying
/// it. It moves forward only after an export's output was published.
public struct IncrementalState: Codable, Sendable, Equatable {
    public var version = 1
    public var object: String
    /// `yyyy-MM-ddTHH:mm:ss.SSS` (UTC).
    public var watermark: String
    public var idsAtWatermark: [String]
    public var updatedAt: String

    public init(object: String, watermark: String, idsAtWatermark: [String], updatedAt: String) {
        self.object = object
        self.watermark = watermark
        self.idsAtWatermark = idsAtWatermark
        self.updatedAt = updatedAt
    }

    /// Reads the state file, or nil when it does not exist yet (the first run exports everything).
    /// - Throws: `ExportError` (usage) when it exists but is not a state file.
    public static func load(_ path: String) throws -> IncrementalState? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            return try JSONDecoder().decode(IncrementalState.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw ExportError.usage("'\(path)' is not an sfexport incremental state file (\(error)); give another --incremental path")
        }
    }

    /// Writes the state file atomically.
    public func save(_ path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do {
            try encoder.encode(self).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw ExportError.io("cannot write the incremental state file '\(path)': \(error)")
        }
    }

    /// The filter for the next run.
    public var filter: IncrementalFilter {
        IncrementalFilter(watermark: watermark, idsAtWatermark: Set(idsAtWatermark))
    }

    /// Normalises a `--since` value (`2024-01-31`, `2024-01-31T12:00:00Z`, `...+02:00`, with or without
    /// fractional seconds) to the watermark form `yyyy-MM-ddTHH:mm:ss.SSS` in UTC.
    /// - Throws: `ExportError` (usage) for anything else.
    public static func watermark(since text: String) throws -> String {
        let parsers: [ISO8601DateFormatter] = [
            { let f = ISO8601DateFormatter(); f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]; return f }(),
            { let f = ISO8601DateFormatter(); f.formatOptions = [.withInternetDateTime]; return f }(),
            { let f = ISO8601DateFormatter(); f.formatOptions = [.withFullDate]; return f }(),
        ]
        var candidate = text
        // Salesforce writes +0000; ISO8601DateFormatter wants +00:00.
        if let match = candidate.range(of: #"[+-]\d{4}$"#, options: .regularExpression) {
            let offset = candidate[match]
            candidate.replaceSubrange(match, with: offset.prefix(3) + ":" + offset.suffix(2))
        }
        for parser in parsers {
            if let date = parser.date(from: candidate) { return format(date) }
        }
        throw ExportError.usage("--since '\(text)' is not a date or ISO 8601 datetime; write e.g. 2024-01-31T00:00:00Z")
    }

    static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return String(formatter.string(from: date).prefix(23))
    }

    /// The SOQL condition for a watermark: whole seconds, inclusive (the exact cut is made client-side).
    public static func condition(watermark: String) -> String {
        "SystemModstamp >= " + String(watermark.prefix(19)) + "Z"
    }
}
