import Foundation

/// The outcome of a load: the row accounting (input rows = succeeded + failed), and where the rows went.
public struct ImportSummary: Sendable, Codable, Equatable {
    public var object: String
    public var operation: String
    public var api: String
    public var inputRows: Int
    public var succeeded: Int
    public var created: Int
    public var updated: Int
    /// Rows in the error file (server rejections and local rejections together).
    public var failed: Int
    /// Rows rejected by local conversion, never sent.
    public var rejectedLocally: Int
    /// Re-sends of rows that failed with `UNABLE_TO_LOCK_ROW`.
    public var lockRetries: Int
    /// Rows skipped because an interrupted run had already finished them.
    public var resumedRows: Int
    public var dryRun: Bool
    public var seconds: Double
    public var successFile: String
    public var errorFile: String

    /// True when every input row is in exactly one result file.
    public var isBalanced: Bool { inputRows == succeeded + failed }

    /// Human summary lines.
    public var lines: [String] {
        var result: [String] = []
        if dryRun {
            result.append(
                "dry run: \(inputRows) rows read, \(succeeded) would be sent, \(failed) rejected locally (nothing was sent)")
        } else {
            result.append(
                "\(operation) \(object) via \(api): \(inputRows) rows = \(succeeded) succeeded (\(created) created, \(updated) updated) + \(failed) failed")
        }
        if rejectedLocally > 0 && !dryRun { result.append("\(rejectedLocally) rows were rejected locally and not sent") }
        if lockRetries > 0 { result.append("\(lockRetries) row re-sends after UNABLE_TO_LOCK_ROW") }
        if resumedRows > 0 { result.append("\(resumedRows) rows were already done by the interrupted run") }
        if !dryRun { result.append("successes: \(successFile)") }
        result.append("errors:    \(errorFile)")
        result.append(String(format: "%.2f s", seconds))
        return result
    }

    /// The summary as one JSON object.
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
