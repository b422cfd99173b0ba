import Foundation

/// Certificates for `--tls-self-signed DIR`.
public enum TLSFiles {
    /// Paths of the server certificate and key, and the PEM certificate the default connected app
    /// trusts for JWT (nil when not generated).
    public struct Paths: Sendable {
        public let certificate: String
        public let key: String
        public let jwtCertificate: String?
    }

    /// Writes (or reuses) `DIR/ca.pem`, `DIR/server-key.pem` and the JWT key pair.
    public static func selfSigned(directory: String, host: String) throws -> Paths {
        throw ConfigurationError("--tls-self-signed needs the RSASigning module, which this build lacks; use --tls-cert/--tls-key")
    }
}
