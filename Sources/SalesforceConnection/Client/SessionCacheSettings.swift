import Foundation

/// Where and whether sessions are cached.
public struct SessionCacheSettings: Sendable {
    /// False disables reading and writing the cache (`--no-session-cache`).
    public var enabled: Bool
    /// The cache folder; `nil` means `$XDG_CACHE_HOME/sfbatch` or `~/.cache/sfbatch`.
    public var directory: String?

    public init(enabled: Bool = true, directory: String? = nil) {
        self.enabled = enabled
        self.directory = directory
    }

    /// The folder actually used: `directory`, else `$XDG_CACHE_HOME/sfbatch`, else `~/.cache/sfbatch`.
    public func resolvedDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let directory { return directory }
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") { return xdg + "/sfbatch" }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.cache/sfbatch"
    }
}
