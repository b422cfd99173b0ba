import Foundation

/// One line per request: time, client, method, path (no query string, no headers, never a token
/// or password), status, bytes, duration and user.
final class AccessLog: Sendable {
    private let handle: FileHandle
    private let queue = DispatchQueue(label: "sfsim.accesslog")

    /// Opens `path` for appending ("-" is stderr).
    init(path: String) throws {
        if path == "-" {
            handle = FileHandle.standardError
        } else {
            if !FileManager.default.fileExists(atPath: path) {
                guard FileManager.default.createFile(atPath: path, contents: nil) else {
                    throw ConfigurationError("cannot create access log '\(path)'")
                }
            }
            guard let h = FileHandle(forWritingAtPath: path) else {
                throw ConfigurationError("cannot open access log '\(path)' for writing")
            }
            h.seekToEndOfFile()
            handle = h
        }
    }

    func write(
        request: SimRequest, status: Int, bytes: Int, startedNanos: UInt64, remote: String, user: String?, note: String?
    ) {
        let millis = Double(DispatchTime.now().uptimeNanoseconds - startedNanos) / 1_000_000
        let time = ValueFormat.dateTime(Int64(Date().timeIntervalSince1970 * 1000), zulu: true)
        var line = "\(time) \(remote) \"\(request.method) \(request.path)\" \(status) \(bytes) \(String(format: "%.1f", millis))ms"
        line += " user=\(user ?? "-")"
        if let note { line += " \(note)" }
        line += "\n"
        let data = Data(line.utf8)
        let handle = self.handle
        queue.async { handle.write(data) }
    }
}
