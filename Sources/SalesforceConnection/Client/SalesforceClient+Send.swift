import Foundation
import HTTPTransport
import RequestScheduler

extension SalesforceClient {
    /// Sends `request` with the current session and returns the response; a 401 renews the session once (shared
    /// with every other request that met it) and replays.
    ///
    /// - Throws: `SalesforceError` for a non-accepted status (with Salesforce's errorCode), a network failure, an
    ///   exhausted retry budget, the API usage ceiling, or an outcome that cannot be known.
    func perform(_ request: APIRequest) async throws -> HTTPResponse {
        if request.anonymous {
            let instance = settings.instanceURL ?? settings.loginURL
            let response = try await send(request, token: nil, instance: instance)
            guard request.accepts(response.status) else {
                throw SalesforceError.fromResponse(status: response.status, body: response.body)
            }
            return response
        }
        var session = try await sessions.session()
        var renewed = false
        while true {
            let response = try await send(request, token: session.accessToken, instance: session.instanceURL)
            if response.status == 401 && !renewed {
                renewed = true
                session = try await sessions.renew(rejected: session)
                continue
            }
            guard request.accepts(response.status) else {
                throw SalesforceError.fromResponse(status: response.status, body: response.body)
            }
            return response
        }
    }

    /// Sends `request` and delivers the response body to `onChunk` as it arrives (Bulk result files), with the
    /// same session renewal as `perform`. Error bodies are never passed to `onChunk`.
    ///
    /// A transfer that breaks after bytes were delivered is not retried (the caller has part of the body); it
    /// throws a `.network` error, and the caller may request the same resource again from the start.
    func performStreaming(_ request: APIRequest, onChunk: @escaping @Sendable ([UInt8]) throws -> Void)
        async throws -> HTTPResponseHead
    {
        var session = try await sessions.session()
        var renewed = false
        while true {
            let url = url(for: request, instance: session.instanceURL)
            let httpRequest = makeHTTPRequest(request, url: url, token: session.accessToken)
            let observer = settings.requestObserver
            let scheduler = self.scheduler
            let http = self.http
            let outcome: StreamOutcome
            do {
                outcome = try await scheduler.run(idempotent: request.idempotent) {
                    try await Self.streamExchange(
                        http: http, request: httpRequest, scheduler: scheduler, observer: observer, onChunk: onChunk)
                }
            } catch {
                throw Self.translate(error, url: url)
            }
            if outcome.head.status == 401 && !renewed {
                renewed = true
                session = try await sessions.renew(rejected: session)
                continue
            }
            guard request.accepts(outcome.head.status) else {
                throw SalesforceError.fromResponse(status: outcome.head.status, body: outcome.errorBody)
            }
            return outcome.head
        }
    }

    /// One scheduled attempt series for `request` with `token`.
    private func send(_ request: APIRequest, token: Secret?, instance: String) async throws -> HTTPResponse {
        let url = url(for: request, instance: instance)
        let httpRequest = makeHTTPRequest(request, url: url, token: token)
        let observer = settings.requestObserver
        let scheduler = self.scheduler
        let http = self.http
        do {
            return try await scheduler.run(idempotent: request.idempotent) {
                let response = try await Self.exchange(http: http, request: httpRequest, observer: observer)
                await scheduler.recordBytes(sent: Int64(httpRequest.body.byteCount), received: Int64(response.body.count))
                if let header = response.headers["Sforce-Limit-Info"], let usage = APIUsage(header: header) {
                    await scheduler.recordAPIUsage(used: usage.used, max: usage.max)
                }
                return response
            }
        } catch {
            throw Self.translate(error, url: url)
        }
    }

    func makeHTTPRequest(_ request: APIRequest, url: String, token: Secret?) -> HTTPRequest {
        var headers: [(String, String)] = []
        if let token { headers.append(("Authorization", "Bearer \(token.revealed)")) }
        if !request.headers.contains(where: { $0.0.lowercased() == "accept" }) {
            headers.append(("Accept", "application/json"))
        }
        if settings.acceptGzip { headers.append(("Accept-Encoding", "gzip")) }
        headers += request.headers
        return HTTPRequest(
            method: request.method, url: url, headers: headers, body: request.body, compressBody: request.compressBody)
    }

