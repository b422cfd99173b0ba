import Foundation

/// How a run of one of our executables ended, with everything it printed.
struct CommandResult: Sendable, CustomStringConvertible {
    /// The command line, for failure messages.
    let command: [String]
    /// Exit status, or the signal number when `killedBySignal`.
    let status: Int32
    /// True when the process ended by a signal (a crash, a trap, or our timeout), never acceptable here.
    let killedBySignal: Bool
    let stdout: String
    let stderr: String

    /// True when the process exited on its own with a non-zero status.
    var failedCleanly: Bool { !killedBySignal && status != 0 }

    /// True when stderr mentions every one of `needles`, ignoring case.
    func stderrMentions(_ needles: [String]) -> Bool {
        let text = stderr.lowercased()
        return needles.allSatisfy { text.contains($0.lowercased()) }
    }

    var description: String {
        let how = killedBySignal ? "killed by signal \(status)" : "exit \(status)"
        return "\(command.joined(separator: " ")) -> \(how)\nstderr: \(stderr.suffix(2000))\nstdout: \(stdout.suffix(500))"
    }
}
