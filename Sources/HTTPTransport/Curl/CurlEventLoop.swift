import CCurl
import Foundation
import Synchronization

/// The one thread that drives libcurl: a `curl_multi` loop that owns every easy handle in flight.
///
/// Tasks never call libcurl on the cooperative pool. They post commands (start, cancel, resume) to a
/// locked inbox and wake the loop with `curl_multi_wakeup`, the one libcurl call documented as safe
/// from any thread. The multi handle keeps the connection pool, so connections (and HTTP/2 streams)
/// are reused across requests.
final class CurlEventLoop: @unchecked Sendable {
    // Safety: `multi` is used by the loop thread only, except `curl_multi_wakeup`, which libcurl
    // documents as thread-safe and which is called only while holding `inbox` and only while
    // `inbox.closed` is false; the loop sets `closed` under the same lock before `curl_multi_cleanup`,
    // so no wakeup can touch a freed handle. `active` is touched only by the loop thread.

    enum Command {
        case start(CurlTransfer)
        case cancel(CurlTransfer, any Error)
        case resume(CurlTransfer)
    }

    private struct Inbox {
        var commands: [Command] = []
        var shuttingDown = false
        var closed = false
    }

    private let multi: UnsafeMutableRawPointer
    private let inbox = Mutex(Inbox())
    private var active: [UnsafeMutableRawPointer: CurlTransfer] = [:]

    init(configuration: TransportConfiguration) throws {
        guard CurlGlobal.isInitialized, let multi = curl_multi_init() else {
            throw HTTPTransportError(
                kind: .other, host: "", detail: "libcurl could not be initialised", mayHaveReachedServer: false)
        }
        self.multi = multi
        if configuration.maxConnectionsPerHost > 0 {
            _ = sfb_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, configuration.maxConnectionsPerHost)
        }
        _ = sfb_multi_setopt_long(multi, CURLMOPT_PIPELINING, Int(CURLPIPE_MULTIPLEX))
        let thread = Thread { [self] in run() }
        thread.name = "sfbatch-libcurl"
        thread.start()
    }

    /// Queues a command for the loop thread. Returns false when the loop has shut down.
    @discardableResult
    func post(_ command: Command) -> Bool {
        inbox.withLock { inbox in
            guard !inbox.closed, !inbox.shuttingDown else { return false }
            inbox.commands.append(command)
            curl_multi_wakeup(multi)
            return true
        }
    }

    /// Asks the loop to fail what is in flight and stop.
    func shutdown() {
        inbox.withLock { inbox in
            guard !inbox.closed, !inbox.shuttingDown else { return }
            inbox.shuttingDown = true
            curl_multi_wakeup(multi)
        }
    }

    // MARK: loop thread

    private func run() {
        while true {
            let (commands, shuttingDown) = inbox.withLock { inbox -> ([Command], Bool) in
                defer { inbox.commands.removeAll(keepingCapacity: true) }
                return (inbox.commands, inbox.shuttingDown)
            }
            for command in commands { apply(command) }
            if shuttingDown {
                close()
                return
            }
            var running: Int32 = 0
            _ = curl_multi_perform(multi, &running)
            collectFinished()
            var ready: Int32 = 0
            _ = curl_multi_poll(multi, nil, 0, 1000, &ready)
        }
    }

    private func apply(_ command: Command) {
        switch command {
        case .start(let transfer):
            let code = curl_multi_add_handle(multi, transfer.easy)
            if code == CURLM_OK {
                active[transfer.easy] = transfer
            } else {
                transfer.complete(
                    CURLE_FAILED_INIT,
                    cancelledWith: HTTPTransportError(
                        kind: .other, host: transfer.host,
                        detail: String(cString: curl_multi_strerror(code)), mayHaveReachedServer: false))
            }
        case .cancel(let transfer, let error):
            guard active.removeValue(forKey: transfer.easy) === transfer else { return }
            _ = curl_multi_remove_handle(multi, transfer.easy)
            transfer.complete(CURLE_ABORTED_BY_CALLBACK, cancelledWith: error)
        case .resume(let transfer):
            guard active[transfer.easy] === transfer else { return }
            // May call the write callback right here, on this thread, with the bytes it held back.
            _ = curl_easy_pause(transfer.easy, SFB_CURLPAUSE_CONT)
        }
    }

    private func collectFinished() {
        var left: Int32 = 0
        while let message = curl_multi_info_read(multi, &left) {
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
            let code = message.pointee.data.result
            _ = curl_multi_remove_handle(multi, easy)
            guard let transfer = active.removeValue(forKey: easy) else { continue }
            transfer.complete(code)
        }
    }

    private func close() {
        let pending = inbox.withLock { inbox -> [Command] in
            inbox.closed = true
            defer { inbox.commands.removeAll() }
            return inbox.commands
        }
        for transfer in active.values {
            _ = curl_multi_remove_handle(multi, transfer.easy)
            transfer.complete(
                CURLE_ABORTED_BY_CALLBACK,
                cancelledWith: HTTPTransportError(kind: .shutDown, host: transfer.host, mayHaveReachedServer: true))
        }
        active.removeAll()
        for case .start(let transfer) in pending {
            transfer.complete(
                CURLE_ABORTED_BY_CALLBACK,
                cancelledWith: HTTPTransportError(kind: .shutDown, host: transfer.host, mayHaveReachedServer: false))
        }
        curl_multi_cleanup(multi)
    }
}
