import CommandSupport
import DataExport

/// Maps engine errors onto the documented exit codes.
enum ExportFailure {
    static func commandError(_ error: any Error) -> any Error {
        switch error {
        case let export as ExportError:
            let status: ExitStatus
            switch export.kind {
            case .usage, .resume: status = .usage
            case .countMismatch, .protocolViolation: status = .salesforceError
            case .io: status = .fileError
            }
            return CommandError(export.description, status: status)
        case let interruption as ExportInterruption:
            return CommandError(interruption.description, status: .interrupted)
        default:
            return error
        }
    }
}
