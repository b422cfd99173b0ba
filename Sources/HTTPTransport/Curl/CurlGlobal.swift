import CCurl

/// libcurl's process-wide initialisation, done once before the first handle is made.
enum CurlGlobal {
    /// True when `curl_global_init` succeeded. A `static let` runs its initialiser exactly once, under
    /// Swift's thread-safe lazy initialisation.
    static let isInitialized: Bool = curl_global_init(SFB_CURL_GLOBAL_ALL) == CURLE_OK

    /// The libcurl version text, e.g. "libcurl/7.88.1 OpenSSL/3.0.11 zlib/1.2.13 nghttp2/1.52.0".
    static var versionText: String { String(cString: curl_version()) }
}
