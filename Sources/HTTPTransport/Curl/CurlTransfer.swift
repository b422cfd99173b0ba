import CCurl

/// One request in flight: the libcurl easy handle and everything its callbacks touch.
///
/// Built on the submitting task, then handed to the libcurl thread through the event loop's locked
/// inbox; from then on only that thread touches it, until `complete` runs there.
final class CurlTransfer: @unchecked Sendable {
    // Safety: the mutable state (easy handle, header list, header parsing, body source) is written
    // during `init` on the submitting thread and afterwards only on the libcurl thread; the hand-over
    // goes through the event loop's Mutex-protected inbox, which orders those accesses. The only state
    // other threads use is `queue`, which is Sendable (Mutex inside), and the immutable `host`.

    let easy: UnsafeMutableRawPointer
    let host: String
    /// Whether a proxy is in the path for this request (for error messages).
    let viaProxy: Bool
    let queue: ResponseBodyQueue
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private let body: RequestBodySource?
    private var isDone = false

    // Header parsing state for the response currently being received.
    private var status = 0
    private var httpVersion = "HTTP/1.1"
    private var headers = HTTPHeaders()

    /// Creates and configures the easy handle.
    ///
    /// - Throws: `HTTPTransportError.Kind.invalidRequest` for an unusable URL, method or body.
    init(request: HTTPRequest, configuration: TransportConfiguration, streamBuffer: Int) throws {
        host = request.host
        viaProxy = ProxySelection.proxy(for: request.url, configuration: configuration) != nil
        let scheme = URLParts.scheme(of: request.url)
        guard scheme == "http" || scheme == "https" else {
            throw HTTPTransportError(
                kind: .invalidRequest, host: host, detail: "only http and https URLs are supported",
                mayHaveReachedServer: false)
        }
        guard let easy = curl_easy_init() else {
            throw HTTPTransportError(
                kind: .other, host: host, detail: "libcurl could not create a request handle",
                mayHaveReachedServer: false)
        }
        self.easy = easy
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        queue = ResponseBodyQueue(highWater: streamBuffer, host: host)
        do {
            switch request.body {
            case .none:
                // POST, PUT and PATCH without a body still send Content-Length: 0, which servers require.
                let method = request.method.uppercased()
                body = method == "POST" || method == "PUT" || method == "PATCH" ? RequestBodySource(bytes: []) : nil
            case .bytes(let bytes): body = RequestBodySource(bytes: bytes)
            case .file(let path): body = try RequestBodySource(path: path, host: host)
            }
        } catch {
            curl_easy_cleanup(easy)
            errorBuffer.deallocate()
            throw error
        }
        try configure(request, configuration)
    }

    deinit {
        releaseHandle()
        errorBuffer.deallocate()
    }

    /// Frees the easy handle and header list; idempotent. The loop calls it once the handle left the
    /// multi handle.
    func releaseHandle() {
        guard !isDone else { return }
        isDone = true
        curl_easy_cleanup(easy)
        if let headerList { curl_slist_free_all(headerList) }
        headerList = nil
    }

    private func configure(_ request: HTTPRequest, _ configuration: TransportConfiguration) throws {
        var failed: CURLcode = CURLE_OK
        func set(_ option: CURLoption, _ value: Int) {
            let code = sfb_easy_setopt_long(easy, option, value)
            if code != CURLE_OK, failed == CURLE_OK { failed = code }
        }
        func set(_ option: CURLoption, _ value: String) {
            let code = sfb_easy_setopt_ptr(easy, option, value)
            if code != CURLE_OK, failed == CURLE_OK { failed = code }
        }
        let context = Unmanaged.passUnretained(self).toOpaque()

        set(CURLOPT_URL, request.url)
        set(CURLOPT_PROTOCOLS_STR, "http,https")
        set(CURLOPT_NOSIGNAL, 1)
        set(CURLOPT_NOPROGRESS, 1)
        set(CURLOPT_TCP_KEEPALIVE, 1)
        set(CURLOPT_FOLLOWLOCATION, 0)
        set(CURLOPT_SUPPRESS_CONNECT_HEADERS, 1)
        set(CURLOPT_HTTP_VERSION, Int(configuration.allowHTTP2 ? CURL_HTTP_VERSION_2TLS : CURL_HTTP_VERSION_1_1))
        // Wait for a multiplexed HTTP/2 connection rather than opening one per request.
        set(CURLOPT_PIPEWAIT, 1)
        set(CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(configuration.connectTimeout))
        set(CURLOPT_LOW_SPEED_LIMIT, configuration.lowSpeedLimit)
        set(CURLOPT_LOW_SPEED_TIME, max(1, Self.milliseconds(configuration.lowSpeedTime) / 1000))
        if let timeout = request.timeout { set(CURLOPT_TIMEOUT_MS, max(1, Self.milliseconds(timeout))) }
        set(CURLOPT_SSL_VERIFYPEER, configuration.verifyTLS ? 1 : 0)
        set(CURLOPT_SSL_VERIFYHOST, configuration.verifyTLS ? 2 : 0)
        if let caBundlePath = configuration.caBundlePath {
            set(CURLOPT_CAINFO, caBundlePath)
            set(CURLOPT_PROXY_CAINFO, caBundlePath)
        }
        if let proxy = configuration.proxy { set(CURLOPT_PROXY, proxy) }
        if let noProxy = configuration.noProxy { set(CURLOPT_NOPROXY, noProxy) }
        set(CURLOPT_USERAGENT, configuration.userAgent)
        if request.decompressResponse { set(CURLOPT_ACCEPT_ENCODING, "gzip") }
        set(CURLOPT_HTTP_CONTENT_DECODING, request.decompressResponse ? 1 : 0)
        _ = sfb_easy_setopt_ptr(easy, CURLOPT_ERRORBUFFER, errorBuffer)

        _ = sfb_easy_setopt_write(easy, CurlCallbacks.write)
        _ = sfb_easy_setopt_ptr(easy, CURLOPT_WRITEDATA, context)
        _ = sfb_easy_setopt_header(easy, CurlCallbacks.header)
        _ = sfb_easy_setopt_ptr(easy, CURLOPT_HEADERDATA, context)

        let method = request.method.uppercased()
        if let body {
            set(CURLOPT_POST, 1)
            _ = sfb_easy_setopt_off(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.length))
            _ = sfb_easy_setopt_read(easy, CurlCallbacks.read)
            _ = sfb_easy_setopt_ptr(easy, CURLOPT_READDATA, context)
            _ = sfb_easy_setopt_seek(easy, CurlCallbacks.seek)
            _ = sfb_easy_setopt_ptr(easy, CURLOPT_SEEKDATA, context)
            if method != "POST" { set(CURLOPT_CUSTOMREQUEST, method) }
        } else {
            switch method {
            case "GET": set(CURLOPT_HTTPGET, 1)
            case "HEAD": set(CURLOPT_NOBODY, 1)
            default: set(CURLOPT_CUSTOMREQUEST, method)
            }
        }

