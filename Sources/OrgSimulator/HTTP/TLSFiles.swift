import Foundation
import RSASigning

/// Certificates for `--tls-self-signed DIR`, generated once and reused on later runs so clients
/// keep trusting the same CA.
///
/// Files: `ca.pem` (hand to clients: `--cacert`, `REQUESTS_CA_BUNDLE`), `server.pem` (leaf + CA
/// chain), `server-key.pem`, and for the JWT bearer grant `jwt-private-key.pem` /
/// `jwt-certificate.pem` (the default connected app trusts that certificate).
public enum TLSFiles {
    /// Paths of the server chain and key, and the PEM text of the JWT certificate.
    public struct Paths: Sendable {
        public let certificate: String
        public let key: String
        public let jwtCertificate: String?
    }

    /// Writes (or reuses) the files in `directory` for `host`.
    /// - Throws: `ConfigurationError` naming the file that cannot be written.
    public static func selfSigned(directory: String, host: String) throws -> Paths {
        let fm = FileManager.default
        try? fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
        func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }
        let ca = path("ca.pem")
        let chain = path("server.pem")
        let key = path("server-key.pem")
        let jwtKey = path("jwt-private-key.pem")
        let jwtCert = path("jwt-certificate.pem")
        if !(fm.fileExists(atPath: ca) && fm.fileExists(atPath: chain) && fm.fileExists(atPath: key)) {
            var hosts = ["localhost", "127.0.0.1", "::1"]
            if !hosts.contains(host), host != "0.0.0.0", host != "::" { hosts.append(host) }
            let generated: SelfSignedCertificate.Chain
            do { generated = try SelfSignedCertificate.generateChain(commonName: "localhost", hosts: hosts) } catch {
                throw ConfigurationError("cannot generate the TLS certificate: \(error)")
            }
            try write(generated.caCertificatePEM, to: ca, mode: 0o644)
            try write(generated.chainPEM, to: chain, mode: 0o644)
            try write(generated.privateKeyPEM, to: key, mode: 0o600)
        }
        if !(fm.fileExists(atPath: jwtKey) && fm.fileExists(atPath: jwtCert)) {
            do {
                let pair = try SelfSignedCertificate.generate(commonName: "sfsim-jwt", hosts: ["localhost"])
                try write(pair.privateKeyPEM, to: jwtKey, mode: 0o600)
                try write(pair.certificatePEM, to: jwtCert, mode: 0o644)
            } catch let error as ConfigurationError {
                throw error
            } catch {
                throw ConfigurationError("cannot generate the JWT certificate: \(error)")
            }
        }
        let jwt = fm.contents(atPath: jwtCert).map { String(decoding: $0, as: UTF8.self) }
        return Paths(certificate: chain, key: key, jwtCertificate: jwt)
    }

    static func write(_ text: String, to path: String, mode: Int) throws {
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: mode])
        else { throw ConfigurationError("cannot write '\(path)'") }
    }
}
