import CCrypto

/// Incremental SHA-256 through OpenSSL, for digests of data too large to hold at once (export files for
/// `manifest.json`). One instance digests one stream; it is not shared between threads.
public final class SHA256Hasher {
    // The EVP context is owned by this object alone and freed in deinit.
    private let context: OpaquePointer?
    private var finished = false

    /// A hasher ready for `update`.
    public init() {
        context = EVP_MD_CTX_new()
        if let context { EVP_DigestInit_ex(context, EVP_sha256(), nil) }
    }

    deinit { EVP_MD_CTX_free(context) }

    /// Adds `bytes` to the digest.
    public func update(_ bytes: UnsafeRawBufferPointer) {
        guard let context, !finished, let base = bytes.baseAddress, bytes.count > 0 else { return }
        EVP_DigestUpdate(context, base, bytes.count)
    }

    /// The 32-byte digest of everything added so far; the hasher takes no more input afterwards.
    /// - Throws: `RSASigningError` when OpenSSL could not allocate its context.
    public func finalize() throws -> [UInt8] {
        guard let context, !finished else {
            throw RSASigningError.fromOpenSSL(.digestFailed, "The SHA-256 digest could not be computed (context unavailable or already finalized).")
        }
        finished = true
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        guard EVP_DigestFinal_ex(context, &digest, &length) == 1 else {
            throw RSASigningError.fromOpenSSL(.digestFailed, "The SHA-256 digest could not be finalized.")
        }
        return Array(digest.prefix(Int(length)))
    }
}
