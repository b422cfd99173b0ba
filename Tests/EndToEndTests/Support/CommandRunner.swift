import Foundation
import SimulatorFixture

/// Runs a built executable (`sfexport`, `sfimport`) to completion with a time limit.
///
/// Output goes to files rather than pipes so a chatty process can never block on a full pipe while
/// we wait for it; the limit turns a hang into a failed test instead of a stuck suite.
enum CommandRunner {
    static func run(
        _ executable: String, _ arguments: [String], in directory: URL, environment: [String: String] = [:],
        timeout: TimeInterval = 60
    ) throws -> CommandResult {
        let process = Process()
        process.executableURL = try SimulatorProcess.binary(named: executable)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        // Keep session caches and audit logs inside the test's own folder.
        env["HOME"] = directory.path
        env["XDG_CACHE_HOME"] = directory.appendingPathComponent(".cache").path
        env["XDG_CONFIG_HOME"] = directory.appendingPathComponent(".config").path
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let token = UUID().uuidString
        let outURL = directory.appendingPathComponent(".stdout-\(token)")
        let errURL = directory.appendingPathComponent(".stderr-\(token)")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        defer {
            try? out.close()
            try? err.close()
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            finished.wait()
        }
        let stdout = String(decoding: (try? Data(contentsOf: outURL)) ?? Data(), as: UTF8.self)
        let stderr = String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self)
        return CommandResult(
            command: [executable] + arguments,
            status: process.terminationStatus,
            killedBySignal: process.terminationReason == .uncaughtSignal,
            stdout: stdout, stderr: stderr)
    }
}
