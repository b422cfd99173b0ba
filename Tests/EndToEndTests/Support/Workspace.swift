import Foundation
import SimulatorFixture

/// One test's world: a fresh sfsim org (optionally with TLS), a scratch folder, and the connection
/// options our executables need to reach that org with the default connected app.
final class Workspace {
    let directory: URL
    let simulator: SimulatorProcess?
    /// Folder holding the simulator's generated CA when started with TLS.
    let tlsDirectory: URL?
    let secretFile: URL

    /// Starts sfsim (`withSimulator`), with `--tls-self-signed` when `tls` is true.
    init(withSimulator: Bool = true, tls: Bool = false, simulatorArguments: [String] = []) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("sfbatch-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        secretFile = directory.appendingPathComponent("client-secret")
        try Self.writePrivate(SimulatorProcess.Defaults.clientSecret + "\n", to: secretFile)
        var arguments = simulatorArguments
        if tls {
            let tlsDir = directory.appendingPathComponent("tls")
            try FileManager.default.createDirectory(at: tlsDir, withIntermediateDirectories: true)
            arguments += ["--tls-self-signed", tlsDir.path]
            tlsDirectory = tlsDir
        } else {
            tlsDirectory = nil
        }
        simulator = withSimulator ? try SimulatorProcess(arguments: arguments) : nil
    }

    deinit {
        simulator?.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// The org's base URL; throws when this workspace has no simulator.
    func instanceURL() throws -> String {
        guard let simulator else { throw FixtureError("this workspace runs no simulator") }
        return simulator.baseURL.absoluteString.trimmingTrailingSlash
    }

    /// Connection options for the default connected app (client-credentials grant).
    func connection(instanceURL: String? = nil, secretFile: URL? = nil, caBundle: URL? = nil) throws -> [String] {
        var arguments = [
            "--instance-url", try instanceURL ?? self.instanceURL(),
            "--client-id", SimulatorProcess.Defaults.clientID,
            "--client-secret-file", (secretFile ?? self.secretFile).path,
        ]
        if let caBundle { arguments += ["--cacert", caBundle.path] }
        return arguments
    }

    /// A file in the scratch folder.
    func path(_ name: String) -> URL { directory.appendingPathComponent(name) }

    /// Writes `text` to a 0600 file in the scratch folder.
    func secret(_ text: String, named name: String) throws -> URL {
        let url = path(name)
        try Self.writePrivate(text, to: url)
        return url
    }

    func sfexport(_ arguments: [String], environment: [String: String] = [:], timeout: TimeInterval = 60) throws
        -> CommandResult
    {
        try CommandRunner.run("sfexport", arguments, in: directory, environment: environment, timeout: timeout)
    }

    func sfimport(_ arguments: [String], timeout: TimeInterval = 60) throws -> CommandResult {
        try CommandRunner.run("sfimport", arguments, in: directory, timeout: timeout)
    }

    /// Files in `folder` (default: the scratch folder) whose names start with `prefix`.
    func files(startingWith prefix: String, in folder: URL? = nil) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: (folder ?? directory).path)) ?? []
        return names.filter { $0.hasPrefix(prefix) }.sorted()
    }

    /// A loopback port that nothing listens on: bound, read, and closed again.
    static func closedLoopbackPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw FixtureError("socket() failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw FixtureError("bind() failed") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { throw FixtureError("getsockname() failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func writePrivate(_ text: String, to url: URL) throws {
        guard
            FileManager.default.createFile(
                atPath: url.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
        else { throw FixtureError("cannot write \(url.path)") }
    }
}

extension String {
    fileprivate var trimmingTrailingSlash: String { hasSuffix("/") ? String(dropLast()) : self }
}
