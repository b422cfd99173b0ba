#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif
import Synchronization

/// The partial files of exports that cannot be resumed (REST), for the executable to remove when the process
/// is interrupted.
///
/// An interrupted Bulk export keeps its partial file beside its run journal for `--resume`; a REST query
/// cannot be continued, so its partial file would only be left for someone to mistake or clean up. An export
/// registers its partial file while it writes and unregisters it when it commits or abandons it.
public enum UnfinishedOutputs {
    private static let paths = Mutex<Set<String>>([])

    static func register(_ path: String) { _ = paths.withLock { $0.insert(path) } }

    static func unregister(_ path: String) { _ = paths.withLock { $0.remove(path) } }

    /// Removes every registered partial file and returns the paths removed. Safe to call from any thread,
    /// e.g. a signal handler's dispatch source just before the process exits.
    @discardableResult
    public static func removeAll() -> [String] { removeAll { _ in true } }

    /// Removes the registered partial files `selected` picks (tests scope it to their own folder).
    static func removeAll(where selected: (String) -> Bool) -> [String] {
        let taken = paths.withLock { current -> [String] in
            let chosen = current.filter(selected)
            current.subtract(chosen)
            return chosen.sorted()
        }
        return taken.filter { unlink($0) == 0 }
    }
}
