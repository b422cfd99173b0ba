import CCrypto

/// Everything that can go wrong while reading keys, signing or minting certificates.
///
/// The description is one sentence a person can act on; OpenSSL's own reason text is appended
/// because it is often the only clue to a malformed file.
public struct RSASigningError: Error, Sendable, CustomStringConvertible {
    /// The class of failure, so callers can branch without parsing text.
    public enum Kind: Sendable, Equatable {
        /// The PEM text holds no key or certificate OpenSSL could read.
        case invalidPEM
        /// The key is protected by a passphrase, which sfbatch does not prompt for.
        case encryptedKey
        /// The key is not an RSA key (RS256 needs RSA).
        case notRSA
        /// Signing failed inside OpenSSL.
        case signingFailed
        /// Key or certificate generation failed inside OpenSSL.
        case generationFailed
        /// A base64 or base64url text could not be decoded.
        case invalidBase64
        /// A digest could not be computed inside OpenSSL (allocation failure or misuse).
        case digestFailed
    }

    /// What went wrong.
    public let kind: Kind
    /// The actionable sentence.
    public let message: String
    /// OpenSSL's error queue at the time of failure, if it had anything to say.
    public let openSSLReason: String?

    init(_ kind: Kind, _ message: String, openSSLReason: String? = nil) {
        self.kind = kind
        self.message = message
        self.openSSLReason = openSSLReason
    }

    /// Builds an error and drains OpenSSL's per-thread error queue into it.
    static func fromOpenSSL(_ kind: Kind, _ message: String) -> RSASigningError {
        RSASigningError(kind, message, openSSLReason: OpenSSLErrorQueue.drain())
    }

    public var description: String {
        guard let reason = openSSLReason, !reason.isEmpty else { return message }
        return "\(message) (OpenSSL: \(reason))"
    }
}

/// Reads and clears OpenSSL's thread-local error queue.
enum OpenSSLErrorQueue {
    /// Clears stale entries so a later `drain()` reports only the current failure.
    static func clear() { ERR_clear_error() }

    /// Returns the queued reasons, oldest first, joined with "; ", or nil when empty.
    static func drain() -> String? {
        var reasons: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            reasons.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return reasons.isEmpty ? nil : reasons.joined(separator: "; ")
    }
}
