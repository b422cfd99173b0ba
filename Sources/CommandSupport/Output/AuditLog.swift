import Foundation
import RecordFiles
import SalesforceConnection

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `--audit-log FILE`: one JSON line per data action (every query and every change), appended.
///
/// Each line: `{"time","org","user","action","object","records","outcome"}` plus optional `"job"`, `"detail"`.
/// Lines carry names, counts and outcomes only, never record values, tokens or secrets. The file is created
/// owner-only (0600) and opened in append mode, so concurrent runs interleave whole lines.
public final class AuditLog: Sendable {
    /// One audited action.
    public struct Entry: Sendable {
        public var time: Date
        public var org: String
        public var user: String?
        /// `query`, `export`, `insert`, `update`, `upsert`, `delete`, `hardDelete`, ...
        public var action: String
        /// The object acted on (`Account`).
        public var object: String?
        /// Records read or written.
        public var records: Int
        /// `success`, `partial` (some rows rejected), `failed`, `interrupted`.
        public var outcome: String
        /// Bulk job id, when there is one.
        public var job: String?
        /// A short error or summary (secret-free).
        public var detail: String?

        public init(
            time: Date = Date(), org: String, user: String?, action: String, object: String?, records: Int,
            outcome: String, job: String? = nil, detail: String? = nil
        ) {
            self.time = time
            self.org = org
            self.user = user
            self.action = action
            self.object = object
            self.records = records
            self.outcome = outcome
            self.job = job
            self.detail = detail
        }

        /// The JSON line (without the line break).
        public var jsonLine: String {
            var fields: [(String, String)] = [
                ("time", quoted(AuditLog.timestamp(time))), ("org", quoted(org)),
                ("user", user.map(quoted) ?? "null"), ("action", quoted(action)),
                ("object", object.map(quoted) ?? "null"), ("records", String(records)), ("outcome", quoted(outcome)),
            ]
            if let job { fields.append(("job", quoted(job))) }
            if let detail { fields.append(("detail", quoted(Redaction.maskSessionIDs(detail)))) }
            return "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
        }

        private func quoted(_ text: String) -> String {
            String(decoding: JSONValue.string(text).serialized(), as: UTF8.self)
        }
    }

    /// The log file.
    public let path: String
    private let descriptor: Int32

    /// Opens (creating with mode 0600) `path` for appending.
    ///
    /// - Throws: `CommandError` (file) when it cannot be opened.
    public init(path: String) throws {
        self.path = path
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw CommandError.file("cannot open the audit log \(path): \(String(cString: strerror(errno)))")
        }
        descriptor = fd
    }

    deinit { close(descriptor) }

    /// Appends `entry` as one line (one `write(2)`, so lines from concurrent writers never interleave).
    ///
    /// - Throws: `CommandError` (file) when the write fails: an audit trail that silently stops is worse than a
    ///   stopped run.
    public func record(_ entry: Entry) throws {
        let line = Array((entry.jsonLine + "\n").utf8)
        let written = line.withUnsafeBytes { raw -> Int in
            guard let base = raw.baseAddress else { return 0 }
            return write(descriptor, base, raw.count)
        }
        if written != line.count {
            throw CommandError.file("cannot write the audit log \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// ISO 8601 UTC with milliseconds.
    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
