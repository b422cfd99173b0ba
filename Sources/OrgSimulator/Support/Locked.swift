import Foundation

/// A value behind a lock, for the small shared tables of the server (sessions, jobs, counters).
final class Locked<Value>: @unchecked Sendable {
    // Safety: `value` is only accessed inside `withLock`, which holds `lock` for the whole access.
    private var value: Value
    private let lock = NSLock()

    init(_ value: Value) { self.value = value }

    func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }

    var snapshot: Value { withLock { $0 } }
}
