import Synchronization

/// Hands a response from the libcurl thread to the task that consumes it, with back-pressure.
///
/// The libcurl thread `offer`s body bytes; when more than `highWater` bytes wait unread the offer is
/// refused and the transfer pauses (`CURL_WRITEFUNC_PAUSE`, which makes libcurl keep the bytes and
/// offer them again later). The consumer's `next()` reports when the backlog has fallen to
/// `lowWater`, and the client then resumes the transfer on the libcurl thread. So at most about
/// `highWater` plus one libcurl write (16 KiB) sits here per transfer, whatever the body size.
final class ResponseBodyQueue: Sendable {
    private struct State {
        var head: HTTPResponseHead?
        var headWaiter: CheckedContinuation<HTTPResponseHead, any Error>?
        var chunks: [[UInt8]] = []
        var buffered = 0
        var paused = false
        var outcome: Result<Void, any Error>?
        var bodyWaiter: CheckedContinuation<[UInt8]?, any Error>?
    }

    private let state = Mutex(State())
    let highWater: Int
    /// The request's host, for messages.
    let host: String

    /// - Parameters:
    ///   - highWater: backlog in bytes past which the transfer pauses; `Int.max` never pauses.
    ///   - host: the request's host, named in errors.
    init(highWater: Int, host: String) {
        self.highWater = max(highWater, 1)
        self.host = host
    }

    // MARK: producer side (libcurl thread)

    /// Publishes the status line and headers; later calls are ignored.
    func deliverHead(_ head: HTTPResponseHead) {
        let waiter = state.withLock { state -> CheckedContinuation<HTTPResponseHead, any Error>? in
            guard state.head == nil else { return nil }
            state.head = head
            defer { state.headWaiter = nil }
            return state.headWaiter
        }
        waiter?.resume(returning: head)
    }

    /// Whether the head was already published.
    var hasHead: Bool { state.withLock { $0.head != nil } }

    /// Offers body bytes. Returns false, without taking them, when the consumer is too far behind; the
    /// caller must then pause the transfer, and a later `next()` returns `resume: true`.
    func offer(_ bytes: UnsafeRawBufferPointer) -> Bool {
        enum Action {
            case refuse, queued
            case handOff(CheckedContinuation<[UInt8]?, any Error>)
        }
        let action = state.withLock { state -> Action in
            if let waiter = state.bodyWaiter {
                state.bodyWaiter = nil
                return .handOff(waiter)
            }
            if state.buffered >= highWater {
                state.paused = true
                return .refuse
            }
            state.chunks.append(ByteCopy.array(bytes))
            state.buffered += bytes.count
            return .queued
        }
        switch action {
        case .refuse: return false
        case .queued: return true
        case .handOff(let waiter):
            waiter.resume(returning: ByteCopy.array(bytes))
            return true
        }
    }

    /// Ends the response: success after the last byte, or the error that cut it short.
    func finish(_ outcome: Result<Void, any Error>) {
        let (headWaiter, bodyWaiter, chunksLeft) = state.withLock {
            state -> (
                CheckedContinuation<HTTPResponseHead, any Error>?, CheckedContinuation<[UInt8]?, any Error>?, Bool
            )
            in
            guard state.outcome == nil else { return (nil, nil, true) }
            state.outcome = outcome
            let head = state.headWaiter
            state.headWaiter = nil
            let body = state.bodyWaiter
            state.bodyWaiter = nil
            return (head, body, !state.chunks.isEmpty)
        }
        if let headWaiter {
            switch outcome {
            case .failure(let error): headWaiter.resume(throwing: error)
            case .success:
                headWaiter.resume(
                    throwing: HTTPTransportError(
                        kind: .protocolError, host: host, detail: "the response ended without a status line",
                        mayHaveReachedServer: true))
            }
        }
        if let bodyWaiter, !chunksLeft {
            switch outcome {
            case .failure(let error): bodyWaiter.resume(throwing: error)
            case .success: bodyWaiter.resume(returning: nil)
            }
        }
    }

    // MARK: consumer side (any task)

    /// Waits for the status line and headers.
    func head() async throws -> HTTPResponseHead {
        try await withCheckedThrowingContinuation { continuation in
            enum Action {
                case wait
                case give(HTTPResponseHead)
                case fail(any Error)
            }
            let action = state.withLock { state -> Action in
                if let head = state.head { return .give(head) }
                if case .failure(let error)? = state.outcome { return .fail(error) }
                if state.outcome != nil {
                    return .fail(
                        HTTPTransportError(
                            kind: .protocolError, host: host, detail: "the response ended without a status line",
                            mayHaveReachedServer: true))
                }
                state.headWaiter = continuation
                return .wait
            }
            switch action {
            case .wait: break
            case .give(let head): continuation.resume(returning: head)
            case .fail(let error): continuation.resume(throwing: error)
            }
        }
    }

    /// The next piece of body (everything queued, joined), nil at the end, or the transfer's error.
    /// `resume` is true when the transfer was paused and should now be resumed.
    func next() async throws -> (chunk: [UInt8], resume: Bool)? {
        enum Action {
            case wait
            case give([UInt8], Bool)
            case end
            case fail(any Error)
        }
        var resumeNeeded = false
        let chunk: [UInt8]? = try await withCheckedThrowingContinuation { continuation in
            let action = state.withLock { state -> Action in
                if !state.chunks.isEmpty {
                    let joined = ByteCopy.concatenate(state.chunks)
                    state.chunks.removeAll(keepingCapacity: true)
                    state.buffered = 0
                    let resume = state.paused
                    state.paused = false
                    return .give(joined, resume)
                }
                switch state.outcome {
                case .failure(let error)?: return .fail(error)
                case .success?: return .end
                case nil:
                    state.bodyWaiter = continuation
                    return .wait
                }
            }
            switch action {
            case .wait: break
            case .give(let bytes, let resume):
                resumeNeeded = resume
                continuation.resume(returning: bytes)
            case .end: continuation.resume(returning: nil)
            case .fail(let error): continuation.resume(throwing: error)
            }
        }
        guard let chunk else { return nil }
        return (chunk, resumeNeeded)
    }
}
