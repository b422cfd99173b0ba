import Foundation

/// How Bulk API 2.0 jobs are polled: exponential from `initialInterval` up to `maxInterval`, giving up after
/// `timeout` (nil waits as long as the job runs).
public struct PollingSettings: Sendable {
    public var initialInterval: Duration
    public var maxInterval: Duration
    public var timeout: Duration?

    public init(
        initialInterval: Duration = .milliseconds(500), maxInterval: Duration = .seconds(10),
        timeout: Duration? = nil
    ) {
        self.initialInterval = initialInterval
        self.maxInterval = maxInterval
        self.timeout = timeout
    }
}
