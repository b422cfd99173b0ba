import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// The HTTP/1.1 (optionally TLS) server of the simulated org.
public final class SimulatorServer: Sendable {
    public let org: Org
    let configuration: ServerConfiguration
    private let group: MultiThreadedEventLoopGroup
    private let pool: NIOThreadPool
    private let channel: Locked<Channel?> = Locked(nil)
    private let processor: RequestProcessor

    /// Builds the router with every route and opens the access log.
    /// - Throws: `ConfigurationError` when the access log cannot be opened.
    public init(org: Org, configuration: ServerConfiguration) throws {
        self.org = org
        self.configuration = configuration
        group = MultiThreadedEventLoopGroup(numberOfThreads: max(1, configuration.eventLoopThreads))
        pool = NIOThreadPool(numberOfThreads: max(1, configuration.workerThreads))
        var router = Router()
        CoreRoutes.install(into: &router)
        QueryRoutes.install(into: &router)
        let log = try configuration.accessLogPath.map { try AccessLog(path: $0) }
        let routes = router
        org.routerBox.withLock { $0 = routes }
        processor = RequestProcessor(org: org, router: router, accessLog: log)
    }

    /// Binds and starts serving; returns the base URL (`http://127.0.0.1:54321`).
    public func start() async throws -> String {
        pool.start()
        var sslContext: NIOSSLContext?
        if let cert = configuration.tlsCertificatePath, let key = configuration.tlsKeyPath {
            let chain = try NIOSSLCertificate.fromPEMFile(cert).map { NIOSSLCertificateSource.certificate($0) }
            let tls = TLSConfiguration.makeServerConfiguration(
                certificateChain: chain, privateKey: .privateKey(try NIOSSLPrivateKey(file: key, format: .pem)))
            sslContext = try NIOSSLContext(configuration: tls)
        }
        let processor = self.processor
        let pool = self.pool
        let maxBody = configuration.maxBodyBytes
        let ssl = sslContext
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.backlog, value: 512)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let ssl { try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: ssl)) }
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(
                        HTTPRequestHandler(processor: processor, pool: pool, maxBodyBytes: maxBody))
                }
            }
        let bound = try await bootstrap.bind(host: configuration.host, port: configuration.port).get()
        channel.withLock { $0 = bound }
        let port = bound.localAddress?.port ?? configuration.port
        let scheme = ssl == nil ? "http" : "https"
        let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
        let url = "\(scheme)://\(host):\(port)"
        org.setInstanceURL(url)
        return url
    }

    /// Waits until the server channel closes.
    public func waitUntilClosed() async throws {
        guard let ch = channel.snapshot else { return }
        try await ch.closeFuture.get()
    }

    /// Stops listening and releases the threads.
    public func stop() async {
        if let ch = channel.snapshot { try? await ch.close() }
        try? await pool.shutdownGracefully()
        try? await group.shutdownGracefully()
    }
}

/// Collects one request (bounded body), hands it to a worker thread and writes the response.
final class HTTPRequestHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let processor: RequestProcessor
    let pool: NIOThreadPool
    let maxBodyBytes: Int
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []
    private var tooLarge = false
    private var rejected = false

    static func tooLargeError(_ max: Int) -> APIError {
        APIError(status: 413, "EXCEEDED_MAX_SIZE_REQUEST", "Request body exceeds the maximum size of \(max / (1024 * 1024)) MB")
    }

    init(processor: RequestProcessor, pool: NIOThreadPool, maxBodyBytes: Int) {
        self.processor = processor
        self.pool = pool
        self.maxBodyBytes = maxBodyBytes
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case let .head(h):
            head = h
            body = []
            tooLarge = false
            if let length = h.headers.first(name: "Content-Length").flatMap(Int.init), length > maxBodyBytes {
                // Answer at once and close: the client may still be sending a body we will never read.
                tooLarge = true
                rejected = true
                write(context: context, response: Self.tooLargeError(maxBodyBytes).response, version: h.version, keepAlive: false)
            }
        case var .body(buffer):
            guard !tooLarge else { return }
            if body.count + buffer.readableBytes > maxBodyBytes {
                tooLarge = true
                body = []
                return
            }
            if let bytes = buffer.readBytes(length: buffer.readableBytes) { body.append(contentsOf: bytes) }
        case .end:
            guard let head else { return }
            self.head = nil
            if rejected {
                rejected = false
                body = []
                return
            }
            let keepAlive = head.isKeepAlive
            let version = head.version
            if tooLarge {
                write(context: context, response: Self.tooLargeError(maxBodyBytes).response, version: version, keepAlive: false)
                body = []
                return
            }
            let headers = head.headers.map { ($0.name, $0.value) }
            let request = SimRequest(method: head.method.rawValue, uri: head.uri, headers: headers, body: body)
            body = []
            let remote = context.channel.remoteAddress?.ipAddress ?? "-"
            let processor = self.processor
            let loop = context.eventLoop
            let bound = NIOLoopBound((self, context), eventLoop: loop)
            // In flight from arrival until the response is fully written, injected latency included.
            let stats = processor.org.stats
            stats.requestStarted()
            pool.runIfActive(eventLoop: loop) { processor.process(request, remote: remote) }
                .whenComplete { result in
                    let (handler, context) = bound.value
                    switch result {
                    case let .success(.respond(response, delay)):
                        if delay > 0 {
                            let task = loop.scheduleTask(in: .milliseconds(Int64(delay))) {
                                let (handler, context) = bound.value
                                handler.write(
                                    context: context, response: response, version: version, keepAlive: keepAlive,
                                    written: stats.requestEnded)
                            }
                            // A loop shutting down cancels the task; the request still leaves the count.
                            task.futureResult.whenFailure { _ in stats.requestEnded() }
                        } else {
                            handler.write(
                                context: context, response: response, version: version, keepAlive: keepAlive,
                                written: stats.requestEnded)
                        }
                    case .success(.drop), .failure:
                        context.close(promise: nil)
                        stats.requestEnded()
                    }
                }
        }
    }

    /// Writes the response; `written` runs once the last part is flushed (or at once when the
    /// connection is already gone).
    func write(
        context: ChannelHandlerContext, response: SimResponse, version: HTTPVersion, keepAlive: Bool,
        written: (@Sendable () -> Void)? = nil
    ) {
        guard context.channel.isActive else {
            written?()
            return
        }
        var headers = HTTPHeaders(response.headers)
        headers.replaceOrAdd(name: "Content-Length", value: String(response.body.count))
        headers.replaceOrAdd(name: "Date", value: Self.httpDate())
        if !keepAlive { headers.replaceOrAdd(name: "Connection", value: "close") }
        let status = HTTPResponseStatus(statusCode: response.status)
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: version, status: status, headers: headers))), promise: nil)
        if !response.body.isEmpty {
            context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: response.body)))), promise: nil)
        }
        let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
            written?()
            if !keepAlive { bound.value.close(promise: nil) }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }

    /// The `Date` header value, formatted at most once per second (formatters are slow).
    static func httpDate() -> String {
        let now = Int(Date().timeIntervalSince1970)
        return dateCache.withLock { cache in
            if cache.second == now { return cache.text }
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
            cache = (now, formatter.string(from: Date(timeIntervalSince1970: Double(now))))
            return cache.text
        }
    }

    private static let dateCache = Locked((second: 0, text: ""))
}
