#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A pthread reader-writer lock: queries read the store in parallel, saves take it exclusively.
final class ReadWriteLock: @unchecked Sendable {
    // Safety: the pthread_rwlock_t lives on the heap at a fixed address for the object's lifetime
    // and is only touched through the pthread API, which is thread-safe by contract.
    private let handle: UnsafeMutablePointer<pthread_rwlock_t>

    init() {
        handle = UnsafeMutablePointer<pthread_rwlock_t>.allocate(capacity: 1)
        handle.initialize(to: pthread_rwlock_t())
        pthread_rwlock_init(handle, nil)
    }

    deinit {
        pthread_rwlock_destroy(handle)
        handle.deallocate()
    }

    func withReadLock<R>(_ body: () throws -> R) rethrows -> R {
        pthread_rwlock_rdlock(handle)
        defer { pthread_rwlock_unlock(handle) }
        return try body()
    }

    func withWriteLock<R>(_ body: () throws -> R) rethrows -> R {
        pthread_rwlock_wrlock(handle)
        defer { pthread_rwlock_unlock(handle) }
        return try body()
    }
}
