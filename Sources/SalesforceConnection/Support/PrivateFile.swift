import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Owner-only files: folders created 0700, files written 0600 through a temporary name and `rename`, so a reader
/// never sees a half-written file and no other user can ever read one.
enum PrivateFile {
    /// Creates `path` (and parents) with mode 0700; tightens an existing folder to 0700.
    static func ensureDirectory(_ path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw SalesforceError.io("\(path) exists and is not a folder") }
        } else {
            do {
                try FileManager.default.createDirectory(
                    atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw SalesforceError.io("cannot create the folder \(path): \(error.localizedDescription)")
            }
        }
        if chmod(path, 0o700) != 0 {
            throw SalesforceError.io("cannot restrict \(path) to its owner (chmod 700 failed)")
        }
    }

    /// Writes `bytes` to `path` atomically with mode 0600.
    static func write(_ bytes: [UInt8], to path: String) throws {
        let temporary = path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw SalesforceError.io("cannot create \(temporary): \(String(cString: strerror(errno)))") }
        var failed = false
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: false)
        do { try handle.write(contentsOf: bytes) } catch { failed = true }
        if !failed && fsync(fd) != 0 { failed = true }
        close(fd)
        if failed || rename(temporary, path) != 0 {
            unlink(temporary)
            throw SalesforceError.io("cannot write \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// The contents of `path`, or `nil` when it does not exist or cannot be read.
    static func read(_ path: String) -> [UInt8]? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return [UInt8](data)
    }

    /// File mode bits of `path` (permissions only).
    static func mode(of path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int(info.st_mode & 0o777)
    }
}
