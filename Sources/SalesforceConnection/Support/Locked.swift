import Foundation

/// A value guarded by a lock, for state touched from transport callbacks (which are not async).
final class Locked<Value>: @unchecked Sendable {
    // Safety: `value` is only read or written inside `withLock`, which holds `lock` for the whole access.
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
