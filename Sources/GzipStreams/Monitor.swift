#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A pthread mutex and condition variable: the one blocking primitive the compression workers and the writer
/// share. `Synchronization.Mutex` has no condition variable, and the workers must sleep, not spin, while idle.
final class Monitor: @unchecked Sendable {
    // @unchecked Sendable: the two pthread objects live at fixed heap addresses for the object's lifetime (pthread
    // objects must never move) and are only touched through pthread calls, which are thread-safe by contract.
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let condition: UnsafeMutablePointer<pthread_cond_t>

    init() {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
        condition = .allocate(capacity: 1)
        condition.initialize(to: pthread_cond_t())
        pthread_cond_init(condition, nil)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    /// Runs `body` holding the mutex.
    func withLock<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }

    /// Sleeps until `broadcast()`; call only inside `withLock`.
    func wait() {
        pthread_cond_wait(condition, mutex)
    }

    /// Wakes every waiter; call inside `withLock`.
    func broadcast() {
        pthread_cond_broadcast(condition)
    }
}
