import Foundation

/// The record beside a Bulk export's partial file that lets `--resume` continue it: the job, the
/// locator of the next page, and how many bytes and rows of the partial file are complete pages.
///
/// Written atomically (temporary file + rename) after every committed page; removed when the output is
/// published. A journal whose query or output options differ from the new command is refused.
public struct RunJournal: Codable, Sendable, Equatable {
    public var version = 1
    public var query: String
    /// Format, compression and CSV options, so a resume cannot mix encodings in one file.
    public var outputSignature: String
    public var jobID: String
    /// Locator of the next page to fetch; nil once every page is in the partial file.
    public var nextLocator: String?
    public var committedBytes: Int
    public var committedRows: Int
    public var pages: Int
    public var expectedRows: Int?
    public var startedAt: String

    /// `<output>.journal.json`.
    public static func path(for output: String) -> String { output + ".journal.json" }

    /// Reads the journal for `output`, or nil when there is none.
    /// - Throws: `ExportError` (resume) when it exists but cannot be read.
    public static func load(for output: String) throws -> RunJournal? {
        let path = Self.path(for: output)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            return try JSONDecoder().decode(RunJournal.self, from: data)
        } catch {
            throw ExportError(.resume, "the run journal '\(path)' cannot be read (\(error)); delete it and start again without --resume")
        }
    }

    /// Writes the journal atomically.
    func save(for output: String) throws {
        let path = Self.path(for: output)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do {
            try encoder.encode(self).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw ExportError.io("cannot write the run journal '\(path)': \(error)")
        }
    }

    static func remove(for output: String) {
        try? FileManager.default.removeItem(atPath: path(for: output))
    }
}
