#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Feeds a request body to libcurl's read callback, from memory or from a file, and rewinds it when
/// libcurl must send it again (a reused connection that turned out dead, a redirect).
///
/// Used only on the libcurl thread once the transfer starts.
final class RequestBodySource {
    private enum Storage {
        case bytes([UInt8])
        case file(descriptor: Int32)
    }

    private let storage: Storage
    /// Total length in bytes (sent as Content-Length).
    let length: Int
    private var offset = 0

    /// An in-memory body.
    init(bytes: [UInt8]) {
        storage = .bytes(bytes)
        length = bytes.count
    }

    /// Opens `path` for reading.
    ///
    /// - Throws: `HTTPTransportError` `.invalidRequest` naming the file when it cannot be opened.
    init(path: String, host: String) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            throw HTTPTransportError(
                kind: .invalidRequest, host: host, detail: "cannot open body file '\(path)': \(reason)",
                mayHaveReachedServer: false)
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw HTTPTransportError(
                kind: .invalidRequest, host: host, detail: "cannot read body file '\(path)': \(reason)",
                mayHaveReachedServer: false)
        }
        storage = .file(descriptor: descriptor)
        length = Int(info.st_size)
    }

    deinit {
        if case .file(let descriptor) = storage { close(descriptor) }
    }

    /// Copies up to `capacity` bytes into `buffer`; returns the count, 0 at the end, nil on a read error.
    func read(into buffer: UnsafeMutableRawPointer, capacity: Int) -> Int? {
        let wanted = min(capacity, length - offset)
        guard wanted > 0 else { return 0 }
        switch storage {
        case .bytes(let bytes):
            let copied = bytes.withUnsafeBytes { source -> Bool in
                guard let base = source.baseAddress else { return false }
                buffer.copyMemory(from: base + offset, byteCount: wanted)
                return true
            }
            guard copied else { return nil }
            offset += wanted
            return wanted
        case .file(let descriptor):
            let count = pread(descriptor, buffer, wanted, off_t(offset))
            guard count >= 0 else { return nil }
            offset += count
            return count
        }
    }

    /// Moves to `position` from the start; false when out of range.
    func seek(to position: Int) -> Bool {
        guard position >= 0, position <= length else { return false }
        offset = position
        return true
    }
}
