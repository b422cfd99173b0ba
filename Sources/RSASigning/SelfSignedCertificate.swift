import CCrypto

/// Self-signed X.509 certificates for loopback TLS (the simulator's HTTPS listener and tests).
///
/// `generate` makes one certificate that is both a CA and a TLS server certificate, so the same PEM
/// serves as the server's certificate and as the client's `--cacert` bundle. `generateChain` makes a
/// separate CA and a leaf signed by it, for verifiers (OpenSSL 3 strict mode, Python's `ssl` since 3.13)
/// that refuse a CA certificate presented as the server's.
public enum SelfSignedCertificate {
    /// A CA certificate plus a leaf it signed.
    public struct Chain: Sendable {
        /// The CA certificate: the trust anchor to hand clients (`--cacert`).
        public let caCertificatePEM: String
        /// The server (leaf) certificate.
        public let certificatePEM: String
        /// The server's private key, PKCS#8 PEM.
        public let privateKeyPEM: String
        /// Leaf followed by CA: what a server sends as its chain.
        public var chainPEM: String { certificatePEM + caCertificatePEM }
    }

    /// Makes a self-signed CA-capable server certificate and its key.
    ///
    /// - Parameters:
    ///   - commonName: the subject and issuer CN.
    ///   - hosts: DNS names and IP addresses for subjectAltName; IP literals become `IP:` entries.
    ///   - validDays: validity from one hour ago, to tolerate small clock skew.
    /// - Throws: `RSASigningError.Kind.generationFailed`.
    public static func generate(
        commonName: String = "localhost", hosts: [String] = ["localhost", "127.0.0.1", "::1"], validDays: Int = 825
    ) throws -> (certificatePEM: String, privateKeyPEM: String) {
        let key = try RSAPrivateKey.generate(bits: 2048)
        let certificate = try build(
            subjectKey: key, subjectCN: commonName, issuer: nil, validDays: validDays,
            extensions: [
                (NID_basic_constraints, "critical,CA:TRUE"),
                (NID_key_usage, "critical,digitalSignature,keyEncipherment,keyCertSign,cRLSign"),
                (NID_ext_key_usage, "serverAuth,clientAuth"),
                (NID_subject_alt_name, subjectAltName(hosts)),
                (NID_subject_key_identifier, "hash"),
                (NID_authority_key_identifier, "keyid:always"),
            ])
        defer { X509_free(certificate) }
        return (try pem(of: certificate), try key.pemRepresentation())
    }

    /// Makes a CA and a server certificate signed by it.
    ///
    /// - Throws: `RSASigningError.Kind.generationFailed`.
    public static func generateChain(
        commonName: String = "localhost", hosts: [String] = ["localhost", "127.0.0.1", "::1"], validDays: Int = 825
    ) throws -> Chain {
        let caKey = try RSAPrivateKey.generate(bits: 2048)
        let ca = try build(
            subjectKey: caKey, subjectCN: "\(commonName) test CA", issuer: nil, validDays: validDays,
            extensions: [
                (NID_basic_constraints, "critical,CA:TRUE"),
                (NID_key_usage, "critical,keyCertSign,cRLSign"),
                (NID_subject_key_identifier, "hash"),
                (NID_authority_key_identifier, "keyid:always"),
            ])
        defer { X509_free(ca) }
        let leafKey = try RSAPrivateKey.generate(bits: 2048)
        let leaf = try build(
            subjectKey: leafKey, subjectCN: commonName, issuer: (ca, caKey), validDays: validDays,
            extensions: [
                (NID_basic_constraints, "critical,CA:FALSE"),
                (NID_key_usage, "critical,digitalSignature,keyEncipherment"),
                (NID_ext_key_usage, "serverAuth"),
                (NID_subject_alt_name, subjectAltName(hosts)),
                (NID_subject_key_identifier, "hash"),
                (NID_authority_key_identifier, "keyid:always"),
            ])
        defer { X509_free(leaf) }
        return Chain(
            caCertificatePEM: try pem(of: ca), certificatePEM: try pem(of: leaf),
            privateKeyPEM: try leafKey.pemRepresentation())
    }

