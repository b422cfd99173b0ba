import Foundation

/// One Bulk API 2.0 query job: its fixed settings and its changing state.
///
/// States advance `UploadComplete → InProgress → JobComplete | Failed` on a background queue, or become
/// `Aborted` on request. The result rows stay in memory (as slots into the store) until the job is deleted.
final class BulkQueryJob: Sendable {
    /// Settings fixed at creation.
    struct Settings: Sendable {
        let id: String
        /// `query` or `queryAll`.
        let operation: String
        let object: String
        let query: String
        let createdByID: String
        let createdDate: Int64
        /// `62.0`
        let apiVersion: String
        /// `COMMA`, `TAB`, `SEMICOLON`, `PIPE`, `CARET` or `BACKQUOTE`.
        let columnDelimiter: String
        /// `LF` or `CRLF`.
        let lineEnding: String
    }

    /// Values that change while the job runs.
    struct Progress: Sendable {
        var state = "UploadComplete"
        var systemModstamp: Int64
        var numberRecordsProcessed = 0
        var totalProcessingTime = 0
        var errorMessage: String?
        var result: QueryResult?
    }

    let settings: Settings
    let plan: QueryPlan
    let progress: Locked<Progress>

    init(settings: Settings, plan: QueryPlan) {
        self.settings = settings
        self.plan = plan
        progress = Locked(Progress(systemModstamp: settings.createdDate))
    }

    /// Terminal states: results are final and the job may be deleted.
    static let terminalStates: Set<String> = ["JobComplete", "Failed", "Aborted"]

    /// The delimiter byte for `columnDelimiter`.
    var delimiterByte: UInt8 {
        switch settings.columnDelimiter {
        case "TAB": 0x09
        case "SEMICOLON": UInt8(ascii: ";")
        case "PIPE": UInt8(ascii: "|")
        case "CARET": UInt8(ascii: "^")
        case "BACKQUOTE": UInt8(ascii: "`")
        default: UInt8(ascii: ",")
        }
    }

    /// The line ending bytes for `lineEnding`.
    var lineEndingBytes: [UInt8] { settings.lineEnding == "CRLF" ? [0x0D, 0x0A] : [0x0A] }

    static func nowMilliseconds() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }
}
