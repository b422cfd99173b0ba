import Foundation

/// A lock-protected value for the command-line layer.
final class LockedState<Value>: @unchecked Sendable {
    // Safety: `value` is only accessed inside `withLock`, which holds `lock` for the whole access.
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
