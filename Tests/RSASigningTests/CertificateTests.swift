import Foundation
import Testing

@testable import RSASigning

@Suite struct CertificateTests {
    @Test func selfSignedCertificateHasTheExpectedFields() throws {
        let (certificatePEM, keyPEM) = try SelfSignedCertificate.generate(
            commonName: "sfsim.local", hosts: ["localhost", "127.0.0.1", "::1"])
        #expect(certificatePEM.hasPrefix("-----BEGIN CERTIFICATE-----"))
        let folder = try TemporaryFolder()
        let path = try folder.write("cert.pem", certificatePEM)
        // Decoded by Python's ssl module (OpenSSL underneath), an implementation independent of ours.
        let text = try Tool.run("python3", ["-c", Self.decodeScript, path])
        #expect(text.contains("subject=commonName:sfsim.local"))
        #expect(text.contains("issuer=commonName:sfsim.local"))
        #expect(text.contains("san=DNS:localhost"))
        #expect(text.contains("san=IP Address:127.0.0.1"))
        #expect(text.contains("san=IP Address:0:0:0:0:0:0:0:1"))
        #expect(text.contains("version=3"))
        #expect(text.contains("valid=yes"))

        // The key belongs to the certificate: a signature by the key verifies with the certificate.
        let key = try RSAPrivateKey(pem: keyPEM)
        let certificateKey = try RSAPublicKey(certificatePEM: certificatePEM)
        let message = Array("jwt".utf8)
        #expect(certificateKey.verify(signature: try key.sign(message), message: message))
    }

    @Test func chainLeafIsSignedByItsCA() throws {
        let chain = try SelfSignedCertificate.generateChain(commonName: "localhost")
        #expect(chain.chainPEM.components(separatedBy: "-----BEGIN CERTIFICATE-----").count == 3)
        let folder = try TemporaryFolder()
        let caText = try Tool.run(
            "python3", ["-c", Self.decodeScript, try folder.write("ca.pem", chain.caCertificatePEM)])
        let leafText = try Tool.run(
            "python3", ["-c", Self.decodeScript, try folder.write("leaf.pem", chain.certificatePEM)])
        #expect(caText.contains("subject=commonName:localhost test CA"))
        #expect(leafText.contains("subject=commonName:localhost"))
        #expect(leafText.contains("issuer=commonName:localhost test CA"))
        // The private key is the leaf's, not the CA's.
        let key = try RSAPrivateKey(pem: chain.privateKeyPEM)
        let message = Array("x".utf8)
        #expect(
            try RSAPublicKey(certificatePEM: chain.certificatePEM).verify(
                signature: key.sign(message), message: message))
        #expect(
            !(try RSAPublicKey(certificatePEM: chain.caCertificatePEM).verify(
                signature: key.sign(message), message: message)))
    }

    static let decodeScript = """
        import ssl, sys, time
        info = ssl._ssl._test_decode_cert(sys.argv[1])
        for rdn in info["subject"]:
            for name, value in rdn:
                print("subject=%s:%s" % (name, value))
        for rdn in info["issuer"]:
            for name, value in rdn:
                print("issuer=%s:%s" % (name, value))
        for kind, value in info.get("subjectAltName", ()):
            print("san=%s:%s" % (kind, value))
        print("version=%d" % info["version"])
        now = time.time()
        ok = ssl.cert_time_to_seconds(info["notBefore"]) <= now < ssl.cert_time_to_seconds(info["notAfter"])
        print("valid=%s" % ("yes" if ok else "no"))
        """

    /// A real TLS handshake by Python's `ssl` (OpenSSL) in strict X.509 mode, the verifier that
    /// simple-salesforce and requests use, over loopback, by host name and by IP address.
    @Test(arguments: [false, true])
    func pythonStrictTLSClientAcceptsTheCertificate(useChain: Bool) throws {
        let folder = try TemporaryFolder()
        let certificatePath: String
        let keyPath: String
        let caPath: String
        if useChain {
            let chain = try SelfSignedCertificate.generateChain()
            certificatePath = try folder.write("chain.pem", chain.chainPEM)
            keyPath = try folder.write("key.pem", chain.privateKeyPEM)
            caPath = try folder.write("ca.pem", chain.caCertificatePEM)
        } else {
            let (certificate, key) = try SelfSignedCertificate.generate()
            certificatePath = try folder.write("cert.pem", certificate)
            keyPath = try folder.write("key.pem", key)
            caPath = certificatePath
        }
        let output = try Tool.run("python3", ["-c", Self.handshakeScript, certificatePath, keyPath, caPath])
        #expect(output.contains("localhost ok"))
        #expect(output.contains("127.0.0.1 ok"))
    }

    @Test func ipAddressDetection() {
        #expect(SelfSignedCertificate.isIPAddress("127.0.0.1"))
        #expect(SelfSignedCertificate.isIPAddress("::1"))
        #expect(!SelfSignedCertificate.isIPAddress("localhost"))
        #expect(!SelfSignedCertificate.isIPAddress("1.2.3"))
        #expect(!SelfSignedCertificate.isIPAddress("999.0.0.1"))
        #expect(SelfSignedCertificate.subjectAltName(["a.test", "10.0.0.1"]) == "DNS:a.test,IP:10.0.0.1")
    }

    static let handshakeScript = """
        import socket, ssl, sys, threading
        cert, key, ca = sys.argv[1:4]
        server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        server_ctx.load_cert_chain(cert, key)
        listener = socket.create_server(("127.0.0.1", 0))
        port = listener.getsockname()[1]
        def serve():
            for _ in range(2):
                conn, _ = listener.accept()
                try:
                    with server_ctx.wrap_socket(conn, server_side=True) as tls:
                        tls.sendall(b"hi")
                except Exception:
                    pass
        thread = threading.Thread(target=serve, daemon=True)
        thread.start()
        client_ctx = ssl.create_default_context(cafile=ca)
        client_ctx.verify_flags |= ssl.VERIFY_X509_STRICT
        for name in ("localhost", "127.0.0.1"):
            with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
                with client_ctx.wrap_socket(raw, server_hostname=name) as tls:
                    assert tls.recv(2) == b"hi"
                    print(name, "ok", flush=True)
        thread.join(10)
        """
}
