import Foundation
import HTTPTransport
import RequestScheduler
import Synchronization

/// A response whose head has arrived and whose body the caller pulls when it is ready for it.
///
/// Opening the next Bulk results page while the current one is still being written lets the org render it in
/// the meantime; until the body is read, the transfer holds at most the transport's stream buffer
/// (`TransportConfiguration.streamBufferBytes`) and the rest waits on the server.
public final class OpenedResponse: Sendable {
    public let head: HTTPResponseHead
    private let response: HTTPStreamingResponse
    private let url: String
    private let done = Atomic<Bool>(false)

    init(head: HTTPResponseHead, response: HTTPStreamingResponse, url: String) {
        self.head = head
        self.response = response
        self.url = url
    }

    /// The next piece of the body, nil after the last.
    /// - Throws: `SalesforceError.network` when the transfer breaks off (the page must be requested again from
    ///   the start), `CancellationError` when the task is cancelled.
    public func nextChunk() async throws -> [UInt8]? {
        do {
            let chunk = try await response.nextChunk()
            if chunk == nil { done.store(true, ordering: .releasing) }
            return chunk
        } catch let error as HTTPTransportError {
            done.store(true, ordering: .releasing)
            throw SalesforceError.network(error, url: url, context: "the download broke off")
        } catch {
            done.store(true, ordering: .releasing)
            throw error
        }
    }

    /// Stops the transfer unless it has ended (a response dropped unread is cancelled too).
    public func cancel() {
        if !done.load(ordering: .acquiring) { response.cancel() }
    }
}

extension SalesforceClient {
    /// Sends `request` and returns once a successful head has arrived, leaving the body to the caller; with the
    /// same session renewal and retries as `perform` up to that point (nothing of the body has been read yet, so
    /// a failure before the head is retried like any idempotent request).
    ///
    /// - Throws: `SalesforceError` for a non-accepted status (with Salesforce's errorCode) or a network failure.
    func open(_ request: APIRequest) async throws -> OpenedResponse {
        var session = try await sessions.session()
        var renewed = false
        while true {
            let url = url(for: request, instance: session.instanceURL)
            let httpRequest = makeHTTPRequest(request, url: url, token: session.accessToken)
            let observer = settings.requestObserver
            let scheduler = self.scheduler
            let http = self.http
            let outcome: (HTTPStreamingResponse?, StreamOutcome)
            do {
                outcome = try await scheduler.run(idempotent: request.idempotent) {
                    try await Self.openExchange(http: http, request: httpRequest, scheduler: scheduler, observer: observer)
                }
            } catch {
                throw Self.translate(error, url: url)
            }
            let head = outcome.1.head
            if head.status == 401 && !renewed {
                renewed = true
                session = try await sessions.renew(rejected: session)
                continue
            }
            guard request.accepts(head.status), let response = outcome.0 else {
                throw SalesforceError.fromResponse(status: head.status, body: outcome.1.errorBody)
            }
            return OpenedResponse(head: head, response: response, url: url)
        }
    }

    /// One attempt: the head, and the response to read on when it is a success (else its error body). A
    /// success is reported to the observer at its head unless `reportSuccessHead` is false (a caller that reads
    /// the body itself reports the exchange when the body is in).
    static func openExchange(
        http: HTTPClient, request: HTTPRequest, scheduler: RequestScheduler, observer: (@Sendable (RequestEvent) -> Void)?,
        reportSuccessHead: Bool = true
    ) async throws -> (HTTPStreamingResponse?, StreamOutcome) {
        let clock = ContinuousClock()
        let start = clock.now
        let path = Redaction.redactURL(URLBuilder.pathAndQuery(of: request.url))
        func report(status: Int?, received: Int, failure: String? = nil) {
            observer?(
                RequestEvent(
                    method: request.method, path: path, status: status, bytesSent: request.body.byteCount,
                    bytesReceived: received, duration: clock.now - start, failure: failure))
        }
        let response: HTTPStreamingResponse
        do {
            response = try await http.start(request)
        } catch let error as HTTPTransportError {
            report(status: nil, received: 0, failure: "\(error)")
            throw RetryableFailure(error: .network(error, url: request.url), decision: RetryableFailure.decision(for: error))
        }
        let head = response.head
        if let header = head.headers["Sforce-Limit-Info"], let usage = APIUsage(header: header) {
            await scheduler.recordAPIUsage(used: usage.used, max: usage.max)
        }
        guard head.isSuccess else {
            let body: [UInt8]
            do {
                body = try await response.collect(upTo: 4 * 1024 * 1024)
            } catch let error as HTTPTransportError {
                report(status: head.status, received: 0, failure: "\(error)")
                throw RetryableFailure(error: .network(error, url: request.url), decision: .retryIfIdempotent)
            }
            report(status: head.status, received: body.count)
            if let decision = RetryableFailure.decision(status: head.status, headers: head.headers, body: body) {
                throw RetryableFailure(error: SalesforceError.fromResponse(status: head.status, body: body), decision: decision)
            }
            return (nil, StreamOutcome(head: head, errorBody: body))
        }
        // The body is read later by the caller; the exchange is reported when its head is in.
        if reportSuccessHead { report(status: head.status, received: 0) }
        return (response, StreamOutcome(head: head, errorBody: []))
    }
}
