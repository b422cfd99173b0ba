import Foundation

/// The result of one `doctor` check: what was checked, what was found, and what to do when it is wrong.
public struct DoctorCheck: Sendable, Equatable {
    public enum Status: String, Sendable {
        case passed = "ok"
        case warning = "warn"
        case failed = "FAIL"
        case skipped = "skip"
    }

    /// `name resolution`, `proxy`, `TLS`, `login`, `API usage`, ...
    public var name: String
    public var status: Status
    /// What was found.
    public var detail: String
    /// What to do, for warnings and failures.
    public var advice: String?
    /// The exit status a failure maps to.
    public var exitStatus: ExitStatus

    public init(name: String, status: Status, detail: String, advice: String? = nil,
                exitStatus: ExitStatus = .success) {
        self.name = name
        self.status = status
        self.detail = detail
        self.advice = advice
        self.exitStatus = exitStatus
    }

    /// `[ok]   TLS: https://acme.my.salesforce.com answered (API 31.0-62.0)` or with `-> advice`.
    public var line: String {
        var text = "[\(status.rawValue)]".padding(toLength: 7, withPad: " ", startingAt: 0) + "\(name): \(detail)"
        if let advice, status != .passed { text += "\n        -> \(advice)" }
        return text
    }
}
