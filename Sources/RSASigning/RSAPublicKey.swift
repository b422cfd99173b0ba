import CCrypto

/// An RSA public key, used to verify RS256 signatures (the simulator checks JWT bearer assertions with it).
///
/// Reads `BEGIN PUBLIC KEY` (SubjectPublicKeyInfo), `BEGIN RSA PUBLIC KEY` (PKCS#1) and
/// `BEGIN CERTIFICATE` (X.509, the form a connected app stores) PEM text.
public final class RSAPublicKey: @unchecked Sendable {
    // Safety: `pkey` is created in init, never mutated afterwards and freed in deinit; OpenSSL 3 allows
    // concurrent read-only use of an EVP_PKEY, and every verification builds its own EVP_MD_CTX.
    let pkey: OpaquePointer

    private init(taking pkey: OpaquePointer) {
        self.pkey = pkey
    }

    deinit { EVP_PKEY_free(pkey) }

    /// Parses a public key or an X.509 certificate in PEM form, detected by its BEGIN line.
    ///
    /// - Throws: `RSASigningError` `.invalidPEM` or `.notRSA`.
    public convenience init(pem: String) throws {
        OpenSSLErrorQueue.clear()
        let key: OpaquePointer?
        if pem.contains("-----BEGIN CERTIFICATE-----") {
            key = try MemoryBIO.reading(pem) { bio -> OpaquePointer? in
                guard let certificate = PEM_read_bio_X509(bio, nil, nil, nil) else { return nil }
                defer { X509_free(certificate) }
                return X509_get_pubkey(certificate)
            }
        } else if pem.contains("-----BEGIN RSA PUBLIC KEY-----") {
            key = try Self.pkcs1PublicKey(pem)
        } else {
            key = try MemoryBIO.reading(pem) { bio in PEM_read_bio_PUBKEY(bio, nil, nil, nil) }
        }
        guard let key else {
            throw RSASigningError.fromOpenSSL(
                .invalidPEM,
                "the text is not a PEM public key or certificate (expected '-----BEGIN PUBLIC KEY-----', "
                    + "'-----BEGIN RSA PUBLIC KEY-----' or '-----BEGIN CERTIFICATE-----')")
        }
        guard EVP_PKEY_get_base_id(key) == EVP_PKEY_RSA else {
            EVP_PKEY_free(key)
            throw RSASigningError(.notRSA, "the public key is not an RSA key; RS256 needs RSA")
        }
        self.init(taking: key)
    }

    /// Reads the public key of an X.509 certificate in PEM form.
    public convenience init(certificatePEM: String) throws {
        guard certificatePEM.contains("-----BEGIN CERTIFICATE-----") else {
            throw RSASigningError(
                .invalidPEM, "the text is not a PEM certificate (expected '-----BEGIN CERTIFICATE-----')")
        }
        try self.init(pem: certificatePEM)
    }

    /// Decodes PKCS#1 `RSAPublicKey` DER without the deprecated RSA_* API.
    private static func pkcs1PublicKey(_ pem: String) throws -> OpaquePointer? {
        let body = pem.split(whereSeparator: \.isNewline)
            .filter { !$0.hasPrefix("-----") }
            .joined()
        guard let der = Base64.decode(body) else { return nil }
        return der.withUnsafeBufferPointer { buffer -> OpaquePointer? in
            var cursor: UnsafePointer<UInt8>? = buffer.baseAddress
            return d2i_PublicKey(EVP_PKEY_RSA, nil, &cursor, buffer.count)
        }
    }

    /// The modulus size in bits.
    public var bits: Int { Int(EVP_PKEY_get_bits(pkey)) }

    /// The key as SubjectPublicKeyInfo PEM (`-----BEGIN PUBLIC KEY-----`).
    public func pemRepresentation() throws -> String {
        try MemoryBIO.writing("public key") { bio in PEM_write_bio_PUBKEY(bio, pkey) }
    }

    /// Checks an RS256 (RSASSA-PKCS1-v1_5 with SHA-256) signature.
    ///
    /// - Returns: true only when `signature` was made over exactly `message` by the matching private key.
    public func verify(signature: [UInt8], message: [UInt8]) -> Bool {
        OpenSSLErrorQueue.clear()
        defer { OpenSSLErrorQueue.clear() }
        guard let context = EVP_MD_CTX_new() else { return false }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestVerifyInit(context, nil, EVP_sha256(), nil, pkey) == 1 else { return false }
        return EVP_DigestVerify(context, signature, signature.count, message, message.count) == 1
    }
}
