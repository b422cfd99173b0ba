import Foundation

/// Runs blocking or CPU-heavy work on a new thread of its own and awaits the result, so the two
/// threads of the cooperative pool are never held by it.
enum OwnThread {
    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Result { try work() })
            }
            thread.name = "sfbatch-compress"
            thread.start()
        }
    }
}
