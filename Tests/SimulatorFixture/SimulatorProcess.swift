import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A running `sfsim serve` on a free loopback port, for tests that need a real org to talk to.
///
/// The binary is `SFSIM_BIN` when set, else `sfsim` beside the running test bundle (the same build
/// folder, so `swift build && swift test` finds it). The process stops when `stop()` is called or the
/// value is released.
public final class SimulatorProcess: @unchecked Sendable {
    // Safety: every stored property is set once in `init` and never mutated afterwards, apart from
    // `Process`, whose methods are thread-safe for terminate/wait.

    /// The base URL printed by sfsim, e.g. `http://127.0.0.1:49152`.
    public let baseURL: URL
    /// The process, for tests that signal it (kill -9 and restart scenarios).
    public let process: Process
    /// Folder holding the data directory and logs of this instance.
    public let workDirectory: URL

    /// Default credentials of a simulator started without `--config`.
    public enum Defaults {
        public static let username = "admin@sfsim.test"
        public static let password = "sfsim-password"
        public static let securityToken = "SFSIMTOKEN"
        public static let clientID = "sfsim-client"
        public static let clientSecret = "sfsim-secret"
    }

    /// Starts sfsim with `serve --port 0` plus `arguments`, and waits for its ready line.
    public init(arguments: [String] = [], environment: [String: String] = [:]) throws {
        let work = FileManager.default.temporaryDirectory
            .appendingPathComponent("sfsim-fixture-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        workDirectory = work

        let process = Process()
        process.executableURL = try Self.binary(named: "sfsim")
        process.arguments = ["serve", "--host", "127.0.0.1", "--port", "0"] + arguments
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        self.process = process

        // Read the ready line; give up after 60 s (a cold debug build of a large org can be slow).
        let handle = stdout.fileHandleForReading
        var buffer = Data()
        let deadline = Date().addingTimeInterval(60)
        var url: URL?
        while url == nil {
            let chunk = handle.availableData
            if chunk.isEmpty {
                if !process.isRunning || Date() > deadline {
                    throw FixtureError("sfsim exited or did not print its ready line (status \(process.isRunning ? -1 : process.terminationStatus))")
                }
                continue
            }
            buffer.append(chunk)
            if let text = String(data: buffer, encoding: .utf8),
                let line = text.split(separator: "\n").first(where: { $0.hasPrefix("sfsim listening on ") })
            {
                url = URL(string: String(line.dropFirst("sfsim listening on ".count)).trimmingCharacters(in: .whitespaces))
            }
        }
        baseURL = url!
        // Keep draining stdout so the simulator never blocks on a full pipe.
        handle.readabilityHandler = { h in _ = h.availableData }
    }

    deinit { stop() }

    /// Stops the simulator (SIGTERM) and waits for it to exit.
    public func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }

    /// Sends SIGKILL, as a crash would.
    public func kill() {
        if process.isRunning {
            Foundation.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// Finds a built executable: `SFBATCH_BIN_DIR` (or `SFSIM_BIN` for sfsim), else the folder
    /// holding the running test bundle.
    public static func binary(named name: String) throws -> URL {
        let env = ProcessInfo.processInfo.environment
        if name == "sfsim", let path = env["SFSIM_BIN"] { return URL(fileURLWithPath: path) }
        if let dir = env["SFBATCH_BIN_DIR"] {
            return URL(fileURLWithPath: dir).appendingPathComponent(name)
        }
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        throw FixtureError("cannot find the '\(name)' executable beside the test bundle; run `swift build` first or set SFBATCH_BIN_DIR")
    }

    /// Calls the simulator's admin API (`/__sfsim/<path>`) and returns the JSON body.
    public func admin(_ path: String, method: String = "GET", body: [String: Any]? = nil) throws -> Any {
        var request = URLRequest(url: baseURL.appendingPathComponent("__sfsim").appendingPathComponent(path))
        request.httpMethod = method
        if let body {
            request.httpBody = try JSONSerialization.data(withJSONObject: body)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let data = try Self.send(request)
        return data.isEmpty ? [:] as [String: Any] : try JSONSerialization.jsonObject(with: data)
    }

    /// The admin counters (`GET /__sfsim/stats`) as a dictionary.
    public func stats() throws -> [String: Any] {
        (try admin("stats") as? [String: Any]) ?? [:]
    }

    private static func send(_ request: URLRequest) throws -> Data {
        let box = ResultBox()
        let done = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: request) { data, _, error in
            box.set(data: data, error: error)
            done.signal()
        }.resume()
        done.wait()
        return try box.get()
    }
}

/// An error from the fixture itself (not from the code under test).
public struct FixtureError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

private final class ResultBox: @unchecked Sendable {
    // Safety: written once by the URLSession callback before the semaphore is signalled, read after.
    private var data: Data?
    private var error: Error?
    func set(data: Data?, error: Error?) { self.data = data; self.error = error }
    func get() throws -> Data {
        if let error { throw error }
        return data ?? Data()
    }
}
