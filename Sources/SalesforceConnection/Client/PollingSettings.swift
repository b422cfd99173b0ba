import Foundation

/// How Bulk API 2.0 jobs are polled: exponential from `initialInterval` up to `maxInterval`, giving up after
/// `timeout` (nil waits as long as the job runs). The first poll comes after 100 ms because small jobs (a
/// 10,000-row ingest chunk, a short query) often finish that fast, and a load of many chunks pays the first
/// interval once per job. Each interval is 1.5 times the last: a job is seen finished at most a third of its
/// run time late (doubling allowed half: a 1-second job was seen at 1.5 s), and a 10-minute job still takes
/// only about 70 status calls.
public struct PollingSettings: Sendable {
    public var initialInterval: Duration
    public var maxInterval: Duration
    public var timeout: Duration?

    public init(
        initialInterval: Duration = .milliseconds(100), maxInterval: Duration = .seconds(10),
        timeout: Duration? = nil
    ) {
        self.initialInterval = initialInterval
        self.maxInterval = maxInterval
        self.timeout = timeout
    }
}