        // "Name;" is libcurl's spelling of a header with an empty value.
        var lines = request.headers.map { name, value in value.isEmpty ? "\(name);" : "\(name): \(value)" }
        if request.compressBody { lines.append("Content-Encoding: gzip") }
        // "Name:" removes a header libcurl would add: without this it waits up to a second for
        // "100 Continue" before large bodies.
        lines.append("Expect:")
        for line in lines {
            guard let appended = curl_slist_append(headerList, line) else {
                failed = CURLE_OUT_OF_MEMORY
                break
            }
            headerList = appended
        }
        if let headerList { _ = sfb_easy_setopt_ptr(easy, CURLOPT_HTTPHEADER, headerList) }

        if failed != CURLE_OK {
            let detail = String(cString: curl_easy_strerror(failed))
            throw HTTPTransportError(
                kind: .invalidRequest, host: host, detail: detail, curlCode: Int(failed.rawValue),
                mayHaveReachedServer: false)
        }
    }

    static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    }

    // MARK: callbacks (libcurl thread)

    /// A complete header line, CRLF included.
    func receiveHeaderLine(_ line: UnsafeRawBufferPointer) {
        guard !queue.hasHead else { return }  // trailers after the body
        var length = line.count
        while length > 0, line[length - 1] == UInt8(ascii: "\n") || line[length - 1] == UInt8(ascii: "\r") {
            length -= 1
        }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: line[0..<length]), as: UTF8.self)
        if text.hasPrefix("HTTP/") {
            // A new status line: a 1xx interim response or a proxy's answer came before; start over.
            let parts = text.split(separator: " ", maxSplits: 2)
            httpVersion = parts.first.map(String.init) ?? "HTTP/1.1"
            status = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
            headers = HTTPHeaders()
        } else if let colon = text.firstIndex(of: ":") {
            let name = String(text[..<colon])
            let value = text[text.index(after: colon)...].trimmingSpaces()
            headers.add(name: name, value: value)
        } else if text.isEmpty, status >= 200 {
            // End of the final header block; a body (if any) follows.
            publishHead()
        }
    }

    /// Body bytes; false asks libcurl to pause.
    func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        publishHead()
        return queue.offer(bytes)
    }

    /// Up to `capacity` request body bytes; nil aborts the transfer.
    func readBody(into buffer: UnsafeMutableRawPointer, capacity: Int) -> Int? {
        body?.read(into: buffer, capacity: capacity) ?? 0
    }

    /// Rewinds the request body.
    func seekBody(to offset: Int) -> Bool {
        body?.seek(to: offset) ?? (offset == 0)
    }

    private func publishHead() {
        guard !queue.hasHead, status > 0 else { return }
        queue.deliverHead(HTTPResponseHead(status: status, headers: headers, httpVersion: httpVersion))
    }

    /// Finishes the transfer after libcurl reported it done (or it was cancelled) and the handle left
    /// the multi handle.
    func complete(_ code: CURLcode, cancelledWith cancellation: (any Error)? = nil) {
        if let cancellation {
            releaseHandle()
            queue.finish(.failure(cancellation))
            return
        }
        if code == CURLE_OK {
            if !queue.hasHead {
                var responseCode = 0
                _ = sfb_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &responseCode)
                if status == 0 { status = responseCode }
                publishHead()
            }
            releaseHandle()
            queue.finish(.success(()))
            return
        }
        var pretransfer: curl_off_t = 0
        _ = sfb_easy_getinfo_off(easy, CURLINFO_PRETRANSFER_TIME_T, &pretransfer)
        let detail = String(cString: errorBuffer)
        let error = HTTPTransportError(
            curlCode: code, host: host, detail: detail, requestStarted: pretransfer > 0 || queue.hasHead,
            viaProxy: viaProxy)
        releaseHandle()
        queue.finish(.failure(error))
    }
}

extension StringProtocol {
    fileprivate func trimmingSpaces() -> String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice.removeFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice.removeLast() }
        return String(slice)
    }
}