    /// One HTTP exchange: sends, reports it to the observer, and turns retryable statuses and transport failures
    /// into `RetryableFailure` for the scheduler. Other responses (including errors) are returned.
    static func exchange(http: HTTPClient, request: HTTPRequest, observer: (@Sendable (RequestEvent) -> Void)?)
        async throws -> HTTPResponse
    {
        let clock = ContinuousClock()
        let start = clock.now
        let sent = request.body.byteCount
        let path = Redaction.redactURL(URLBuilder.pathAndQuery(of: request.url))
        let response: HTTPResponse
        do {
            response = try await http.send(request)
        } catch let error as HTTPTransportError {
            observer?(
                RequestEvent(
                    method: request.method, path: path, status: nil, bytesSent: sent, bytesReceived: 0,
                    duration: clock.now - start, failure: "\(error)"))
            throw RetryableFailure(
                error: .network(error, url: request.url),
                decision: RetryableFailure.decision(for: error))
        }
        observer?(
            RequestEvent(
                method: request.method, path: path, status: response.status, bytesSent: sent,
                bytesReceived: response.body.count, duration: clock.now - start))
        if let decision = RetryableFailure.decision(
            status: response.status, headers: response.headers, body: response.body)
        {
            throw RetryableFailure(
                error: SalesforceError.fromResponse(status: response.status, body: response.body), decision: decision)
        }
        return response
    }

    /// The result of a streamed exchange: its head, and the body when the status was an error.
    struct StreamOutcome: Sendable {
        var head: HTTPResponseHead
        var errorBody: [UInt8]
    }

    /// One streamed HTTP exchange. The head arrives first: a success body goes to `onChunk` chunk by chunk; an
    /// error body (a small JSON array) is collected for the error, never passed on.
    static func streamExchange(
        http: HTTPClient, request: HTTPRequest, scheduler: RequestScheduler,
        observer: (@Sendable (RequestEvent) -> Void)?, onChunk: @escaping @Sendable ([UInt8]) throws -> Void
    ) async throws -> StreamOutcome {
        let clock = ContinuousClock()
        let start = clock.now
        let path = Redaction.redactURL(URLBuilder.pathAndQuery(of: request.url))
        let sent = request.body.byteCount
        func report(status: Int?, received: Int, failure: String? = nil) {
            observer?(
                RequestEvent(
                    method: request.method, path: path, status: status, bytesSent: sent, bytesReceived: received,
                    duration: clock.now - start, failure: failure))
        }
        let (opened, outcome) = try await openExchange(
            http: http, request: request, scheduler: scheduler, observer: observer, reportSuccessHead: false)
        guard let response = opened else { return outcome }
        let head = outcome.head
        var delivered = 0
        do {
            while let chunk = try await response.nextChunk() {
                try onChunk(chunk)
                delivered += chunk.count
            }
        } catch let error as HTTPTransportError {
            response.cancel()
            report(status: head.status, received: delivered, failure: "\(error)")
            let failure = SalesforceError.network(
                error, url: request.url,
                context: delivered > 0 ? "the download broke off after \(delivered) bytes" : nil)
            throw RetryableFailure(
                error: failure, decision: delivered > 0 ? .fail : RetryableFailure.decision(for: error))
        } catch {
            response.cancel()
            throw error
        }
        report(status: head.status, received: delivered)
        await scheduler.recordBytes(sent: Int64(sent), received: Int64(delivered))
        return StreamOutcome(head: head, errorBody: [])
    }

    /// Turns whatever a scheduled operation threw into a `SalesforceError` (cancellation passes through).
    static func translate(_ error: any Error, url: String) -> any Error {
        switch error {
        case let failure as RetryableFailure:
            return failure.error
        case let salesforce as SalesforceError:
            return salesforce
        case is CancellationError:
            return error
        case let scheduler as SchedulerError:
            return SchedulerErrorMapping.map(scheduler, url: url)
        case let transport as HTTPTransportError:
            return SalesforceError.network(transport, url: url)
        default:
            // The caller's own errors (thrown from a chunk handler) come back unchanged.
            return error
        }
    }
}

extension HTTPBody {
    /// Bytes of an in-memory body (files report 0; their size is logged by the transport).
    var byteCount: Int {
        if case .bytes(let bytes) = self { return bytes.count }
        return 0
    }
}
