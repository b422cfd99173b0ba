import CCrypto

/// An RSA private key held by OpenSSL, used to sign JWT bearer assertions (RS256).
///
/// Reads PKCS#1 (`BEGIN RSA PRIVATE KEY`) and PKCS#8 (`BEGIN PRIVATE KEY`) PEM text. Encrypted keys are
/// refused with an error that says how to decrypt them: sfbatch never prompts for a passphrase.
public final class RSAPrivateKey: @unchecked Sendable {
    // Safety: `pkey` is created in init, never mutated afterwards and freed in deinit. OpenSSL 3
    // documents EVP_PKEY as safe for concurrent read-only use; every signing call builds its own
    // EVP_MD_CTX, so no OpenSSL state is shared between threads.
    let pkey: OpaquePointer

    init(taking pkey: OpaquePointer) {
        self.pkey = pkey
    }

    deinit { EVP_PKEY_free(pkey) }

    /// A no-prompt passphrase callback: OpenSSL's default would read from the terminal.
    static let refusePassphrase:
        @convention(c) (
            UnsafeMutablePointer<CChar>?, Int32, Int32, UnsafeMutableRawPointer?
        ) -> Int32 = { _, _, _, _ in -1 }

    /// Parses a PEM private key.
    ///
    /// - Parameter pem: the full PEM text, including the `-----BEGIN` line.
    /// - Throws: `RSASigningError` `.encryptedKey`, `.invalidPEM` or `.notRSA`.
    public convenience init(pem: String) throws {
        if pem.contains("ENCRYPTED") {
            throw RSASigningError(
                .encryptedKey,
                "the private key is encrypted; write an unencrypted copy with "
                    + "`openssl pkey -in key.pem -out key-plain.pem` and keep it mode 0600")
        }
        OpenSSLErrorQueue.clear()
        let parsed = try MemoryBIO.reading(pem) { bio in
            PEM_read_bio_PrivateKey(bio, nil, RSAPrivateKey.refusePassphrase, nil)
        }
        guard let parsed else {
            throw RSASigningError.fromOpenSSL(
                .invalidPEM,
                "the text is not a PEM private key (expected '-----BEGIN PRIVATE KEY-----' "
                    + "or '-----BEGIN RSA PRIVATE KEY-----')")
        }
        guard EVP_PKEY_get_base_id(parsed) == EVP_PKEY_RSA else {
            EVP_PKEY_free(parsed)
            throw RSASigningError(
                .notRSA, "the private key is not an RSA key; RS256 needs an RSA key of 2048 bits or more")
        }
        self.init(taking: parsed)
    }

    /// Generates a new RSA key pair.
    ///
    /// - Parameter bits: modulus size; 2048 is the minimum Salesforce accepts for JWT certificates.
    /// - Throws: `RSASigningError.Kind.generationFailed`.
    public static func generate(bits: Int = 2048) throws -> RSAPrivateKey {
        OpenSSLErrorQueue.clear()
        guard let context = EVP_PKEY_CTX_new_id(EVP_PKEY_RSA, nil) else {
            throw RSASigningError.fromOpenSSL(.generationFailed, "could not create an RSA key generation context")
        }
        defer { EVP_PKEY_CTX_free(context) }
        guard EVP_PKEY_keygen_init(context) == 1, EVP_PKEY_CTX_set_rsa_keygen_bits(context, Int32(bits)) == 1 else {
            throw RSASigningError.fromOpenSSL(.generationFailed, "could not prepare RSA key generation of \(bits) bits")
        }
        var key: OpaquePointer? = nil
        guard EVP_PKEY_generate(context, &key) == 1, let key else {
            throw RSASigningError.fromOpenSSL(.generationFailed, "RSA key generation of \(bits) bits failed")
        }
        return RSAPrivateKey(taking: key)
    }

    /// The modulus size in bits.
    public var bits: Int { Int(EVP_PKEY_get_bits(pkey)) }

    /// The key as unencrypted PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`).
    public func pemRepresentation() throws -> String {
        try MemoryBIO.writing("private key") { bio in
            PEM_write_bio_PrivateKey(bio, pkey, nil, nil, 0, nil, nil)
        }
    }

    /// The matching public key.
    public func publicKey() throws -> RSAPublicKey {
        let pem = try MemoryBIO.writing("public key") { bio in PEM_write_bio_PUBKEY(bio, pkey) }
        return try RSAPublicKey(pem: pem)
    }

    /// Signs `message` with RSASSA-PKCS1-v1_5 over SHA-256 (JWS `RS256`).
    ///
    /// - Returns: the raw signature, as long as the modulus (256 bytes for a 2048-bit key).
    /// - Throws: `RSASigningError.Kind.signingFailed`.
    public func sign(_ message: [UInt8]) throws -> [UInt8] {
        OpenSSLErrorQueue.clear()
        guard let context = EVP_MD_CTX_new() else {
            throw RSASigningError.fromOpenSSL(.signingFailed, "could not create a signing context")
        }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestSignInit(context, nil, EVP_sha256(), nil, pkey) == 1 else {
            throw RSASigningError.fromOpenSSL(.signingFailed, "could not start an RS256 signature")
        }
        var length = 0
        guard EVP_DigestSign(context, nil, &length, message, message.count) == 1 else {
            throw RSASigningError.fromOpenSSL(.signingFailed, "could not size the RS256 signature")
        }
        var signature = [UInt8](repeating: 0, count: length)
        guard EVP_DigestSign(context, &signature, &length, message, message.count) == 1 else {
            throw RSASigningError.fromOpenSSL(.signingFailed, "RS256 signing failed")
        }
        return Array(signature.prefix(length))
    }
}
