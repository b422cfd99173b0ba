import Synchronization

/// A response whose head has arrived and whose body is read in chunks as it comes.
///
/// The transfer pauses while chunks wait unread (see `TransportConfiguration.streamBufferBytes`), so a
/// slow consumer holds back the server instead of filling memory. Read the body to the end, or call
/// `cancel()`; a response released unread cancels its transfer.
public final class HTTPStreamingResponse: Sendable {
    /// Status line and headers.
    public let head: HTTPResponseHead
    private let transfer: CurlTransfer
    private let loop: CurlEventLoop
    /// Keeps the client (and so its libcurl thread) alive while the body is read.
    private let client: HTTPClient
    private let finished = Atomic<Bool>(false)

    init(head: HTTPResponseHead, transfer: CurlTransfer, loop: CurlEventLoop, client: HTTPClient) {
        self.head = head
        self.transfer = transfer
        self.loop = loop
        self.client = client
    }

    deinit {
        if !finished.load(ordering: .acquiring) { loop.post(.cancel(transfer, CancellationError())) }
    }

    /// The status code.
    public var status: Int { head.status }

    /// The next chunk of body, or nil after the last one.
    ///
    /// - Throws: `HTTPTransportError` when the connection breaks mid-body; `CancellationError` when
    ///   the task is cancelled (the transfer is then aborted).
    public func nextChunk() async throws -> [UInt8]? {
        let queue = transfer.queue
        let transfer = self.transfer
        let loop = self.loop
        do {
            let next = try await withTaskCancellationHandler {
                try await queue.next()
            } onCancel: {
                loop.post(.cancel(transfer, CancellationError()))
            }
            guard let next else {
                finished.store(true, ordering: .releasing)
                return nil
            }
            if next.resume { loop.post(.resume(transfer)) }
            return next.chunk
        } catch {
            finished.store(true, ordering: .releasing)
            throw error
        }
    }

    /// Reads the rest of the body into memory.
    ///
    /// - Parameter limit: the most bytes to accept; past it the transfer is cancelled and
    ///   `HTTPTransportError.Kind.protocolError` thrown, so a surprise 1 GB body cannot exhaust memory.
    public func collect(upTo limit: Int = Int.max) async throws -> [UInt8] {
        var pieces: [[UInt8]] = []
        var count = 0
        while let chunk = try await nextChunk() {
            pieces.append(chunk)
            count += chunk.count
            if count > limit {
                cancel()
                throw HTTPTransportError(
                    kind: .protocolError, host: transfer.host,
                    detail: "the response body is larger than the \(limit) bytes expected", mayHaveReachedServer: true)
            }
        }
        return ByteCopy.concatenate(pieces)
    }

    /// The body as an async sequence of chunks (one pass; it shares state with `nextChunk()`).
    public var body: Body { Body(response: self) }

    /// The body chunks of a streaming response, for `for try await chunk in response.body`.
    public struct Body: AsyncSequence, Sendable {
        public typealias Element = [UInt8]
        let response: HTTPStreamingResponse

        public struct AsyncIterator: AsyncIteratorProtocol {
            let response: HTTPStreamingResponse
            public mutating func next() async throws -> [UInt8]? { try await response.nextChunk() }
        }

        public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(response: response) }
    }

    /// Aborts the transfer; a pending or later `nextChunk()` throws `CancellationError`.
    public func cancel() {
        loop.post(.cancel(transfer, CancellationError()))
    }
}
