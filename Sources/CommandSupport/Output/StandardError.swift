import Foundation

/// Writes to stderr in whole lines, safe from any thread (one `write(2)` per call).
public enum StandardError {
    private static let lock = NSLock()

    /// Writes `text` to stderr.
    public static func write(_ text: String) {
        lock.lock()
        defer { lock.unlock() }
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// True when stderr is a terminal.
    public static var isTerminal: Bool { isatty(2) == 1 }
}
