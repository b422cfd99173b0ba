import Foundation
import SalesforceConnection

/// Reads secrets from files (`--client-secret-file`, `--password-file`, profile `...File` keys).
public enum SecretFile {
    /// The file's contents without the trailing line break, as a `Secret`.
    ///
    /// - Throws: `CommandError` (authentication) naming the file when it cannot be read or is empty.
    public static func read(_ path: String, what: String) throws -> Secret {
        let expanded = expandHome(path)
        guard let data = FileManager.default.contents(atPath: expanded) else {
            throw CommandError("cannot read \(what) from \(expanded)", status: .authenticationFailed)
        }
        var text = String(decoding: data, as: UTF8.self)
        while let last = text.last, last == "\n" || last == "\r" { text.removeLast() }
        guard !text.isEmpty else {
            throw CommandError("\(expanded) is empty; it should hold \(what)", status: .authenticationFailed)
        }
        return Secret(text)
    }

    /// `~/x` → `$HOME/x`.
    public static func expandHome(_ path: String) -> String {
        guard path.hasPrefix("~/") else { return path }
        return (ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()) + path.dropFirst()
    }
}
