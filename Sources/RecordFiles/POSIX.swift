#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Musl)
@preconcurrency import Musl
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif

/// Thin, allocation-free wrappers over the POSIX calls the files use, so the rest of the module stays portable.
enum POSIX {
    /// The text of an errno value, e.g. "No such file or directory".
    static func message(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }

    static var errorNumber: Int32 { errno }

    /// Opens an existing file for reading; -1 with errno set on failure.
    static func openForReading(_ path: String) -> Int32 {
        path.withCString { Glibc.open($0, O_RDONLY | O_CLOEXEC) }
    }

    /// Creates (or truncates) a file for writing; -1 with errno set on failure.
    static func createForWriting(_ path: String, permissions: UInt32) -> Int32 {
        path.withCString { Glibc.open($0, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode_t(permissions)) }
    }

    static func close(_ descriptor: Int32) { _ = Glibc.close(descriptor) }

    /// `read`, retried on EINTR. Returns -1 with errno set on failure.
    static func read(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
        while true {
            let result = Glibc.read(descriptor, buffer, count)
            if result < 0 && errno == EINTR { continue }
            return result
        }
    }

    /// Writes all `count` bytes, retrying short writes and EINTR. Returns 0 or the errno.
    static func writeAll(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int32 {
        var done = 0
        while done < count {
            let result = Glibc.write(descriptor, buffer + done, count - done)
            if result < 0 {
                if errno == EINTR { continue }
                return errno
            }
            done += result
        }
        return 0
    }

    static func fsync(_ descriptor: Int32) -> Int32 {
        Glibc.fsync(descriptor) == 0 ? 0 : errno
    }

    static func rename(_ from: String, _ to: String) -> Int32 {
        Glibc.rename(from, to) == 0 ? 0 : errno
    }

    static func unlink(_ path: String) { _ = Glibc.unlink(path) }

    static var processID: Int32 { getpid() }
}
