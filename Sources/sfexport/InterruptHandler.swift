import CommandSupport
import Dispatch
import DataExport
import Foundation

/// Ctrl-C / SIGTERM during an export: the run journal already records the last completed Bulk page, so
/// the process says how to continue and exits with the documented "interrupted" code; the partial files of
/// REST exports, which cannot be continued, are removed first.
enum InterruptHandler {
    /// Kept alive for the life of the process; written once by `install`, before any signal can arrive.
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    static func install(resumable: Bool) {
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                // REST outputs cannot be continued: their partial files go; Bulk ones stay for --resume.
                let removed = UnfinishedOutputs.removeAll().map { String($0.dropLast(".partial".count)) }
                if !removed.isEmpty {
                    StandardError.write(
                        "\nsfexport: interrupted; REST exports cannot be continued, so their unfinished output was removed ("
                            + removed.joined(separator: ", ") + "); run the command again\n")
                } else {
                    StandardError.write(
                        resumable
                            ? "\nsfexport: interrupted; completed pages are kept, run the same command with --resume to continue\n"
                            : "\nsfexport: interrupted; the output was not written\n")
                }
                exit(ExitStatus.interrupted.rawValue)
            }
            source.resume()
            sources.append(source)
        }
    }
}
