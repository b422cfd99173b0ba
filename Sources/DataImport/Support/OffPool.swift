import Foundation

/// Runs blocking work (file reading, scanning) on a thread of its own so that it never occupies one of the
/// cooperative pool's threads, and awaits its result.
enum OffPool {
    static func run<T: Sendable>(_ name: String, _ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                do {
                    continuation.resume(returning: try work())
                } catch {
                    continuation.resume(throwing: error)
                }
            }
            thread.name = name
            thread.start()
        }
    }
}
