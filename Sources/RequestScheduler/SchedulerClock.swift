/// Time as the scheduler sees it: injected so tests can run backoff without waiting.
public struct SchedulerClock: Sendable {
    /// Monotonic time since an arbitrary origin.
    public var now: @Sendable () -> Duration
    /// Waits `duration`; throws `CancellationError` when the task is cancelled.
    public var sleep: @Sendable (Duration) async throws -> Void
    /// A uniform random fraction in 0...1, for jitter.
    public var random: @Sendable () -> Double

    public init(
        now: @escaping @Sendable () -> Duration, sleep: @escaping @Sendable (Duration) async throws -> Void,
        random: @escaping @Sendable () -> Double
    ) {
        self.now = now
        self.sleep = sleep
        self.random = random
    }

    /// Real time: `ContinuousClock` and `Task.sleep`.
    public static var continuous: SchedulerClock {
        let origin = ContinuousClock.now
        return SchedulerClock(
            now: { ContinuousClock.now - origin },
            sleep: { duration in try await Task.sleep(for: duration) },
            random: { Double.random(in: 0...1) })
    }
}
