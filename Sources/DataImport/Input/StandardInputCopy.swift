import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A private temporary copy of standard input, for `sfimport load --input -`: a load reads its input more than
/// once (header and mapping check, local validation, choosing the API, sending), and a pipe can be read only
/// once. The copy is readable by the owner only and removed by `remove()`.
public final class StandardInputCopy: Sendable {
    public let path: String

    /// Copies standard input (gzip or not, as it comes) to a new file in the temporary folder.
    /// - Throws: `DataImportError(.input)` when standard input cannot be read or the copy cannot be written.
    public init() throws {
        let folder = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        path = "\(folder)/sfimport-stdin-\(getpid())-\(UUID().uuidString).csv"
        let output = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard output >= 0 else {
            throw DataImportError(.input, "\(path): cannot copy standard input (errno \(errno)); check TMPDIR")
        }
        defer { close(output) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let got = buffer.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
            if got < 0 {
                if errno == EINTR { continue }
                unlink(path)
                throw DataImportError(.input, "stdin: cannot read standard input (errno \(errno))")
            }
            if got == 0 { break }
            var offset = 0
            while offset < got {
                let written = buffer.withUnsafeBytes { write(output, $0.baseAddress! + offset, got - offset) }
                if written < 0 {
                    if errno == EINTR { continue }
                    unlink(path)
                    throw DataImportError(.input, "\(path): cannot copy standard input (errno \(errno)); check free space")
                }
                offset += written
            }
        }
    }

    public func remove() { unlink(path) }
}
