import Foundation

/// An optional on-disk cache of describe results, so repeated runs against a large schema skip the describe calls.
public struct DescribeCacheSettings: Sendable {
    /// The folder; `nil` disables the on-disk cache (describes are still memoised for the run).
    public var directory: String?
    /// How long a cached describe is trusted.
    public var timeToLive: Duration

    public init(directory: String? = nil, timeToLive: Duration = .seconds(3600)) {
        self.directory = directory
        self.timeToLive = timeToLive
    }
}
