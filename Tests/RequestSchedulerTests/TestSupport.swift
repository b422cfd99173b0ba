import Synchronization

@testable import RequestScheduler

/// A clock whose sleeps return at once and advance virtual time, recording each wait.
final class VirtualClock: Sendable {
    private let state = Mutex((now: Duration.zero, sleeps: [Duration]()))
    let fraction: Double

    init(fraction: Double = 1.0) { self.fraction = fraction }

    var sleeps: [Duration] { state.withLock { $0.sleeps } }

    var schedulerClock: SchedulerClock {
        SchedulerClock(
            now: { self.state.withLock { $0.now } },
            sleep: { duration in
                try Task.checkCancellation()
                self.state.withLock { state in
                    state.now += duration
                    state.sleeps.append(duration)
                }
            },
            random: { self.fraction })
    }
}

/// A failure that carries a retry decision.
struct TestFailure: RetryClassifying, Equatable {
    let retryDecision: RetryDecision
    var label = ""
}

/// Counts calls from concurrent operations.
final class CallCounter: Sendable {
    private let count = Atomic<Int>(0)
    @discardableResult
    func increment() -> Int { count.add(1, ordering: .relaxed).newValue }
    var value: Int { count.load(ordering: .relaxed) }
}

/// A one-shot gate an operation can wait on until the test opens it.
final class Gate: Sendable {
    private let stream: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    init() { (stream, continuation) = AsyncStream<Void>.makeStream() }

    func open() { continuation.finish() }

    func wait() async {
        for await _ in stream {}
    }
}

/// Tracks operations in flight and the most seen at once, measured inside the operations.
final class InFlightProbe: Sendable {
    private let current = Atomic<Int>(0)
    private let highest = Atomic<Int>(0)

    func enter() {
        let now = current.add(1, ordering: .sequentiallyConsistent).newValue
        highest.max(now, ordering: .sequentiallyConsistent)
    }

    func leave() { current.subtract(1, ordering: .sequentiallyConsistent) }

    var peak: Int { highest.load(ordering: .sequentiallyConsistent) }
}

/// An append-only list shared between tasks.
final class SharedList<Element: Sendable>: Sendable {
    private let items = Mutex<[Element]>([])
    func append(_ item: Element) { items.withLock { $0.append(item) } }
    var values: [Element] { items.withLock { $0 } }
}