    /// `DNS:a,IP:b` text for X509V3_EXT_conf_nid.
    static func subjectAltName(_ hosts: [String]) -> String {
        hosts.map { isIPAddress($0) ? "IP:\($0)" : "DNS:\($0)" }.joined(separator: ",")
    }

    static func isIPAddress(_ host: String) -> Bool {
        if host.contains(":") { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4
            && parts.allSatisfy { part in
                !part.isEmpty && part.count <= 3 && part.allSatisfy(\.isASCII) && part.allSatisfy(\.isNumber)
                    && (Int(part) ?? 256) <= 255
            }
    }

    private static func pem(of certificate: OpaquePointer) throws -> String {
        try MemoryBIO.writing("certificate") { bio in PEM_write_bio_X509(bio, certificate) }
    }

    /// Builds and signs a certificate; the caller frees the returned X509.
    private static func build(
        subjectKey: RSAPrivateKey, subjectCN: String, issuer: (certificate: OpaquePointer, key: RSAPrivateKey)?,
        validDays: Int, extensions: [(Int32, String)]
    ) throws -> OpaquePointer {
        OpenSSLErrorQueue.clear()
        guard let certificate = X509_new() else {
            throw RSASigningError.fromOpenSSL(.generationFailed, "could not allocate a certificate")
        }
        var handedOver = false
        defer { if !handedOver { X509_free(certificate) } }

        func check(_ ok: Bool, _ step: String) throws {
            if !ok {
                throw RSASigningError.fromOpenSSL(.generationFailed, "certificate generation failed while \(step)")
            }
        }
        try check(X509_set_version(certificate, 2) == 1, "setting the version")
        try setRandomSerial(certificate)
        try check(X509_gmtime_adj(X509_getm_notBefore(certificate), -3600) != nil, "setting notBefore")
        try check(X509_gmtime_adj(X509_getm_notAfter(certificate), validDays * 86_400) != nil, "setting notAfter")
        try check(X509_set_pubkey(certificate, subjectKey.pkey) == 1, "setting the public key")
        let name = X509_get_subject_name(certificate)
        try check(
            X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, subjectCN, -1, -1, 0) == 1, "setting the common name")
        let issuerName = issuer.map { X509_get_subject_name($0.certificate) } ?? name
        try check(X509_set_issuer_name(certificate, issuerName) == 1, "setting the issuer")

        var context = X509V3_CTX()
        X509V3_set_ctx(&context, issuer?.certificate ?? certificate, certificate, nil, nil, 0)
        for (nid, value) in extensions {
            guard let ext = X509V3_EXT_conf_nid(nil, &context, nid, value) else {
                throw RSASigningError.fromOpenSSL(.generationFailed, "could not build certificate extension '\(value)'")
            }
            defer { X509_EXTENSION_free(ext) }
            try check(X509_add_ext(certificate, ext, -1) == 1, "adding extension '\(value)'")
        }
        let signer = issuer?.key ?? subjectKey
        try check(X509_sign(certificate, signer.pkey, EVP_sha256()) > 0, "signing")
        handedOver = true
        return certificate
    }

    private static func setRandomSerial(_ certificate: OpaquePointer) throws {
        var bytes = [UInt8](repeating: 0, count: 16)
        guard RAND_bytes(&bytes, Int32(bytes.count)) == 1 else {
            throw RSASigningError.fromOpenSSL(.generationFailed, "could not draw a random serial number")
        }
        bytes[0] &= 0x7F  // positive
        bytes[0] |= 0x01  // and never zero-length after leading-zero trimming
        guard let number = BN_bin2bn(bytes, Int32(bytes.count), nil) else {
            throw RSASigningError.fromOpenSSL(.generationFailed, "could not build the serial number")
        }
        defer { BN_free(number) }
        guard BN_to_ASN1_INTEGER(number, X509_get_serialNumber(certificate)) != nil else {
            throw RSASigningError.fromOpenSSL(.generationFailed, "could not set the serial number")
        }
    }
}
