import CCurl

extension HTTPTransportError {
    /// Maps a libcurl result to a typed error.
    ///
    /// - Parameters:
    ///   - requestStarted: whether libcurl got past connecting and the TLS handshake (pre-transfer time
    ///     set), i.e. request bytes may have left this machine.
    ///   - viaProxy: whether the transfer was configured to go through a proxy.
    init(curlCode code: CURLcode, host: String, detail: String, requestStarted: Bool, viaProxy: Bool = false) {
        var kind: Kind
        var reached = requestStarted
        switch code {
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT, CURLE_READ_ERROR, CURLE_BAD_FUNCTION_ARGUMENT:
            kind = .invalidRequest
            reached = code == CURLE_READ_ERROR && requestStarted
        case CURLE_COULDNT_RESOLVE_HOST:
            kind = .dnsFailure
            reached = false
        case CURLE_COULDNT_RESOLVE_PROXY:
            kind = .proxyFailure
            reached = false
        case CURLE_COULDNT_CONNECT:
            kind = .connectFailed
            reached = false
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CACERT_BADFILE,
            CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_CRL_BADFILE,
            CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS:
            kind = .tlsFailure
            reached = false
        case CURLE_OPERATION_TIMEDOUT:
            kind = .timeout
        case CURLE_SEND_ERROR:
            kind = .sendFailed
        case CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE:
            kind = .recvFailed
        case CURLE_WEIRD_SERVER_REPLY, CURLE_BAD_CONTENT_ENCODING, CURLE_HTTP2, CURLE_HTTP2_STREAM,
            CURLE_HTTP3, CURLE_RANGE_ERROR:
            kind = .protocolError
        case CURLE_PROXY:
            kind = .proxyFailure
        default:
            kind = .other
        }
        // libcurl 7.x reports a refused proxy tunnel as a receive error; it never reached the server.
        if detail.contains("CONNECT tunnel failed") || detail.contains("from proxy after CONNECT") {
            kind = .proxyFailure
            reached = false
        }
        let text = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
        self.init(
            kind: kind, host: host, detail: text, curlCode: Int(code.rawValue), mayHaveReachedServer: reached,
            viaProxy: viaProxy)
    }
}
