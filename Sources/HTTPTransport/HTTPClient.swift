/// The HTTP client every sfbatch request goes through: libcurl with the system's OpenSSL, driven by
/// one `curl_multi` loop on its own thread.
///
/// Requests are submitted from async code and complete through continuations; connections (and HTTP/2
/// streams) are reused across requests. Safe to share: make one per process and pass it around.
public final class HTTPClient: Sendable {
    /// The configuration the client was made with.
    public let configuration: TransportConfiguration
    private let loop: CurlEventLoop

    /// Starts the libcurl thread.
    ///
    /// - Throws: `HTTPTransportError` when libcurl cannot be initialised.
    public init(configuration: TransportConfiguration = TransportConfiguration()) throws {
        self.configuration = configuration
        self.loop = try CurlEventLoop(configuration: configuration)
    }

    deinit { loop.shutdown() }

    /// The libcurl build in use, e.g. "libcurl/7.88.1 OpenSSL/3.0.11 zlib/1.2.13 nghttp2/1.52.0".
    public static var libraryVersion: String { CurlGlobal.versionText }

    /// Sends a request and returns the whole response in memory.
    ///
    /// - Throws: `HTTPTransportError` when no response arrived; `CancellationError` if the task is
    ///   cancelled. HTTP error statuses are returned, not thrown.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let response = try await start(request, streamBuffer: Int.max)
        let body = try await response.collect()
        return HTTPResponse(head: response.head, body: body)
    }

    /// Sends a request and hands the body to `onChunk` piece by piece, in order, as it arrives.
    ///
    /// `onChunk` runs on the calling task; while it is busy the transfer pauses once the buffer fills,
    /// so memory stays bounded whatever the body size. It receives the body of any status; check the
    /// returned head (or use `start`) when an error status must be treated differently.
    ///
    /// - Returns: the status line and headers, after the last chunk.
    /// - Throws: `HTTPTransportError`, `CancellationError`, or whatever `onChunk` threw (the transfer is
    ///   then aborted).
    public func stream(
        _ request: HTTPRequest, onChunk: @Sendable ([UInt8]) throws -> Void
    ) async throws -> HTTPResponseHead {
        let response = try await start(request)
        do {
            while let chunk = try await response.nextChunk() { try onChunk(chunk) }
        } catch {
            response.cancel()
            throw error
        }
        return response.head
    }

    /// Sends a request and returns as soon as the status line and headers arrive; read the body with
    /// `nextChunk()` or `collect(upTo:)`.
    ///
    /// - Throws: `HTTPTransportError` when no response arrived; `CancellationError` if cancelled.
    public func start(_ request: HTTPRequest) async throws -> HTTPStreamingResponse {
        try await start(request, streamBuffer: configuration.streamBufferBytes)
    }

    private func start(_ request: HTTPRequest, streamBuffer: Int) async throws -> HTTPStreamingResponse {
        try Task.checkCancellation()
        let prepared = request.compressBody ? try await BodyCompressor.compress(request) : request
        let transfer = try CurlTransfer(request: prepared, configuration: configuration, streamBuffer: streamBuffer)
        guard loop.post(.start(transfer)) else {
            throw HTTPTransportError(kind: .shutDown, host: transfer.host, mayHaveReachedServer: false)
        }
        let loop = self.loop
        do {
            let head = try await withTaskCancellationHandler {
                try await transfer.queue.head()
            } onCancel: {
                loop.post(.cancel(transfer, CancellationError()))
            }
            return HTTPStreamingResponse(head: head, transfer: transfer, loop: loop, client: self)
        } catch {
            loop.post(.cancel(transfer, CancellationError()))
            throw error
        }
    }
}
